package io.propertylistings.properties.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.support.BuiltWar;
import io.propertylistings.support.CacheKeys;
import io.propertylistings.support.Http;
import io.propertylistings.support.MetricsScrape;
import io.propertylistings.support.Nginx;
import io.propertylistings.support.Problems;
import io.propertylistings.support.SharedServer;
import io.propertylistings.support.TestRedis;
import io.propertylistings.support.TestServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.redisson.api.options.KeysScanOptions;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.codec.StringCodec;

/**
 * The service as a REST client sees it: the WAR exactly as built, on Payara Micro, real PostgreSQL and Redis,
 * with warming off.
 */
@SharedServer(TestServer.WARMING_OFF)
class PropertiesResourceIT {

    private static final String ISO_UTC = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

    private final Http http;
    private final Http admin;

    PropertiesResourceIT(Http http) {
        this.http = http;
        this.admin = http.asAdmin();
    }

    @Test
    void listAnswersTheSeedShape() {
        long expensive = create("Luxury Apartment", "250000");
        long cheap = create("Parking spot", "0.5");

        HttpResponse<byte[]> response = http.get("properties/");

        assertEquals(200, response.statusCode());
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        JsonObject body = Http.json(response);
        assertEquals(List.of("properties", "count"), List.copyOf(body.keySet()));
        var properties = body.getJsonArray("properties");
        assertEquals(properties.size(), body.getInt("count"));
        long previous = 0;
        for (var item : properties.getValuesAs(JsonObject.class)) {
            assertEquals(List.of("id", "title", "description", "price", "location", "created_at"), List.copyOf(item.keySet()));
            assertTrue(item.getJsonNumber("id").longValue() > previous, "ordered by id");
            previous = item.getJsonNumber("id").longValue();
            assertTrue(item.getString("created_at").matches(ISO_UTC), item.getString("created_at"));
        }
        JsonObject first = find(body, expensive);
        assertEquals("Luxury Apartment", first.getString("title"));
        assertEquals("Beautiful downtown apartment with city views", first.getString("description"));
        assertEquals("250000.00", first.getString("price"));
        assertEquals("New York", first.getString("location"));
        Instant created = Instant.parse(first.getString("created_at"));
        assertTrue(Duration.between(created, Instant.now()).abs().toMinutes() < 5, "created_at is now, in UTC");
        assertEquals("0.50", find(body, cheap).getString("price"));
    }

    @Test
    void bothPathsAnswerTheList() {
        create("Either path", "1");
        HttpResponse<byte[]> withSlash = http.get("properties/");
        HttpResponse<byte[]> withoutSlash = http.get("properties");
        assertEquals(200, withoutSlash.statusCode());
        assertEquals(Http.json(withSlash), Http.json(withoutSlash));
    }

