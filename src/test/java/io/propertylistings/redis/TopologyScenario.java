package io.propertylistings.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.BackingServices;
import io.propertylistings.support.Http;
import io.propertylistings.support.MetricsScrape;
import io.propertylistings.support.PayaraMicroEnvironment;
import io.propertylistings.support.PayaraMicroProcess;
import jakarta.json.JsonObject;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The black-box checks run against the WAR on a Redis topology (Sentinel, Cluster): on its own Payara Micro
 * process configured by environment variables, with a database of its own in the suite's PostgreSQL.
 */
final class TopologyScenario implements AutoCloseable {

    private final PayaraMicroProcess server;
    private final AutoCloseable topology;
    final Http app;
    final Http admin;

    private TopologyScenario(PayaraMicroProcess server, AutoCloseable topology) {
        this.server = server;
        this.topology = topology;
        this.app = new Http(server.application());
        this.admin = app.asAdmin();
    }

    /**
     * The WAR on Payara Micro with {@code redis} as its Redis configuration, and an empty database. The scenario
     * owns {@code topology}, the Redis processes that configuration names: it stops them when it stops, or at
     * once when it cannot start.
     */
    static TopologyScenario start(String name, AutoCloseable topology, Map<String, String> redis) throws Exception {
        try {
            return start(name, redis, topology);
        } catch (Exception | Error e) {
            topology.close();
            throw e;
        }
    }

