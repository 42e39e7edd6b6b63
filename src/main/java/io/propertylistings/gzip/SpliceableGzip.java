package io.propertylistings.gzip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A gzip that can be wrapped in more bytes without inflating it again: its deflate data ends with a sync flush
 * (byte aligned, not final) followed by an empty final block. So {@link #splice} can put compressed bytes
 * before and after it, and combine the CRCs, to make the gzip of {@code prefix + content + suffix} at the cost
 * of a copy. It is an ordinary gzip on its own too.
 */
public final class SpliceableGzip {

    /**
     * zlib's fastest: the list's gzip is made on a cold request, where the time of a higher level costs more
     * than its smaller gzip saves (bench/NOTES.md, MissPathSteps); the other responses keep level 6.
     */
    static final int LEVEL = Deflater.BEST_SPEED;
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    // An empty stored block (what a sync flush ends with), then an empty final block with fixed codes.
    private static final byte[] ENDING = {0, 0, (byte) 0xff, (byte) 0xff, 3, 0};
    private static final int TRAILER = 8;

    private SpliceableGzip() {
    }

    /** Compresses what is written to it; {@link Writer#finish()} answers the gzip. */
    public static Writer writer(int expectedBytes) {
        return new Writer(expectedBytes);
    }

    public static byte[] of(byte[] content) {
        Writer writer = writer(content.length);
        writer.write(content, 0, content.length);
        return writer.finish();
    }

    /** The gzip of {@code prefix + content of gzip + suffix}; an IllegalArgumentException if it is not one of these. */
    public static byte[] splice(byte[] prefix, byte[] gzip, byte[] suffix) {
        check(gzip);
        int dataEnd = gzip.length - TRAILER - 2; // without the empty final block
        byte[] head = deflate(prefix, false);
        byte[] tail = deflate(suffix, true);
        long contentLength = identityLength(gzip);
        long crc = Crc32.combine(crc(prefix), littleEndian(gzip, gzip.length - TRAILER), contentLength);
        crc = Crc32.combine(crc, crc(suffix), suffix.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(
                HEADER.length + head.length + dataEnd + tail.length + TRAILER);
        out.write(HEADER, 0, HEADER.length);
        out.write(head, 0, head.length);
        out.write(gzip, HEADER.length, dataEnd - HEADER.length);
        out.write(tail, 0, tail.length);
        writeTrailer(out, crc, prefix.length + contentLength + suffix.length);
        return out.toByteArray();
    }

    /** Whether {@code gzip} has the shape {@link #splice} needs; an IllegalArgumentException if not. */
    public static void check(byte[] gzip) {
        if (gzip.length < HEADER.length + ENDING.length + TRAILER
                || !Arrays.equals(gzip, 0, 3, HEADER, 0, 3)
                || !Arrays.equals(gzip, gzip.length - TRAILER - ENDING.length, gzip.length - TRAILER, ENDING, 0,
                        ENDING.length)) {
            throw new IllegalArgumentException("not a spliceable gzip");
        }
    }

    /** The length of the content, from the gzip's trailer (modulo 2^32, as gzip keeps it). */
    public static long identityLength(byte[] gzip) {
        return littleEndian(gzip, gzip.length - 4);
    }

    // A segment on its own: ending in a sync flush to be followed by more, or in a final block.
    private static byte[] deflate(byte[] data, boolean last) {
        Deflater deflater = new Deflater(LEVEL, true);
        try {
            deflater.setInput(data);
            if (last) {
                deflater.finish();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 16);
            byte[] buffer = new byte[256];
            int n;
            do {
                n = deflater.deflate(buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
                out.write(buffer, 0, n);
            } while (n == buffer.length || (last && !deflater.finished()));
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    private static long littleEndian(byte[] bytes, int at) {
        return (bytes[at] & 0xffL) | (bytes[at + 1] & 0xffL) << 8 | (bytes[at + 2] & 0xffL) << 16
                | (bytes[at + 3] & 0xffL) << 24;
    }

    private static void writeTrailer(ByteArrayOutputStream out, long crc, long length) {
        for (long value : new long[] {crc, length}) {
            for (int shift = 0; shift < 32; shift += 8) {
                out.write((int) (value >>> shift) & 0xff);
            }
        }
    }

    /** An OutputStream that gzips into memory, in the spliceable shape. */
    public static final class Writer extends OutputStream {

        private final ByteArrayOutputStream out;
        private final Deflater deflater = new Deflater(LEVEL, true);
        private final DeflaterOutputStream deflating;
        private final CRC32 crc = new CRC32();
        private long length;

        private Writer(int expectedBytes) {
            out = new ByteArrayOutputStream(Math.max(64, expectedBytes / 6));
            out.write(HEADER, 0, HEADER.length);
            deflating = new DeflaterOutputStream(out, deflater, 64 * 1024, true);
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int count) {
            try {
                deflating.write(bytes, offset, count);
            } catch (IOException e) {
                throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
            }
            crc.update(bytes, offset, count);
            length += count;
        }

        /** Ends the stream (the sync flush, then the empty final block) and answers the gzip. */
        public byte[] finish() {
            try {
                deflating.flush();
                deflating.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deflater.end();
            }
            writeTrailer(out, crc.getValue(), length);
            return out.toByteArray();
        }
    }
}