    @Test
    void secondGetIsServedFromTheResponseCacheWithoutTheDatabase() {
        create("Cached twice", "100");
        HttpResponse<byte[]> first = http.get("properties/");
        MetricsScrape before = MetricsScrape.of(http);

        HttpResponse<byte[]> second = http.get("properties/");

        MetricsScrape after = MetricsScrape.of(http);
        assertEquals("MISS", first.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("HIT", second.headers().firstValue("X-Cache").orElseThrow());
        assertArrayEquals(first.body(), second.body());
        assertEquals(before.cache("loads", "list"), after.cache("loads", "list"), "no database load");
        assertEquals(before.cache("hits", "list"), after.cache("hits", "list"), "level 2 not even asked");
        assertEquals(before.cache("hits", "response") + 1, after.cache("hits", "response"));
        assertEquals(before.cache("near_hits", "response") + 1, after.cache("near_hits", "response"),
                "the body came from this JVM's near cache, Redis only confirmed its generation");
    }

    @Test
    void aRepeatedGetIsAnsweredBeforeJaxRsJustAsJaxRsAnswersIt() {
        create("Answered early", "1");
        HttpResponse<byte[]> loaded = http.get("properties/?size=3&page=1");
        // Another spelling of the same query: JAX-RS works out its entry, which the next request then repeats.
        HttpResponse<byte[]> viaJaxRs = http.get("properties/?page=1&size=3");
        MetricsScrape before = MetricsScrape.of(http);

        HttpResponse<byte[]> early = http.get("properties/?page=1&size=3");

        MetricsScrape after = MetricsScrape.of(http);
        assertEquals("MISS", Http.cacheOutcome(loaded));
        assertEquals("HIT", Http.cacheOutcome(viaJaxRs));
        assertEquals(before.cache("early_hits", "response") + 1, after.cache("early_hits", "response"));
        assertEquals(before.cache("hits", "response") + 1, after.cache("hits", "response"));
        assertEquals(before.cache("loads", "response"), after.cache("loads", "response"));
        assertEquals(200, early.statusCode());
        assertArrayEquals(viaJaxRs.body(), early.body());
        assertEquals(semanticHeaders(viaJaxRs), semanticHeaders(early));
        assertTrue(early.headers().firstValue("Link").isPresent(), "a page's links are part of the stored answer");
    }

    @Test
    void requestsWhoseAnswerJaxRsDecidesAreNeverAnsweredEarly() {
        create("Decided by JAX-RS", "1");
        http.get("properties/");
        String etag = http.get("properties/").headers().firstValue("ETag").orElseThrow();
        MetricsScrape before = MetricsScrape.of(http);

        assertEquals(406, http.send(http.request("properties/").header("Accept", "text/html").GET().build())
                .statusCode());
        assertEquals(401, http.withAuthorization("Bearer x").get("properties/").statusCode());
        assertEquals(304, http.send(http.request("properties/").header("If-None-Match", etag).GET().build())
                .statusCode());
        HttpResponse<byte[]> head = http.send(http.request("properties/").method("HEAD",
                java.net.http.HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);

        MetricsScrape after = MetricsScrape.of(http);
        assertEquals(before.cache("early_hits", "response"), after.cache("early_hits", "response"));
    }

    /** The headers that say something about the answer: not its framing (length or chunks) nor its date. */
    private static Map<String, List<String>> semanticHeaders(HttpResponse<byte[]> response) {
        Map<String, List<String>> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(response.headers().map());
        List.of("content-length", "transfer-encoding", "date").forEach(headers::remove);
        return headers;
    }

    @Test
    void withWarmingOffTheFirstGetAfterAWriteLoads() {
        create("Not warmed", "1");
        MetricsScrape before = MetricsScrape.of(http);

        HttpResponse<byte[]> first = http.get("properties/");

        MetricsScrape after = MetricsScrape.of(http);
        // This server has caching.warm.enabled=false (TestServer.WARMING_OFF): no warm-up ever, not even after its start.
        assertEquals(0, after.cache("warmups", "response"));
        assertEquals(0, after.cache("warmups_skipped", "response"));
        assertEquals("MISS", first.headers().firstValue("X-Cache").orElseThrow());
        assertEquals(before.cache("loads", "response") + 1, after.cache("loads", "response"));
        assertEquals(before.cache("loads", "list") + 1, after.cache("loads", "list"));
    }

    @Test
    void aHundredConcurrentColdGetsMakeOneLoad() throws Exception {
        create("Stampede", "1"); // a write: both levels are cold now
        MetricsScrape before = MetricsScrape.of(http);
        ExecutorService clients = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                responses.add(clients.submit(() -> {
                    start.await();
                    return http.get("properties/");
                }));
            }
            start.countDown();
            byte[] first = null;
            for (Future<HttpResponse<byte[]>> response : responses) {
                HttpResponse<byte[]> answer = response.get(60, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode());
                first = first == null ? answer.body() : first;
                assertArrayEquals(first, answer.body(), "every client gets the same list");
            }
        } finally {
            clients.shutdownNow();
        }
        MetricsScrape after = MetricsScrape.of(http);
        assertEquals(before.cache("loads", "response") + 1, after.cache("loads", "response"), "one resource invocation");
        assertEquals(before.cache("loads", "list") + 1, after.cache("loads", "list"), "one database load");
    }