    private static TopologyScenario start(String name, Map<String, String> redis, AutoCloseable topology)
            throws Exception {
        BackingServices services = PayaraMicroEnvironment.services();
        String database = "topology_" + name;
        try (Connection connection = DriverManager.getConnection(services.localPostgres().orElseThrow().adminUrl("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + database);
            statement.execute("CREATE DATABASE " + database + " OWNER " + services.database().user());
        }
        Map<String, String> environment = new LinkedHashMap<>(services.environment());
        environment.put("PROPERTIES_DB_NAME", database);
        environment.remove("REDIS_ADDRESS");
        environment.putAll(redis);
        // These checks count what one read loads right after a write, which a background warm-up would race.
        environment.put("CACHING_WARM_ENABLED", "false");
        Path work = Path.of(System.getProperty("it.workDirectory"), "topology-" + name);
        return new TopologyScenario(PayaraMicroProcess.start(work.resolve("payara"), environment), topology);
    }

    String logTail() {
        return server.logTail();
    }

    long create(String title, String price) {
        HttpResponse<byte[]> created = admin.send("POST", "properties/", "application/json",
                "{\"title\":\"" + title + "\",\"description\":\"topology check\",\"price\":\"" + price
                        + "\",\"location\":\"Topology\"}");
        assertEquals(201, created.statusCode(), () -> "POST: " + Http.text(created));
        return Http.json(created).getJsonNumber("id").longValue();
    }

    /** The core cache behaviour: list MISS then HIT, a write evicts, the detail is cached. */
    void cacheBehaves() {
        long id = create("Topology list check", "100000");
        HttpResponse<byte[]> miss = app.get("properties/");
        assertEquals(200, miss.statusCode());
        assertEquals("MISS", cacheHeader(miss), "first read after a write");
        assertTrue(Http.text(miss).contains("Topology list check"));
        HttpResponse<byte[]> hit = app.get("properties/");
        assertEquals("HIT", cacheHeader(hit), "second read");
        assertEquals(Http.text(miss), Http.text(hit));

        HttpResponse<byte[]> patched = admin.send("PATCH", "properties/" + id, "application/merge-patch+json",
                "{\"price\":\"123456.78\"}");
        assertEquals(200, patched.statusCode(), () -> Http.text(patched));
        HttpResponse<byte[]> afterWrite = app.get("properties/");
        assertEquals("MISS", cacheHeader(afterWrite), "the write evicted the list");
        assertTrue(Http.text(afterWrite).contains("\"123456.78\""), "the read sees the write");

        HttpResponse<byte[]> detailMiss = app.get("properties/" + id);
        assertEquals(200, detailMiss.statusCode());
        assertEquals("MISS", cacheHeader(detailMiss));
        HttpResponse<byte[]> detailHit = app.get("properties/" + id);
        assertEquals("HIT", cacheHeader(detailHit));
        assertEquals("123456.78", Http.json(detailHit).getString("price"));
        String etag = detailHit.headers().firstValue("ETag").orElseThrow();
        HttpResponse<byte[]> revalidated = app.send(app.request("properties/" + id).header("If-None-Match", etag).GET().build());
        assertEquals(304, revalidated.statusCode());
    }

    /** Concurrent cold reads of one request make one load. */
    void stampedeMakesOneLoad(int readers) throws Exception {
        create("Topology stampede", "200000");
        String path = "properties/?location=topology&sort=-price&size=" + (readers + 7);
        long before = MetricsScrape.of(app).cache("loads", "response");
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpResponse<byte[]>>> answers = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return app.get(path);
                }));
            }
            start.countDown();
            String body = null;
            for (Future<HttpResponse<byte[]>> answer : answers) {
                HttpResponse<byte[]> response = answer.get(60, TimeUnit.SECONDS);
                assertEquals(200, response.statusCode());
                body = body == null ? Http.text(response) : body;
                assertEquals(body, Http.text(response), "every reader gets the same answer");
            }
        } finally {
            pool.shutdownNow();
        }
        long after = MetricsScrape.of(app).cache("loads", "response");
        assertEquals(before + 1, after, readers + " concurrent cold reads, one resource invocation");
    }

    /** {@code redis_up} is 1 and {@code redis_keyspace_hits} reaches {@code expectedHits} (INFO is cached 1 s). */
    void keyspaceGaugesShow(LongSupplier expectedHits) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long expected = -1;
        double shown = -1;
        while (System.nanoTime() < deadline) {
            expected = expectedHits.getAsLong();
            MetricsScrape scrape = MetricsScrape.of(app);
            assertEquals(1.0, scrape.require("redis_up"));
            shown = scrape.require("redis_keyspace_hits");
            scrape.require("redis_keyspace_misses");
            scrape.require("redis_hit_ratio");
            if (shown == expected && expected > 0) {
                return;
            }
            TimeUnit.MILLISECONDS.sleep(200); // polling for the next INFO reading, with a deadline
        }
        throw new AssertionError("redis_keyspace_hits " + shown + ", the masters' INFO says " + expected);
    }

    /** What readers and a writer saw while Redis failed over. */
    record Traffic(Duration failover, Duration cachingResumed, int reads, int writes, int serverErrors,
            int staleAfterFailover, int staleDuringFailover, List<String> problems) {
    }

    /**
     * Runs two readers (detail and list) and a writer (a rising price) on property {@code id}, calls
     * {@code failover} (which returns when Redis has failed over), keeps going until a read started after
     * that is a HIT (the cache is in use again; {@code cachingResumed} counts from the failure) and two seconds
     * more, and returns the tally. A read is stale if it started after a write's 2xx and shows an older price;
     * reads that started before {@code failover} returned are counted apart.
     */
    Traffic duringFailover(long id, Callable<Duration> failover, Duration resumeTimeout) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong ackedPrice = new AtomicLong(300000);
        AtomicLong failingAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong failoverDoneAt = new AtomicLong(Long.MAX_VALUE);
        AtomicLong firstHitAt = new AtomicLong(Long.MAX_VALUE);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger serverErrors = new AtomicInteger();
        AtomicInteger staleAfter = new AtomicInteger();
        AtomicInteger staleDuring = new AtomicInteger();
        List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
        HttpResponse<byte[]> first = admin.send("PATCH", "properties/" + id, "application/merge-patch+json",
                "{\"price\":\"" + ackedPrice.get() + "\"}");
        assertEquals(200, first.statusCode());

        Duration failoverTook = null;
        Duration resumed = null;
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = pool.submit(() -> {
                long price = ackedPrice.get();
                while (running.get()) {
                    price++;
                    HttpResponse<byte[]> written = admin.send("PATCH", "properties/" + id,
                            "application/merge-patch+json", "{\"price\":\"" + price + "\"}");
                    if (written.statusCode() >= 500) {
                        serverErrors.incrementAndGet();
                        problems.add("PATCH " + written.statusCode() + ": " + Http.text(written));
                    } else if (written.statusCode() == 200) {
                        ackedPrice.set(price);
                        writes.incrementAndGet();
                    } else {
                        problems.add("PATCH " + written.statusCode() + ": " + Http.text(written));
                    }
                    pause(200);
                }
                return null;
            });
            List<Future<?>> readers = new ArrayList<>();
            for (String path : List.of("properties/" + id, "properties/")) {
                readers.add(pool.submit(() -> {
                    while (running.get()) {
                        long startedAt = System.nanoTime();
                        long mustSee = ackedPrice.get();
                        HttpResponse<byte[]> read = app.get(path);
                        reads.incrementAndGet();
                        if (read.statusCode() >= 500) {
                            serverErrors.incrementAndGet();
                            problems.add("GET " + path + " " + read.statusCode() + ": " + Http.text(read));
                            continue;
                        }
                        if (startedAt > failoverDoneAt.get() && "HIT".equals(cacheHeader(read))) {
                            firstHitAt.compareAndSet(Long.MAX_VALUE, System.nanoTime());
                        }
                        long seen = price(read, id);
                        if (seen < mustSee) {
                            boolean after = startedAt > failoverDoneAt.get();
                            (after ? staleAfter : staleDuring).incrementAndGet();
                            problems.add("stale " + (after ? "after" : "during") + " failover: GET " + path + " "
                                    + cacheHeader(read) + " showed " + seen + ", " + mustSee + " was acknowledged");
                        }
                    }
                    return null;
                }));
            }
            pause(1000);
            failingAt.set(System.nanoTime());
            failoverTook = failover.call();
            failoverDoneAt.set(System.nanoTime());
            long deadline = System.nanoTime() + resumeTimeout.toNanos();
            while (firstHitAt.get() == Long.MAX_VALUE && System.nanoTime() < deadline) {
                pause(100); // polling for the readers' first HIT, with a deadline
            }
            assertTrue(firstHitAt.get() != Long.MAX_VALUE,
                    "caching resumed (X-Cache: HIT) within " + resumeTimeout + " of the failover");
            resumed = Duration.ofNanos(firstHitAt.get() - failingAt.get());
            pause(2000);
            running.set(false);
            writer.get(60, TimeUnit.SECONDS);
            for (Future<?> reader : readers) {
                reader.get(60, TimeUnit.SECONDS);
            }
        } finally {
            running.set(false);
            pool.shutdownNow();
        }
        return new Traffic(failoverTook, resumed, reads.get(), writes.get(), serverErrors.get(), staleAfter.get(), staleDuring.get(),
                List.copyOf(problems));
    }

    /** The price of property {@code id} in a detail or a list answer. */
    private static long price(HttpResponse<byte[]> read, long id) {
        JsonObject body = Http.json(read);
        JsonObject property = body.containsKey("properties")
                ? body.getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                        .filter(p -> p.getJsonNumber("id").longValue() == id).findFirst().orElseThrow()
                : body;
        return new BigDecimal(property.getString("price")).longValueExact();
    }

    static String cacheHeader(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Cache").orElse("(none)");
    }

    /** The pace of the load threads; not a wait for an outcome. */
    private static void pause(long millis) throws InterruptedException {
        TimeUnit.MILLISECONDS.sleep(millis);
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            topology.close();
        }
    }
}
