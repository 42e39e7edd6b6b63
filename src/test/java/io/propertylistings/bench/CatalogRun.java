package io.propertylistings.bench;

import io.propertylistings.support.BackingServices;
import io.propertylistings.support.Http;
import io.propertylistings.support.PayaraMicroProcess;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A catalog under edits: clients reading the details of random properties (4 in 5 requests) and the first 5
 * pages, while properties are written through the API: one write a second, then one request in ten. Counts
 * req/s and the hit ratio of details and of pages, from {@code X-Cache}. The suite runs it (section 6a);
 * {@code bench/catalog.sh [WAR]} runs it alone on 1,000 properties, with any build's WAR, so that two builds can
 * be compared on the same machine one after the other.
 */
public final class CatalogRun {

    static final int ROWS = 1_000;
    static final int CLIENTS = 8;
    private static final int SECONDS = Integer.getInteger("catalog.seconds", 20);

    /** One run's figures: requests per second, and the hit ratios of details and of pages, in percent. */
    record Result(String setting, double requestsPerSecond, double detailHitRatio, double pageHitRatio, long writes) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "  %-20s %6.0f req/s, detail hit ratio %5.1f %%, page hit ratio %5.1f %%"
                    + " (%d writes)", setting, requestsPerSecond, detailHitRatio, pageHitRatio, writes);
        }
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(System.getProperty("bench.target", "target"));
        System.setProperty("it.war", System.getProperty("catalog.war", target.resolve("property-listings.war").toString()));
        System.setProperty("it.serverRuntime", target.resolve("server-runtime").toString());
        Path work = target.resolve("catalog-run");
        List<Result> results = new ArrayList<>();
        try (BackingServices services = BackingServices.startLocal(work.resolve("services"));
                PayaraMicroProcess node = PayaraMicroProcess.start(work.resolve("node"), services.environment())) {
            try (Connection connection = services.openDatabase(); Statement statement = connection.createStatement()) {
                statement.executeUpdate("INSERT INTO property (title, description, price, location) SELECT "
                        + "'Home ' || n, 'A home for the catalog run', 100000 + n, 'City ' || (n % 20) "
                        + "FROM generate_series(1, " + ROWS + ") AS n");
            }
            Http http = new Http(node.application());
            List<Long> ids = ids(http);
            warm(http, ids);
            results.add(run(http, http.asAdmin(), ids, 0, SECONDS));
            results.add(run(http, http.asAdmin(), ids, 10, SECONDS));
        }
        System.out.println();
        System.out.println("Catalog of " + ROWS + " properties, " + CLIENTS + " clients, " + SECONDS + " s each ("
                + System.getProperty("it.war") + "):");
        results.forEach(System.out::println);
    }

    /** Reads every detail and page once: the runs measure a warm catalog, not first reads. */
    static void warm(Http http, List<Long> ids) {
        ids.forEach(id -> http.get("properties/" + id));
        for (int page = 1; page <= 5; page++) {
            http.get("properties/?page=" + page);
        }
    }

    /** The ids of every property. */
    static List<Long> ids(Http http) {
        List<Long> ids = new ArrayList<>();
        Http.json(http.get("properties/")).getJsonArray("properties")
                .forEach(p -> ids.add(p.asJsonObject().getJsonNumber("id").longValue()));
        return ids;
    }

    /** {@code writePercent} 0: one write a second, by a client of its own; else that share of the requests. */
    static Result run(Http http, Http admin, List<Long> ids, int writePercent, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong requests = new AtomicLong();
        AtomicLong writes = new AtomicLong();
        long[][] outcomes = new long[CLIENTS][4]; // detail reads, detail hits, page reads, page hits
        ExecutorService threads = Executors.newFixedThreadPool(CLIENTS + 1);
        List<Future<?>> workers = new ArrayList<>();
        if (writePercent == 0) {
            workers.add(threads.submit(() -> {
                while (System.nanoTime() < deadline) {
                    write(admin, ids);
                    writes.incrementAndGet();
                    TimeUnit.SECONDS.sleep(1); // the pace: one write a second
                }
                return null;
            }));
        }
        for (int c = 0; c < CLIENTS; c++) {
            long[] mine = outcomes[c];
            workers.add(threads.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < deadline) {
                    requests.incrementAndGet();
                    if (random.nextInt(100) < writePercent) {
                        write(admin, ids);
                        writes.incrementAndGet();
                        continue;
                    }
                    boolean detail = random.nextInt(5) < 4;
                    HttpResponse<byte[]> answer = http.get(detail ? "properties/" + ids.get(random.nextInt(ids.size()))
                            : "properties/?page=" + (1 + random.nextInt(5)));
                    mine[detail ? 0 : 2]++;
                    mine[detail ? 1 : 3] += "HIT".equals(Http.cacheOutcome(answer)) ? 1 : 0;
                }
                return null;
            }));
        }
        try {
            for (Future<?> worker : workers) {
                worker.get(seconds + 60L, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        long[] sum = new long[4];
        for (long[] client : outcomes) {
            for (int i = 0; i < 4; i++) {
                sum[i] += client[i];
            }
        }
        return new Result(writePercent == 0 ? "one write a second" : writePercent + " % writes",
                requests.get() / (double) seconds, 100.0 * sum[1] / Math.max(1, sum[0]),
                100.0 * sum[3] / Math.max(1, sum[2]), writes.get());
    }

    private static void write(Http admin, List<Long> ids) {
        long id = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
        admin.send("PATCH", "properties/" + id, "application/merge-patch+json",
                "{\"price\":" + ThreadLocalRandom.current().nextInt(1, 1_000_000) + "}");
    }
}