    @Test
    void aResponseEntryThatRedisDroppedIsStillAnsweredFromTheCurrentNearCopy() {
        create("Dropped by Redis", "100");
        HttpResponse<byte[]> cached = http.get("properties/");
        // As maxmemory or a TTL would: the entry is gone, the generation (no write since) is not.
        String generation = CacheKeys.generation(TestRedis.client());
        assertTrue(TestRedis.client().getKeys().delete(CacheKeys.fullListResponseKey(generation)) == 1);
        MetricsScrape before = MetricsScrape.of(http);

        HttpResponse<byte[]> again = http.get("properties/");

        MetricsScrape after = MetricsScrape.of(http);
        assertEquals("HIT", again.headers().firstValue("X-Cache").orElseThrow());
        assertArrayEquals(cached.body(), again.body());
        assertEquals(before.cache("near_hits", "response") + 1, after.cache("near_hits", "response"));
        assertEquals(before.cache("loads", "list"), after.cache("loads", "list"), "no database load");
        assertTrue(TestRedis.client().getBucket(CacheKeys.listKey(generation)).isExists(), "the list level holds it");
    }

    @Test
    void anEvictionByAnotherNodeIsSeenAtTheNextRead() {
        create("Evicted elsewhere", "100");
        http.get("properties/");
        CacheKeys.evictAsAnotherNode(TestRedis.client());
        MetricsScrape before = MetricsScrape.of(http);

        HttpResponse<byte[]> rebuilt = http.get("properties/");

        MetricsScrape after = MetricsScrape.of(http);
        // The near cache still holds the old generation's copy: it must not be served.
        assertEquals("MISS", rebuilt.headers().firstValue("X-Cache").orElseThrow());
        assertEquals(before.cache("near_hits", "response"), after.cache("near_hits", "response"));
        assertEquals(before.cache("misses", "response") + 1, after.cache("misses", "response"),
                "one miss per request, however many looks the loader takes");
        assertEquals(before.cache("loads", "list") + 1, after.cache("loads", "list"), "both levels were evicted");
    }

    @Test
    void redisHoldsOneGenerationWhateverTheNumberOfWrites() {
        long id = create("Written 200 times", "1");
        // Entries of generations whose counter Redis lost (a restart, maxmemory in other tests) wait for their TTL.
        List<String> leftOver = cacheKeys();
        long memoryAtStart = usedMemory();
        long mostEntries = 0;
        long maxMemory = 0;
        for (int i = 0; i < 200; i++) {
            assertEquals(200, admin.send("PATCH", "properties/" + id, "application/merge-patch+json",
                    "{\"price\":" + (i + 2) + "}").statusCode());
            assertEquals(200, http.get("properties/").statusCode());
            assertEquals(200, http.get("properties/?page=1").statusCode());
            assertEquals(200, http.get("properties/" + id).statusCode());
            String current = CacheEntry.PREFIX + CacheKeys.generation(TestRedis.client()) + ":";
            String epoch = CacheKeys.epoch(TestRedis.client());
            String detail = CacheEntry.PREFIX + CacheKeys.detailTag(TestRedis.client(), id) + ":";
            List<String> singletons = List.of(CacheEntry.GENERATION_KEY, CacheEntry.EPOCH_KEY,
                    CacheEntry.EVICTED_CHANGES_KEY, CacheEntry.rowKey(id), CacheEntry.rowKey(id) + ":entries",
                    CacheEntry.PREFIX + epoch + ":rows");
            List<String> keys = cacheKeys();
            List<String> older = keys.stream().filter(key -> !key.startsWith(current) && !key.startsWith(detail)
                    && !leftOver.contains(key) && !singletons.contains(key)).toList();
            assertEquals(List.of(), older, "write " + i + " left the entries of the generation or row version it ended");
            mostEntries = Math.max(mostEntries, keys.stream().filter(key -> key.startsWith(current)).count());
            maxMemory = Math.max(maxMemory, usedMemory());
        }
        // One generation's working set: its index, the list and two responses (the detail is its row's). Before the one generation with
        // its index, every write left its entries behind until their TTL: 800 more keys here.
        assertTrue(mostEntries <= 5, "keys of the current generation: at most " + mostEntries);
        assertTrue(maxMemory - memoryAtStart < 2_000_000, "used_memory grew by " + (maxMemory - memoryAtStart));
        System.out.printf("200 writes with reads: at most %d keys of the current generation, none of the ones before;"
                + " used_memory %+d bytes%n", mostEntries, maxMemory - memoryAtStart);
    }

