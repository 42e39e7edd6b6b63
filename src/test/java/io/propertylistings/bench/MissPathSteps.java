package io.propertylistings.bench;

import io.propertylistings.gzip.Gzip;
import io.propertylistings.properties.entity.PropertyJsonWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What each step of the list's miss path costs, in one JVM, without a server: the benchmark's rows (from
 * {@link Seeder}) as JSON by {@code PropertyJsonWriter} and streamed into the list's gzip, deflate at levels 1
 * and 6, the splice of a stored gzip into the response's, inflating it, and the SHA-256 behind an ETag.
 * Medians of 40, after 20 that warm the JIT.
 *
 * <pre>./mvnw -q test-compile exec:java -Dexec.mainClass=io.propertylistings.bench.MissPathSteps \
 *     -Dexec.classpathScope=test -Dexec.args=10000</pre>
 */
public final class MissPathSteps {

    private record Row(long id, String title, String description, BigDecimal price, String location,
            OffsetDateTime createdAt) {
    }

    private MissPathSteps() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        List<Row> rows = rows(count);
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        writer(rows, written);
        byte[] body = written.toByteArray();
        Gzip.Writer list = Gzip.writer(1 << 18);
        writer(rows, list);
        byte[] stored = list.gzip();

        print("%,d rows, %,d bytes of JSON; gzip level 6 %,d bytes, level 1 %,d", count, body.length,
                gzip(body, 6).length, gzip(body, 1).length);
        print("JSON, PropertyJsonWriter:         %6.2f ms", median(() -> writer(rows, new ByteArrayOutputStream(1 << 16))));
        print("JSON streamed into the list gzip: %6.2f ms", median(() -> {
            Gzip.Writer gzip = Gzip.writer(1 << 18);
            writer(rows, gzip);
            gzip.gzip();
        }));
        print("gzip of the body, level 6:        %6.2f ms", median(() -> gzip(body, 6)));
        print("gzip of the body, level 1:        %6.2f ms", median(() -> gzip(body, 1)));
        print("gunzip of the body:               %6.2f ms", median(() -> gunzip(stored)));
        print("SHA-256 of the body / of its gzip: %5.2f / %.2f ms", median(() -> sha256(body)),
                median(() -> sha256(stored)));
    }

    private static List<Row> rows(int count) {
        List<Row> rows = new ArrayList<>(count);
        StringBuilder line = new StringBuilder();
        for (long id = 1; id <= count; id++) {
            line.setLength(0);
            Seeder.row(line, id);
            String[] columns = line.toString().strip().split("\t");
            rows.add(new Row(id, columns[0], columns[1], new BigDecimal(columns[2]), columns[3],
                    OffsetDateTime.parse(columns[4])));
        }
        return rows;
    }

    private static void writer(List<Row> rows, OutputStream out) {
        try (PropertyJsonWriter json = PropertyJsonWriter.listBody(out)) {
            for (Row row : rows) {
                json.write(row.id(), row.title(), row.description(), row.price(), row.location(), row.createdAt());
            }
        }
    }

    private static byte[] gzip(byte[] data, int level) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(level);
            }
        }) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double median(Runnable step) {
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            long started = System.nanoTime();
            step.run();
            if (i >= 20) { // the first 20 warm the JIT
                millis.add((System.nanoTime() - started) / 1e6);
            }
        }
        return Samples.median(millis);
    }

    private static void print(String format, Object... values) {
        System.out.println(String.format(Locale.ROOT, format, values));
    }

    // What the ETag of a stored body costs: its SHA-256.
    private static byte[] sha256(byte[] body) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256").digest(body);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
