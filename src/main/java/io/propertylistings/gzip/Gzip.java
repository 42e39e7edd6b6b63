package io.propertylistings.gzip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** gzip with the JDK's zlib: what HTTP clients accept, so a stored copy is served without re-encoding. */
public final class Gzip {

    private Gzip() {
    }

    public static byte[] compress(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A cheap check that {@code data} is framed as a gzip (magic, method, room for the trailer), for a stored
     * copy whose inflation is put off; damage inside the deflate data shows only when it is inflated.
     */
    public static void checkFraming(byte[] data) {
        if (data.length < 18 || data[0] != 0x1f || data[1] != (byte) 0x8b || data[2] != 8) {
            throw new IllegalArgumentException("stored gzip body is corrupt");
        }
    }

    /** The length of the content, from the gzip's trailer (modulo 2^32, as gzip keeps it). */
    public static long identityLength(byte[] gzip) {
        int at = gzip.length - 4;
        return (gzip[at] & 0xffL) | (gzip[at + 1] & 0xffL) << 8 | (gzip[at + 2] & 0xffL) << 16
                | (gzip[at + 3] & 0xffL) << 24;
    }

    /**
     * Gzips what is written to it into memory at zlib's fastest level: for a body made on a cold request, where
     * a higher level costs more time than its smaller gzip saves (bench/NOTES.md, MissPathSteps).
     */
    public static Writer writer(int expectedBytes) {
        return writer(expectedBytes, 0);
    }

    /**
     * As {@link #writer(int)}, and keeps the bytes written as they are while they are at most {@code
     * keepIdentityUpTo}: a client without gzip then gets them instead of an inflated copy of the gzip.
     */
    public static Writer writer(int expectedBytes, int keepIdentityUpTo) {
        try {
            return new Writer(new ByteArrayOutputStream(expectedBytes), keepIdentityUpTo);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // into memory: does not happen
        }
    }

    /** A gzip being written; {@link #gzip()} after {@link #close()}. */
    public static final class Writer extends GZIPOutputStream {

        private final ByteArrayOutputStream out;
        private final int keepIdentityUpTo;
        private ByteArrayOutputStream identity;

        private Writer(ByteArrayOutputStream out, int keepIdentityUpTo) throws IOException {
            super(out, 8192);
            this.out = out;
            this.keepIdentityUpTo = keepIdentityUpTo;
            this.identity = keepIdentityUpTo > 0 ? new ByteArrayOutputStream(Math.min(keepIdentityUpTo, 1 << 16)) : null;
            def.setLevel(Deflater.BEST_SPEED);
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            super.write(bytes, offset, length);
            if (identity != null) {
                if (identity.size() + length > keepIdentityUpTo) {
                    identity = null; // too large to keep: an identity client's copy is inflated when asked for
                } else {
                    identity.write(bytes, offset, length);
                }
            }
        }

        public byte[] gzip() {
            try {
                finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e); // into memory: does not happen
            }
            return out.toByteArray();
        }

        /** The bytes written, if they were kept. */
        public Optional<byte[]> identity() {
            return Optional.ofNullable(identity).map(ByteArrayOutputStream::toByteArray);
        }
    }

    public static byte[] decompress(byte[] data) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("stored gzip body is corrupt", e);
        }
    }
}