    @Test
    void equivalentSpellingsOfAQueryShareOneEntry() {
        create("Spelled many ways", "5");
        List<String> spellings = new ArrayList<>();
        String[] locations = {"Nairobi", "NAIROBI", "nairobi"};
        String[] prices = {"0", "00", "000", "0.0", "0.00", "00.0", "000.00", "%30", "%30%30", "0%2E0"};
        for (String location : locations) {
            for (String price : prices) {
                spellings.add(spellings.size() % 2 == 0 ? "properties/?location=" + location + "&min_price=" + price
                        : "properties?min_price=" + price + "&location=" + location);
            }
        }
        assertEquals(30, spellings.size());
        long before = responseEntries();
        byte[] first = null;
        for (String spelling : spellings) {
            HttpResponse<byte[]> response = http.get(spelling);
            assertEquals(200, response.statusCode(), spelling);
            first = first == null ? response.body() : first;
            assertArrayEquals(first, response.body(), spelling);
        }
        assertEquals(before + 1, responseEntries(), "30 spellings, one entry");
        long id = create("Detail by any spelling", "6");
        http.get("properties/" + id);
        assertEquals("HIT", Http.cacheOutcome(http.get("properties/000" + id)));
    }

    @Test
    void aCacheInFrontServesNoAnswerOlderThanTheLastWrite() throws Exception {
        long id = create("Before, through nginx", "10");
        try (Nginx nginx = Nginx.inFrontOf(http.base(), Path.of("target", "it", "nginx"))) {
            Http front = new Http(nginx.front(http.base()));
            assertEquals("Before, through nginx", Http.json(front.get("properties/" + id)).getString("title"));
            assertEquals("Before, through nginx", find(Http.json(front.get("properties/")), id).getString("title"));

            assertEquals(200, admin.send("PUT", "properties/" + id, "application/json",
                    draft("After, through nginx", "11")).statusCode());

            HttpResponse<byte[]> detail = front.get("properties/" + id);
            assertEquals("After, through nginx", Http.json(detail).getString("title"), "nginx served its old copy");
            assertEquals("After, through nginx", find(Http.json(front.get("properties/")), id).getString("title"));
            assertEquals("public, no-cache", detail.headers().firstValue("Cache-Control").orElseThrow());
        }
    }

    private static List<String> cacheKeys() {
        return TestRedis.client().getKeys()
                .getKeysStream(KeysScanOptions.defaults().pattern(CacheEntry.NAMESPACE + "*")).sorted().toList();
    }

    private static long responseEntries() {
        String generation = CacheKeys.generation(TestRedis.client());
        return TestRedis.client().getScoredSortedSet(CacheEntry.indexKey(generation), StringCodec.INSTANCE)
                .readAll().stream().filter(key -> key.toString().contains(":response:")).count();
    }

    private static long usedMemory() {
        return Long.parseLong(TestRedis.client().getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(RedisNode.InfoSection.MEMORY).get("used_memory"));
    }

