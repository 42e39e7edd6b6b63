package io.propertylistings.gzip;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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

    public static byte[] decompress(byte[] data) {
        try (GZIPInputStream gzip = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return gzip.readAllBytes();
        } catch (IOException e) {
            throw new IllegalArgumentException("stored gzip body is corrupt", e);
        }
    }
}
