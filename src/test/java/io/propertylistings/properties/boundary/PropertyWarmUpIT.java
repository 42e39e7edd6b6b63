package io.propertylistings.properties.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.Http;
import io.propertylistings.support.MetricsScrape;
import io.propertylistings.support.SharedServer;
import io.propertylistings.support.TestServer;
import io.propertylistings.support.WarmUps;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cache warming on the WAR as built (warming on, 200 ms debounce), through HTTP and the metrics. */
@SharedServer(TestServer.WARMING_ON)
class PropertyWarmUpIT {

    private final Http http;
    private final Http admin;

    PropertyWarmUpIT(Http http) {
        this.http = http;
        this.admin = http.asAdmin();
    }

    @BeforeEach
    void warmUpsDone() {
        WarmUps.awaitAllDone(http);
    }

    @Test
    void theDeploymentWarmedUpOnce() {
        MetricsScrape scrape = WarmUps.awaitAllDone(http);
        assertTrue(scrape.cache("warmups", "response") >= 1, "a warm-up after the deployment");
        assertTrue(scrape.require("cache_warmup_time_seconds", "level=\"response\"", "percentile=\"p50\"") > 0);
        JsonObject warming = Http.json(http.get("cache/metrics")).getJsonObject("warming");
        assertTrue(warming.getBoolean("enabled"));
        assertEquals(scrape.cache("warmups", "response"), warming.getJsonNumber("warmups").longValue());
        assertEquals(scrape.cache("warmups_skipped", "response"), warming.getJsonNumber("skipped").longValue());
        assertEquals(scrape.cache("warmups", "response"),
                warming.getJsonObject("warmup_time_ms").getJsonNumber("count").longValue());
    }

    @Test
    void afterAWriteAndItsWarmUpTheNextGetIsAHitWithoutALoad() {
        long id = create("Warmed after its write");
        MetricsScrape before = WarmUps.awaitAllDone(http);

        HttpResponse<byte[]> list = http.get("properties/");
        HttpResponse<byte[]> firstPage = http.get("properties/?page=1");
        // Any Accept that JAX-RS lets through gets the one JSON representation, so it shares the warmed entry.
        HttpResponse<byte[]> withAccept = http.send(http.request("properties/").header("Accept", "application/json, */*").GET().build());

        MetricsScrape after = MetricsScrape.of(http);
        assertEquals("HIT", list.headers().firstValue("X-Cache").orElseThrow());
        assertTrue(contains(Http.json(list), id), "the warmed list has the write");
        assertEquals("HIT", firstPage.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("HIT", withAccept.headers().firstValue("X-Cache").orElseThrow());
        assertArrayEquals(list.body(), withAccept.body());
        assertEquals(before.cache("loads", "response"), after.cache("loads", "response"), "no resource invocation");
        assertEquals(before.cache("loads", "list"), after.cache("loads", "list"), "no database load");
        assertEquals(before.cache("misses", "response"), after.cache("misses", "response"));
        assertEquals(before.cache("hits", "response") + 3, after.cache("hits", "response"));
    }

    @Test
    void aBurstOfAHundredWritesMakesAFewWarmUps() throws Exception {
        MetricsScrape before = MetricsScrape.of(http);
        ExecutorService writers = Executors.newFixedThreadPool(8);
        List<Future<Long>> created = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                String title = "Burst " + i;
                created.add(writers.submit(() -> create(title)));
            }
            for (Future<Long> write : created) {
                write.get(120, TimeUnit.SECONDS);
            }
        } finally {
            writers.shutdownNow();
        }
        MetricsScrape after = WarmUps.awaitAllDone(http);

        long warmUps = after.cache("warmups", "response") - before.cache("warmups", "response");
        long skipped = after.cache("warmups_skipped", "response") - before.cache("warmups_skipped", "response");
        long listLoads = after.cache("loads", "list") - before.cache("loads", "list");
        assertEquals(100, after.cache("evictions", "response") - before.cache("evictions", "response"));
        assertTrue(warmUps >= 1 && warmUps <= 5, "warm-ups for 100 writes: " + warmUps);
        assertEquals(100, warmUps + skipped, "each write's warm-up ran or was folded into another");
        long responseLoads = after.cache("loads", "response") - before.cache("loads", "response");
        // No reader ran: every load is a warm-up's. Each makes at most two responses (the list, its first page)
        // and three database loads (the list; the list again if a write of the burst evicted it during the
        // warm-up; the first page).
        assertTrue(responseLoads <= 2 * warmUps, "response loads: " + responseLoads + " for " + warmUps + " warm-ups");
        assertTrue(listLoads <= 3 * warmUps, "database loads: " + listLoads + " for " + warmUps + " warm-ups");
        HttpResponse<byte[]> list = http.get("properties/");
        assertEquals("HIT", list.headers().firstValue("X-Cache").orElseThrow());
        JsonObject body = Http.json(list);
        for (Future<Long> write : created) {
            assertTrue(contains(body, write.get()), "every write of the burst is in the warmed list");
        }
    }

    @Test
    void aWarmUpRacingReadersMakesOneLoadPerEntry() throws Exception {
        long id = create("Raced by readers");
        MetricsScrape before = MetricsScrape.of(http);
        long warmUpsBefore = before.cache("warmups", "response");
        // Readers keep missing or hitting the list until the warm-up is done, so it runs among them.
        AtomicBoolean warmed = new AtomicBoolean();
        ExecutorService readers = Executors.newFixedThreadPool(8);
        List<Future<List<HttpResponse<byte[]>>>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                answers.add(readers.submit(() -> {
                    List<HttpResponse<byte[]>> seen = new ArrayList<>();
                    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                    while (!warmed.get() && System.nanoTime() < deadline) {
                        seen.add(http.get("properties/"));
                    }
                    return seen;
                }));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (MetricsScrape.of(http).cache("warmups", "response") == warmUpsBefore && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            warmed.set(true);
            for (Future<List<HttpResponse<byte[]>>> answer : answers) {
                for (HttpResponse<byte[]> response : answer.get(60, TimeUnit.SECONDS)) {
                    assertEquals(200, response.statusCode());
                    assertTrue(contains(Http.json(response), id), "no reader got the list from before the write");
                }
            }
        } finally {
            readers.shutdownNow();
        }
        MetricsScrape after = WarmUps.awaitAllDone(http);

        // Two entries (the list and its first page), each loaded once, by a reader or by the warm-up.
        assertEquals(before.cache("loads", "response") + 2, after.cache("loads", "response"));
        assertEquals(before.cache("loads", "list") + 2, after.cache("loads", "list"));
    }

    private long create(String title) {
        HttpResponse<byte[]> created = admin.send("POST", "properties/", "application/json",
                "{\"title\":\"" + title + "\",\"description\":\"Warm-up test\",\"price\":\"1000\",\"location\":\"Accra\"}");
        assertEquals(201, created.statusCode(), Http.text(created));
        return Http.json(created).getJsonNumber("id").longValue();
    }

    private static boolean contains(JsonObject list, long id) {
        return list.getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                .anyMatch(item -> item.getJsonNumber("id").longValue() == id);
    }
}