    @Test
    void createUpdateAndDeleteAreSeenByTheNextGet() {
        long id = create("Before", "10");
        warm();

        HttpResponse<byte[]> replaced = admin.send("PUT", "properties/" + id, "application/json",
                draft("After", "20.5"));
        assertEquals(200, replaced.statusCode());
        assertEquals("20.50", Http.json(replaced).getString("price"));
        JsonObject afterUpdate = find(Http.json(http.get("properties/")), id);
        assertEquals("After", afterUpdate.getString("title"));
        assertEquals("20.50", afterUpdate.getString("price"));

        warm();
        long added = create("Added", "30");
        assertEquals("Added", find(Http.json(http.get("properties/")), added).getString("title"));

        warm();
        assertEquals(204, admin.delete("properties/" + id).statusCode());
        JsonObject afterDelete = Http.json(http.get("properties/"));
        assertTrue(findOptional(afterDelete, id).isEmpty(), "deleted property still listed");
        assertEquals(404, admin.delete("properties/" + id).statusCode());
    }

    @Test
    void eachWriteEvictsBothLevelsOnce() {
        long id = create("Evicted", "1");
        warm();
        String generationBefore = CacheKeys.generation(TestRedis.client());
        assertTrue(TestRedis.client().getBucket(CacheKeys.listKey(generationBefore)).isExists());
        MetricsScrape before = MetricsScrape.of(http);

        admin.send("PUT", "properties/" + id, "application/json", draft("Evicted again", "2"));

        MetricsScrape after = MetricsScrape.of(http);
        assertEquals(before.cache("evictions", "response") + 1, after.cache("evictions", "response"));
        assertEquals(before.cache("evictions", "list") + 1, after.cache("evictions", "list"));
        assertFalse(TestRedis.client().getBucket(CacheKeys.listKey(generationBefore)).isExists(),
                "the old generation's entries were dropped, not left to their TTL");
        assertNotEquals(generationBefore, CacheKeys.generation(TestRedis.client()));
    }

    @Test
    void invalidPostIsA400NamingEachFieldAndChangesNothing() throws Exception {
        warm();
        long rows = BuiltWar.propertyRows();
        MetricsScrape before = MetricsScrape.of(http);

        HttpResponse<byte[]> empty = admin.send("POST", "properties/", "application/json", "{}");
        HttpResponse<byte[]> tooLong = admin.send("POST", "properties/", "application/json",
                "{\"title\":\"" + "t".repeat(201) + "\",\"description\":\"d\",\"price\":-1,\"location\":\""
                        + "l".repeat(101) + "\"}");
        HttpResponse<byte[]> tooPrecise = admin.send("POST", "properties/", "application/json", draft("Precise", "1.234"));
        HttpResponse<byte[]> malformed = admin.send("POST", "properties/", "application/json", "{\"title\":");

        assertEquals(400, empty.statusCode());
        assertEquals(List.of("description", "location", "price", "title"), fields(empty));
        assertEquals(400, tooLong.statusCode());
        assertEquals(List.of("location", "price", "title"), fields(tooLong));
        assertEquals(400, tooPrecise.statusCode());
        assertEquals(List.of("price"), fields(tooPrecise));
        assertEquals("/problems/invalid-request", Problems.expect(400, malformed).getString("type"));
        assertFalse(Http.text(malformed).contains("Exception"), Http.text(malformed));
        assertEquals(rows, BuiltWar.propertyRows(), "a rejected request added a row");
        MetricsScrape after = MetricsScrape.of(http);
        assertEquals(before.cache("evictions", "list"), after.cache("evictions", "list"), "a rejected request evicted");
        assertEquals("HIT", http.get("properties/").headers().firstValue("X-Cache").orElseThrow());
    }

