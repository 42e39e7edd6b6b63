package io.propertylistings.gzip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

public class GzipTest {

    @Test
    void aWrittenGzipInflatesToWhatWasWrittenAndKnowsItsLength() throws IOException {
        byte[] json = json(2_000);
        Gzip.Writer writer = Gzip.writer(1 << 10);
        writer.write(json, 0, 1000);
        writer.write(json, 1000, json.length - 1000);
        writer.close();
        byte[] gzip = writer.gzip();

        assertArrayEquals(json, Gzip.decompress(gzip));
        assertEquals(json.length, Gzip.identityLength(gzip));
        Gzip.checkFraming(gzip);
        assertArrayEquals(json, Gzip.decompress(Gzip.compress(json)));
    }

    @Test
    void aWriterKeepsWhatWasWrittenOnlyUpToItsLimit() throws IOException {
        byte[] json = json(2_000);
        Gzip.Writer kept = Gzip.writer(1 << 10, json.length);
        Gzip.Writer dropped = Gzip.writer(1 << 10, json.length - 1);
        for (Gzip.Writer writer : new Gzip.Writer[] {kept, dropped}) {
            writer.write(json, 0, 1000);
            writer.write(json, 1000, json.length - 1000);
            writer.close();
            assertArrayEquals(json, Gzip.decompress(writer.gzip()));
        }

        assertArrayEquals(json, kept.identity().orElseThrow());
        assertTrue(dropped.identity().isEmpty());
        assertTrue(Gzip.writer(1 << 10).identity().isEmpty());
    }

    @Test
    void aDamagedGzipIsRefused() {
        byte[] gzip = Gzip.compress(json(10));
        assertThrows(IllegalArgumentException.class, () -> Gzip.checkFraming(Arrays.copyOf(gzip, 10)));
        gzip[0] = 0;
        assertThrows(IllegalArgumentException.class, () -> Gzip.checkFraming(gzip));
        assertThrows(IllegalArgumentException.class, () -> Gzip.decompress(gzip));
    }

    /** A JSON array of {@code rows} properties, with text outside ASCII. */
    public static byte[] json(int rows) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 1; i <= rows; i++) {
            json.append(i > 1 ? "," : "").append("{\"id\":").append(i).append(",\"title\":\"Loft ").append(i)
                    .append(" in Berlin ✓\",\"price\":\"").append(i * 37 % 100_000).append(".00\"}");
        }
        return json.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }
}
