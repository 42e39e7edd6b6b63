package io.propertylistings.gzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

public class SpliceableGzipTest {

    private static final byte[] PREFIX = "{\"properties\":".getBytes(StandardCharsets.UTF_8);
    private static final byte[] SUFFIX = ",\"count\":2}".getBytes(StandardCharsets.UTF_8);

    @Test
    void isAnOrdinaryGzipOnItsOwn() throws IOException {
        byte[] content = json(3_000);
        assertArrayEquals(content, gunzip(SpliceableGzip.of(content)));
        assertArrayEquals(new byte[0], gunzip(SpliceableGzip.of(new byte[0])));
    }

    @Test
    void splicedIsTheGzipOfTheWhole() throws IOException {
        for (byte[] content : new byte[][] {"[]".getBytes(StandardCharsets.UTF_8), json(1), json(20_000), random(100_000)}) {
            byte[] spliced = SpliceableGzip.splice(PREFIX, SpliceableGzip.of(content), SUFFIX);
            assertArrayEquals(concat(PREFIX, content, SUFFIX), gunzip(spliced));
            assertEquals(PREFIX.length + content.length + SUFFIX.length, SpliceableGzip.identityLength(spliced));
        }
    }

    @Test
    void writtenInPiecesIsTheSameAsAtOnce() {
        byte[] content = json(5_000);
        SpliceableGzip.Writer writer = SpliceableGzip.writer(16);
        for (int at = 0; at < content.length; at += 777) {
            writer.write(content, at, Math.min(777, content.length - at));
        }
        assertArrayEquals(SpliceableGzip.of(content), writer.finish());
    }

    @Test
    void refusesAGzipThatEndsInAFinalBlockWithData() throws IOException {
        java.io.ByteArrayOutputStream plain = new java.io.ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(plain)) {
            gzip.write(json(100));
        }
        assertThrows(IllegalArgumentException.class, () -> SpliceableGzip.splice(PREFIX, plain.toByteArray(), SUFFIX));
        byte[] spliceable = SpliceableGzip.of(json(100));
        assertThrows(IllegalArgumentException.class,
                () -> SpliceableGzip.check(Arrays.copyOf(spliceable, spliceable.length - 1)));
        assertThrows(IllegalArgumentException.class, () -> SpliceableGzip.check(new byte[3]));
    }

    @Test
    void combinesCrcsAsIfComputedOverTheWhole() {
        byte[] a = random(1_000);
        for (int lengthB : new int[] {0, 1, 7, 4_096, 123_457}) {
            byte[] b = random(lengthB);
            assertEquals(crc(concat(a, b)), Crc32.combine(crc(a), crc(b), b.length));
        }
        assertEquals(crc(random(10)), Crc32.combine(crc(new byte[0]), crc(random(10)), 10));
    }

    public static byte[] json(int rows) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 1; i <= rows; i++) {
            json.append(i > 1 ? "," : "").append("{\"id\":").append(i).append(",\"title\":\"Loft ").append(i)
                    .append(" in Berlin ✓\",\"price\":\"").append(i * 37 % 100_000).append(".00\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] random(int length) {
        byte[] bytes = new byte[length];
        new Random(length).nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static long crc(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return crc.getValue();
    }

    static byte[] gunzip(byte[] gzip) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}