    @Test
    void redisGaugesFollowKnownHitsAndMisses() throws Exception {
        var redis = TestRedis.client();
        redis.getBucket("gauge-test-key", StringCodec.INSTANCE).set("present");
        Map<String, String> stats = redis.getRedisNodes(RedisNodes.SINGLE).getInstance().info(RedisNode.InfoSection.STATS);
        long hits = Long.parseLong(stats.get("keyspace_hits"));
        long misses = Long.parseLong(stats.get("keyspace_misses"));

        for (int i = 0; i < 7; i++) {
            redis.getBucket("gauge-test-key", StringCodec.INSTANCE).get();
        }
        for (int i = 0; i < 3; i++) {
            redis.getBucket("gauge-test-missing-" + i, StringCodec.INSTANCE).get();
        }

        // The service keeps INFO figures for up to a second: wait for a fresh reading, not a fixed time.
        MetricsScrape after = awaitScrape(scrape -> scrape.require("redis_keyspace_hits") >= hits + 7);
        assertEquals(hits + 7, (long) after.require("redis_keyspace_hits"));
        assertEquals(misses + 3, (long) after.require("redis_keyspace_misses"));
        assertEquals(hits + misses + 10, (long) after.require("redis_total_operations"));
        double total = hits + misses + 10;
        // The ratios' exact rounding is KeyspaceFiguresTest's; one scrape may span two INFO readings, so allow a
        // little for operations between them.
        assertEquals((hits + 7) * 100.0 / total, after.require("redis_hit_ratio"), 0.5);
        assertEquals((misses + 3) * 100.0 / total, after.require("redis_miss_ratio"), 0.5);
    }

    @Test
    void oneScrapeSendsInfoAtMostOnce() {
        long before = infoCalls();
        MetricsScrape.of(http);
        // Minus one: Redis counts the INFO that read "before" in the next reading.
        long sent = infoCalls() - before - 1;
        // Five gauges read; without the shared reading this would be five INFO commands.
        assertTrue(sent <= 1, "INFO sent " + sent + " times for one scrape");
    }

    @Test
    void detailIsCachedAndFreshAfterAWriteToIt() {
        long id = create("Detail", "123.4");
        MetricsScrape before = MetricsScrape.of(http);

        HttpResponse<byte[]> first = http.get("properties/" + id);
        HttpResponse<byte[]> second = http.get("properties/" + id);

        MetricsScrape after = MetricsScrape.of(http);
        assertEquals(200, first.statusCode());
        assertEquals("123.40", Http.json(first).getString("price"));
        assertEquals(List.of("id", "title", "description", "price", "location", "created_at"),
                List.copyOf(Http.json(first).keySet()));
        assertEquals("HIT", second.headers().firstValue("X-Cache").orElseThrow());
        assertArrayEquals(first.body(), second.body());
        assertEquals(before.cache("loads", "detail") + 1, after.cache("loads", "detail"), "one database load for two reads");

        admin.send("PATCH", "properties/" + id, "application/merge-patch+json", "{\"price\":99}");
        HttpResponse<byte[]> afterWrite = http.get("properties/" + id);
        assertEquals("MISS", afterWrite.headers().firstValue("X-Cache").orElseThrow());
        assertEquals("99.00", Http.json(afterWrite).getString("price"));
    }

    @Test
    void unknownOrMalformedIdsAre404Problems() {
        for (String path : List.of("properties/999999999", "properties/abc", "properties/1.5",
                "properties/99999999999999999999999")) {
            HttpResponse<byte[]> response = http.get(path);
            assertEquals("Not Found", Problems.expect(404, response).getString("title"), path);
        }
    }

    @Test
    void cachedGetsCarryAStrongEtagAndAnswer304WhenItMatches() throws Exception {
        create("Validators", "5");
        HttpResponse<byte[]> first = http.get("properties/");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertTrue(etag.matches("\"[A-Za-z0-9_-]{24}\""), etag);
        assertEquals("public, no-cache", first.headers().firstValue("Cache-Control").orElseThrow(),
                "every cache in front asks again before it reuses the answer");

        HttpResponse<byte[]> hit = http.get("properties/");
        assertEquals(etag, hit.headers().firstValue("ETag").orElseThrow(), "the same bytes keep their ETag");

        HttpResponse<byte[]> notModified = http.send(http.request("properties/").header("If-None-Match", etag).GET().build());
        assertEquals(304, notModified.statusCode());
        assertEquals(0, notModified.body().length);
        assertEquals(etag, notModified.headers().firstValue("ETag").orElseThrow());
        HttpResponse<byte[]> other = http.send(http.request("properties/").header("If-None-Match", "\"other\"").GET().build());
        assertEquals(200, other.statusCode());

        long id = create("Validators changed", "6");
        String afterCreate = etag();
        admin.send("PUT", "properties/" + id, "application/json", draft("Validators replaced", "7"));
        String afterReplace = etag();
        admin.send("PATCH", "properties/" + id, "application/merge-patch+json", "{\"title\":\"Validators patched\"}");
        String afterPatch = etag();
        admin.delete("properties/" + id);
        String afterDelete = etag();
        List<String> sequence = List.of(etag, afterCreate, afterReplace, afterPatch, afterDelete);
        for (int i = 1; i < sequence.size(); i++) {
            assertNotEquals(sequence.get(i - 1), sequence.get(i), "write " + i + " kept the list's ETag");
        }
        assertEquals(etag, afterDelete, "the same bytes as before the create: the same strong ETag");
        assertEquals(200, http.send(http.request("properties/").header("If-None-Match", afterPatch).GET().build())
                .statusCode());
    }

    private String etag() {
        return http.get("properties/").headers().firstValue("ETag").orElseThrow();
    }

    @Test
    void gzipClientsGetTheStoredGzipCopy() throws Exception {
        for (int i = 0; i < 5; i++) {
            create("Compressible listing number " + i, "1000");
        }
        HttpResponse<byte[]> identity = http.get("properties/");
        HttpResponse<byte[]> gzipped = http.send(http.request("properties/").header("Accept-Encoding", "gzip").GET().build());

        assertEquals("gzip", gzipped.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("HIT", gzipped.headers().firstValue("X-Cache").orElseThrow(), "the same entry, another coding");
        byte[] inflated = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body())).readAllBytes();
        assertArrayEquals(identity.body(), inflated);
        assertTrue(gzipped.body().length < identity.body().length / 2);
        assertTrue(identity.headers().firstValue("Content-Encoding").isEmpty());
        String gzipEtag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertNotEquals(identity.headers().firstValue("ETag").orElseThrow(), gzipEtag);
        assertTrue(gzipped.headers().firstValue("Vary").orElseThrow().contains("Accept-Encoding"));
        assertEquals(304, http.send(http.request("properties/").header("Accept-Encoding", "gzip")
                .header("If-None-Match", gzipEtag).GET().build()).statusCode());
    }

    @Test
    void filtersSortAndPagesReturnTheRightRows() {
        String town = "Qtown-" + System.nanoTime();
        long cheap = create("Cheap", "10", town);
        long middle = create("Middle", "20", town.toUpperCase());
        long dear = create("Dear", "30", town.toLowerCase());
        create("Elsewhere", "20", "Elsewhere-" + town);
        String where = "properties/?location=" + town.toLowerCase();

        JsonObject all = Http.json(http.get(where));
        assertEquals(List.of(cheap, middle, dear), ids(all), "location matches exactly, ignoring case, by id");
        assertEquals(3, all.getInt("count"));
        assertFalse(all.containsKey("total"), "total only for pages");

        assertEquals(List.of(dear, middle), ids(Http.json(http.get(where + "&min_price=15&sort=-price"))));
        assertEquals(List.of(cheap, middle), ids(Http.json(http.get(where + "&max_price=20.00&sort=price"))));
        assertEquals(List.of(cheap, middle, dear), ids(Http.json(http.get(where + "&sort=created_at"))));
        assertEquals(List.of(dear, middle, cheap), ids(Http.json(http.get(where + "&sort=-created_at"))));

        HttpResponse<byte[]> first = http.get(where + "&size=2");
        JsonObject firstPage = Http.json(first);
        assertEquals(List.of(cheap, middle), ids(firstPage));
        assertEquals(2, firstPage.getInt("count"));
        assertEquals(3, firstPage.getInt("total"));
        String link = first.headers().firstValue("Link").orElseThrow();
        assertTrue(link.matches("<[^>]*/properties/\\?[^>]*page=2[^>]*>; rel=\"next\""), link);
        assertFalse(link.contains("://"), "links carry no host: " + link);
        HttpResponse<byte[]> second = http.get(where + "&size=2&page=2");
        assertEquals(List.of(dear), ids(Http.json(second)));
        assertTrue(second.headers().firstValue("Link").orElseThrow().matches("<[^>]*page=1[^>]*>; rel=\"prev\""));
        assertEquals(0, Http.json(http.get(where + "&size=2&page=3")).getInt("count"));

        assertEquals("HIT", http.get(where + "&size=2").headers().firstValue("X-Cache").orElseThrow(),
                "each distinct query is its own entry");
        long added = create("Added", "5", town);
        HttpResponse<byte[]> afterWrite = http.get(where + "&size=2");
        assertEquals("MISS", afterWrite.headers().firstValue("X-Cache").orElseThrow(), "a write evicts every query");
        assertEquals(4, Http.json(afterWrite).getInt("total"));
        assertEquals(List.of(added, cheap), ids(Http.json(http.get(where + "&sort=price&size=2"))));
    }

    @Test
    void badQueriesAre400NamingTheParameter() {
        for (var bad : java.util.Map.of(
                "size=0", "size", "size=101", "size", "page=0", "page", "page=x", "page",
                "sort=title", "sort", "min_price=abc", "min_price", "max_price=-1", "max_price",
                "min_price=5&max_price=4", "min_price", "colour=red", "colour", "page=1&page=2", "page").entrySet()) {
            HttpResponse<byte[]> response = http.get("properties/?" + bad.getKey());
            assertEquals(400, response.statusCode(), bad.getKey());
            assertEquals(List.of(bad.getValue()), fields(response), bad.getKey());
        }
    }

    private static List<Long> ids(JsonObject list) {
        return list.getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getJsonNumber("id").longValue()).toList();
    }

    private long infoCalls() {
        String stats = TestRedis.client().getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(RedisNode.InfoSection.COMMANDSTATS).get("cmdstat_info");
        if (stats == null) {
            return 0;
        }
        // calls=N,usec=...
        return Long.parseLong(stats.split(",")[0].substring("calls=".length()));
    }

    private MetricsScrape awaitScrape(java.util.function.Predicate<MetricsScrape> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        MetricsScrape scrape = MetricsScrape.of(http);
        while (!condition.test(scrape) && System.nanoTime() < deadline) {
            Thread.sleep(50); // polling for a condition, bounded by the deadline
            scrape = MetricsScrape.of(http);
        }
        return scrape;
    }

    private void warm() {
        http.get("properties/");
        assertEquals("HIT", http.get("properties/").headers().firstValue("X-Cache").orElseThrow());
    }

    private long create(String title, String price) {
        return create(title, price, title.equals("Luxury Apartment") ? "New York" : "Nairobi");
    }

    private long create(String title, String price, String location) {
        HttpResponse<byte[]> response = admin.send("POST", "properties/", "application/json",
                draft(title, price).replace("\"location\":\"" + (title.equals("Luxury Apartment") ? "New York" : "Nairobi")
                        + "\"", "\"location\":\"" + location + "\""));
        assertEquals(201, response.statusCode(), Http.text(response));
        long id = Http.json(response).getJsonNumber("id").longValue();
        assertTrue(response.headers().firstValue("Location").orElseThrow().endsWith("/properties/" + id));
        return id;
    }

    private static String draft(String title, String price) {
        String description = title.equals("Luxury Apartment") ? "Beautiful downtown apartment with city views" : "A property";
        String location = title.equals("Luxury Apartment") ? "New York" : "Nairobi";
        return "{\"title\":\"" + title + "\",\"description\":\"" + description + "\",\"price\":" + price
                + ",\"location\":\"" + location + "\"}";
    }

    private static List<String> fields(HttpResponse<byte[]> response) {
        return Problems.fields(Problems.expect(400, response)).stream().distinct().toList();
    }

    private static JsonObject find(JsonObject list, long id) {
        return findOptional(list, id).orElseThrow(() -> new AssertionError("property " + id + " not in " + list));
    }

    private static Optional<JsonObject> findOptional(JsonObject list, long id) {
        return list.getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getJsonNumber("id").longValue() == id)
                .findFirst();
    }

}
