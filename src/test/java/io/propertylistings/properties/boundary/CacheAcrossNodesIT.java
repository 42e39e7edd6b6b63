package io.propertylistings.properties.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.changes.control.ChangeChannel;
import io.propertylistings.support.CacheKeys;
import io.propertylistings.support.Http;
import io.propertylistings.support.LocalPostgres;
import io.propertylistings.support.LocalRedis;
import io.propertylistings.support.MetricsScrape;
import io.propertylistings.support.OutsideWrites;
import io.propertylistings.support.PayaraMicroEnvironment;
import io.propertylistings.support.PayaraMicroProcess;
import io.propertylistings.support.Resp;
import io.propertylistings.support.SharedServer;
import io.propertylistings.support.SharedServers;
import io.propertylistings.support.TestRedis;
import io.propertylistings.support.TestServer;
import io.propertylistings.support.WarmUps;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;

/**
 * Two application nodes on one PostgreSQL and one Redis: the shared server of this configuration and a second
 * one in the same configuration, started here. They share no memory, no cluster and no session: each has its own
 * near cache, and only Redis (generations, entries, single-flight locks) ties them together.
 */
@SharedServer(TestServer.OPERATIONS_ROLE)
class CacheAcrossNodesIT {

    private static final int WRITERS = 8;
    private static final int READERS = 32;
    private static final int PROPERTIES_PER_WRITER = 4;

    private static final String SECOND_NODE_USER = "second-node";
    private static final String SECOND_NODE_PASSWORD = "second-node-secret";

    private static PayaraMicroProcess second;

    private final Http first;
    private List<Http> nodes;

    CacheAcrossNodesIT(Http first) {
        this.first = first;
    }

    @AfterAll
    static void stopSecondNode() {
        if (second != null) {
            second.close();
            second = null;
        }
    }

    /** Started once, at the first node's context root. */
    @BeforeEach
    void bothNodes() throws Exception {
        grantSecondNode();
        if (second == null) {
            Map<String, String> environment = new HashMap<>(PayaraMicroEnvironment.services().environment());
            environment.put("REDIS_USERNAME", SECOND_NODE_USER);
            environment.put("REDIS_PASSWORD", SECOND_NODE_PASSWORD);
            second = TestServer.OPERATIONS_ROLE.start(Path.of(System.getProperty("it.workDirectory"), "second-node"),
                    environment, first.base().getPath());
        }
        nodes = List.of(first, new Http(second.application()));
    }

    /** Each test leaves the second node as the shared server is left (SharedServers): caching, nothing due. */
    @AfterEach
    void secondNodeSteady() {
        if (nodes != null) {
            SharedServers.awaitSteady(nodes.get(1), TestServer.OPERATIONS_ROLE);
        }
    }

    @Test
    void aWriteThroughEitherNodeIsSeenByTheOtherRightAfterIts2xx() {
        String location = "Nodes-" + System.nanoTime();
        String list = "properties/?location=" + location;
        long id = id(nodes.get(0).asAdmin().send("POST", "properties/", "application/json", draft(location, 0)));
        long[] nearHitsBefore = nearHits();
        for (int version = 1; version <= 24; version++) {
            Http writer = nodes.get(version % 2).asAdmin();
            Http reader = nodes.get((version + 1) % 2);
            // The second read of each is answered from the reader's own near cache: the copy a write must not leave.
            for (int i = 0; i < 2; i++) {
                assertEquals(200, reader.get(list).statusCode());
                assertEquals(200, reader.get("properties/" + id).statusCode());
            }
            HttpResponse<byte[]> written = version % 2 == 0
                    ? writer.send("PUT", "properties/" + id, "application/json", draft(location, version))
                    : writer.send("PATCH", "properties/" + id, "application/merge-patch+json",
                            "{\"title\":\"v" + version + "\"}");
            assertEquals(200, written.statusCode(), Http.text(written));

            assertEquals("v" + version, Http.json(reader.get("properties/" + id)).getString("title"), "detail on the other node");
            List<JsonObject> listed = Http.json(reader.get(list)).getJsonArray("properties").getValuesAs(JsonObject.class);
            assertEquals(List.of("v" + version), listed.stream().map(p -> p.getString("title")).toList(), "list on the other node");
        }

        long created = id(nodes.get(1).asAdmin().send("POST", "properties/", "application/json", draft(location, 100)));
        assertEquals(2, Http.json(nodes.get(0).get(list)).getInt("count"), "a create through the second node, read on the first");
        assertEquals(204, nodes.get(0).asAdmin().delete("properties/" + created).statusCode());
        assertEquals(1, Http.json(nodes.get(1).get(list)).getInt("count"), "a delete through the first node, read on the second");
        assertEquals(404, nodes.get(1).get("properties/" + created).statusCode());

        long[] nearHitsAfter = nearHits();
        for (int node = 0; node < 2; node++) {
            // 12 rounds as the reader, each with one near hit on the list and one on the detail.
            assertTrue(nearHitsAfter[node] - nearHitsBefore[node] >= 24,
                    "node " + node + " answered from its near cache: " + (nearHitsAfter[node] - nearHitsBefore[node]));
        }
    }

    /**
     * Redis restarts from a snapshot older than the last two writes, as a Redis with RDB or AOF everysec does
     * after a crash: the snapshot holds the old entries and a generation that names them. The first node reads
     * during the outage, the second makes no request at all; afterwards no read on either node may show a price
     * from before the last acknowledged write.
     */
    @Test
    void aRedisRestoredFromAnOlderSnapshotServesNoNodeAnOldPrice() throws Exception {
        LocalRedis redis = PayaraMicroEnvironment.services().localRedis().orElseThrow();
        String location = "Snapshot-" + System.nanoTime();
        List<String> reads = List.of("properties/?location=" + location, "properties/", "properties");
        Http writer = nodes.get(0).asAdmin();
        long id = id(writer.send("POST", "properties/", "application/json", priced(location, "100.00")));
        for (Http node : nodes) {
            for (int i = 0; i < 2; i++) {
                assertPrice(node, id, reads, "100.00");
            }
        }
        try {
            assertEquals("OK", Resp.text(redis.port(), "SAVE"));
            patchPrice(writer, id, "111.00");
            assertPrice(nodes.get(0), id, reads, "111.00");
            patchPrice(writer, id, "222.00");
            redis.stop(); // as SHUTDOWN NOSAVE: nothing after the snapshot survives
            assertPrice(nodes.get(0), id, reads, "222.00");
            redis.restart();
            grantSecondNode();
            assertTrue(Files.exists(redis.snapshot()));

            long restarted = System.nanoTime();
            long[] hitAfter = {-1, -1};
            long deadline = restarted + Duration.ofSeconds(10).toNanos();
            while ((hitAfter[0] < 0 || hitAfter[1] < 0) && System.nanoTime() < deadline) {
                for (int node = 0; node < 2; node++) {
                    if (assertPrice(nodes.get(node), id, reads, "222.00") && hitAfter[node] < 0) {
                        hitAfter[node] = (System.nanoTime() - restarted) / 1_000_000;
                    }
                }
            }
            assertTrue(hitAfter[0] >= 0 && hitAfter[1] >= 0, "both nodes cache again within 10 s");
            for (Http node : nodes) {
                assertPrice(node, id, reads, "222.00");
            }
            System.out.printf("Snapshot restore: no old price on either node; caching again after %d ms (node 1,"
                    + " read during the outage) and %d ms (node 2, no request during it)%n", hitAfter[0], hitAfter[1]);
        } finally {
            if (!redis.isRunning()) {
                redis.restart();
                grantSecondNode();
            }
            Files.deleteIfExists(redis.snapshot()); // later restarts of the shared Redis start empty
        }
    }

    /**
     * One node's eviction fails while every other node and Redis are fine (here Redis refuses that node's scripts,
     * as a partition or a node-local fault would). The write is committed and acknowledged; the eviction is owed
     * by the writer and lands once Redis takes its commands again. Until then the other node, which saw no
     * failure, can serve the entry from before the write: the one window this design leaves, measured here.
     */
    @Test
    void anEvictionThatFailsOnOneNodeAloneLandsOnceRedisTakesItsCommandsAgain() throws Exception {
        String location = "Partial-" + System.nanoTime();
        String list = "properties/?location=" + location;
        Http reader = nodes.get(0);
        long id = id(reader.asAdmin().send("POST", "properties/", "application/json", priced(location, "1.00")));
        reader.get(list);
        assertEquals("HIT", Http.cacheOutcome(reader.get(list)));
        long acknowledged;
        int staleDuringTheFault = 0;
        Resp.call(redisPort(), "ACL", "SETUSER", SECOND_NODE_USER, "-eval", "-evalsha");
        try {
            patchPrice(nodes.get(1).asAdmin(), id, "2.00");
            for (int i = 0; i < 10; i++) {
                HttpResponse<byte[]> read = reader.get(list);
                assertEquals(200, read.statusCode(), "the other node's reads never fail");
                staleDuringTheFault += price(read, id).equals("1.00") ? 1 : 0;
            }
        } finally {
            Resp.call(redisPort(), "ACL", "SETUSER", SECOND_NODE_USER, "+@all");
            acknowledged = System.nanoTime();
        }
        long deadline = acknowledged + Duration.ofSeconds(10).toNanos();
        while (!price(reader.get(list), id).equals("2.00") && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(20); // polling for the owed eviction to land
        }
        long landedAfter = (System.nanoTime() - acknowledged) / 1_000_000;
        for (int i = 0; i < 20; i++) {
            for (Http node : nodes) {
                assertEquals("2.00", price(node.get(list), id), "no stale read once the eviction landed");
            }
        }
        assertTrue(landedAfter < 5_000, "the owed eviction landed " + landedAfter + " ms after Redis took it");
        System.out.printf("One node's eviction refused: %d of 10 reads on the other node stale during the fault;"
                + " the owed eviction landed %d ms after Redis took that node's commands again%n",
                staleDuringTheFault, landedAfter);
    }

    /** maxmemory with allkeys-lru: Redis may evict any key, the generation counter too. */
    @Test
    void underMaxmemoryThatEvictsAnyKeyNoNodeReadsStale() throws Exception {
        writesAndReadsUnderMaxmemory("allkeys-lru", 0);
        long evicted = Long.parseLong(info("stats").replaceAll("(?s).*evicted_keys:(\\d+).*", "$1"));
        assertTrue(evicted > 0, "Redis evicted no key: the fault was not staged");
    }

    /** maxmemory with noeviction, over the limit: Redis refuses every write that would add memory. */
    @Test
    void underMaxmemoryThatRefusesWritesNoNodeReadsStale() throws Exception {
        List<MetricsScrape> before = scrapes();
        writesAndReadsUnderMaxmemory("noeviction", -100_000);
        long refused = increase(before, scrapes(), scrape -> scrape.cache("errors", "response"));
        assertTrue(refused > 0, "Redis refused no store: the fault was not staged");
    }

    /**
     * 12 writes alternating between the nodes, each followed by reads of the detail, filtered, sorted and paged
     * lists and the whole list on both nodes, with Redis' memory limit {@code headroomBytes} above what it holds
     * (0: at the limit, below 0: over it): at first without entries, then again after each write and its
     * warm-ups, since each client connection that the nodes' pools open or close (idle ones after 10 s) moves
     * Redis' memory by about 60 KB, enough to leave it under a limit set once.
     */
    private void writesAndReadsUnderMaxmemory(String policy, long headroomBytes) throws Exception {
        String location = "Memory-" + System.nanoTime();
        List<String> reads = List.of("properties/?location=" + location, "properties/", "properties/?page=1",
                "properties/?sort=-price", "properties/?sort=price&page=2");
        long id = id(nodes.get(0).asAdmin().send("POST", "properties/", "application/json", priced(location, "1.00")));
        // The limit is set over what Redis holds without any entry, so that entries have to fit in the headroom.
        nodes.forEach(WarmUps::awaitAllDone);
        CacheKeys.evictAsAnotherNode(TestRedis.client());
        Resp.call(redisPort(), "CONFIG", "RESETSTAT");
        Resp.call(redisPort(), "CONFIG", "SET", "maxmemory-policy", policy);
        limitMemory(headroomBytes);
        try {
            for (int round = 2; round <= 13; round++) {
                String price = round + ".00";
                patchPrice(nodes.get(round % 2).asAdmin(), id, price);
                nodes.forEach(WarmUps::awaitAllDone);
                limitMemory(headroomBytes);
                for (Http node : nodes) {
                    assertPrice(node, id, reads, price);
                }
            }
            // Every load is over: no node may hold a load's lock, or the other's loads of that key wait for it.
            nodes.forEach(WarmUps::awaitAllDone);
            assertEquals(List.of(), lockKeys(), "a load's lock outlived it under maxmemory-policy " + policy);
        } finally {
            Resp.call(redisPort(), "CONFIG", "SET", "maxmemory", "0");
            Resp.call(redisPort(), "CONFIG", "SET", "maxmemory-policy", "noeviction");
        }
        // A refused store is a miss, not a Redis failure: once the limit is lifted each node stores and hits again.
        for (Http node : nodes) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!"HIT".equals(Http.cacheOutcome(node.get(reads.get(0)))) && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(100); // polling for the node to store and hit again
            }
            assertEquals("HIT", Http.cacheOutcome(node.get(reads.get(0))), "caching resumes after the limit is lifted");
        }
    }

    private static void limitMemory(long headroomBytes) throws IOException {
        long used = Long.parseLong(info("memory").replaceAll("(?s).*used_memory:(\\d+).*", "$1"));
        Resp.call(redisPort(), "CONFIG", "SET", "maxmemory", Long.toString(used + headroomBytes));
    }

    @SuppressWarnings("unchecked")
    private static List<Object> lockKeys() throws IOException {
        return (List<Object>) Resp.call(redisPort(), "KEYS", CacheEntry.PREFIX + "lock:*");
    }

    /** Every read answers 200 with {@code price} for the property; true when all of them were cache hits. */
    private static boolean assertPrice(Http node, long id, List<String> reads, String price) {
        boolean hits = true;
        for (String read : reads) {
            HttpResponse<byte[]> answer = node.get(read);
            assertEquals(200, answer.statusCode(), read);
            JsonObject body = Http.json(answer);
            body.getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                    .filter(item -> item.getJsonNumber("id").longValue() == id)
                    .forEach(item -> assertEquals(price, item.getString("price"), read));
            hits &= "HIT".equals(Http.cacheOutcome(answer));
        }
        HttpResponse<byte[]> detail = node.get("properties/" + id);
        assertEquals(price, Http.json(detail).getString("price"), "detail");
        return hits && "HIT".equals(Http.cacheOutcome(detail));
    }

    private static String price(HttpResponse<byte[]> list, long id) {
        assertEquals(200, list.statusCode());
        return Http.json(list).getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getJsonNumber("id").longValue() == id)
                .findFirst().orElseThrow().getString("price");
    }

    private static void patchPrice(Http writer, long id, String price) {
        HttpResponse<byte[]> patched = writer.send("PATCH", "properties/" + id, "application/merge-patch+json",
                "{\"price\":\"" + price + "\"}");
        assertEquals(200, patched.statusCode(), Http.text(patched));
    }

    private static String priced(String location, String price) {
        return "{\"title\":\"Priced\",\"description\":\"Fault test\",\"price\":\"" + price
                + "\",\"location\":\"" + location + "\"}";
    }

    /**
     * The second node logs in to Redis as a user of its own, so a test can refuse its commands alone. Redis keeps
     * its users in its configuration, not in its data: a restart loses them, as it would in production without an
     * ACL file.
     */
    private static void grantSecondNode() throws IOException {
        Resp.call(redisPort(), "ACL", "SETUSER", SECOND_NODE_USER, "on", ">" + SECOND_NODE_PASSWORD, "~*", "&*",
                "+@all");
    }

    private static String info(String section) throws IOException {
        return Resp.text(redisPort(), "INFO", section);
    }

    private static int redisPort() {
        return PayaraMicroEnvironment.services().localRedis().orElseThrow().port();
    }

    /**
     * The first node's eviction fails while Redis stalls and is owed there; the second node holds the old entries
     * in its near cache and must not serve them when Redis is back: a stalled Redis still runs the eviction the
     * client gave up on, and the first node's retry evicts again.
     */
    @Test
    void aWriteDuringARedisStallIsServedStaleByNoNodeAfterwards() throws Exception {
        LocalRedis redis = PayaraMicroEnvironment.services().localRedis().orElseThrow();
        String location = "Stall-" + System.nanoTime();
        String list = "properties/?location=" + location;
        long id = id(nodes.get(0).asAdmin().send("POST", "properties/", "application/json", draft(location, 0)));
        for (Http node : nodes) {
            node.get(list);
            assertEquals("HIT", Http.cacheOutcome(node.get(list)));
        }
        redis.pause();
        try {
            assertEquals(200, nodes.get(1).get(list).statusCode(), "the second node answers from the database");
            HttpResponse<byte[]> written = nodes.get(0).asAdmin().send("PUT", "properties/" + id, "application/json",
                    draft(location, 1));
            assertEquals(200, written.statusCode(), "writes keep working");
        } finally {
            redis.resume();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        List<String> outcomes = new ArrayList<>();
        while (!outcomes.contains("HIT") && System.nanoTime() < deadline) {
            for (Http node : nodes) {
                HttpResponse<byte[]> read = node.get(list);
                assertEquals(200, read.statusCode());
                List<JsonObject> listed = Http.json(read).getJsonArray("properties").getValuesAs(JsonObject.class);
                assertEquals("v1", listed.get(0).getString("title"), "read after Redis returned, on node "
                        + nodes.indexOf(node) + ", after " + outcomes);
                outcomes.add(Http.cacheOutcome(read));
            }
        }
        assertTrue(outcomes.contains("HIT"), "caching resumes within 5 s: " + outcomes);
    }

    @Test
    void aStampedeAcrossBothNodesMakesOneLoad() throws Exception {
        // Both levels cold, and no warm-up running or due on either node: once the warm-ups of earlier writes are
        // done, evict in Redis directly, which is how another node's eviction looks and starts no warm-up here.
        nodes.forEach(WarmUps::awaitAllDone);
        RedissonClient redis = TestRedis.client();
        CacheKeys.evictAsAnotherNode(redis);
        List<MetricsScrape> before = scrapes();
        ExecutorService clients = Executors.newFixedThreadPool(100);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HttpResponse<byte[]>>> responses = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                Http node = nodes.get(i % 2);
                responses.add(clients.submit(() -> {
                    start.await();
                    return node.get("properties/");
                }));
            }
            start.countDown();
            byte[] first = null;
            List<String> outcomes = new ArrayList<>();
            for (Future<HttpResponse<byte[]>> response : responses) {
                HttpResponse<byte[]> answer = response.get(60, TimeUnit.SECONDS);
                assertEquals(200, answer.statusCode());
                first = first == null ? answer.body() : first;
                assertArrayEquals(first, answer.body(), "every client of either node gets the same list");
                outcomes.add(Http.cacheOutcome(answer));
            }
            assertEquals(1, Collections.frequency(outcomes, "MISS"), "one request loaded: " + outcomes);
        } finally {
            clients.shutdownNow();
        }
        List<MetricsScrape> after = scrapes();
        assertEquals(1, increase(before, after, scrape -> scrape.cache("loads", "response")), "one resource invocation");
        assertEquals(1, increase(before, after, scrape -> scrape.cache("loads", "list")), "one database load");
    }

    /**
     * A write to one property evicts every list and page and that property's detail, on both nodes, and leaves
     * the cached details of the other properties hits on both nodes.
     */
    @Test
    void aWriteToOnePropertyLeavesTheOtherDetailsCachedOnBothNodes() throws Exception {
        String location = "Rows-" + System.nanoTime();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(id(nodes.get(0).asAdmin().send("POST", "properties/", "application/json",
                    priced(location, (i + 1) + ".00"))));
        }
        nodes.forEach(WarmUps::awaitAllDone);
        List<String> details = ids.stream().map(id -> "properties/" + id).toList();
        List<String> lists = List.of("properties/?location=" + location, "properties/", "properties/?page=1",
                "properties/?location=" + location + "&size=5&page=2");
        cachedOnBothNodes(details);
        cachedOnBothNodes(lists);

        long written = ids.get(0);
        patchPrice(nodes.get(1).asAdmin(), written, "99.00");

        int hits = 0;
        for (Http node : nodes) {
            HttpResponse<byte[]> detail = node.get("properties/" + written);
            assertEquals("99.00", Http.json(detail).getString("price"), "the written detail on every node at once");
            for (String list : lists) {
                HttpResponse<byte[]> answer = node.get(list);
                assertTrue(priceIn(answer, written).map("99.00"::equals).orElse(true), list + " shows the write");
            }
            for (long other : ids.subList(1, ids.size())) {
                HttpResponse<byte[]> answer = node.get("properties/" + other);
                assertEquals(200, answer.statusCode());
                hits += "HIT".equals(Http.cacheOutcome(answer)) ? 1 : 0;
            }
        }
        assertEquals(2 * (ids.size() - 1), hits, "the other details stayed hits on both nodes");
    }

    /**
     * An outside UPDATE of two properties evicts their details and every list, and leaves a third's detail
     * cached; a statement past the bound of named rows (1,001 rows) evicts every detail.
     */
    @Test
    void anOutsideChangeEvictsTheDetailsOfTheRowsItNamesOrEveryDetailPastTheBound() throws Exception {
        String location = "Named-" + System.nanoTime();
        long first = id(nodes.get(0).asAdmin().send("POST", "properties/", "application/json", priced(location, "1.00")));
        long second = id(nodes.get(0).asAdmin().send("POST", "properties/", "application/json", priced(location, "2.00")));
        long third = id(nodes.get(0).asAdmin().send("POST", "properties/", "application/json", priced(location, "3.00")));
        List<String> details = List.of("properties/" + first, "properties/" + second, "properties/" + third);
        cachedOnBothNodes(details);

        seenWithinBound(OutsideWrites.commit("UPDATE property SET price = price + 10 WHERE id IN (" + first + ", "
                + second + ")"), details.subList(0, 2), (read, answer) -> priceIn(answer, first)
                .or(() -> priceIn(answer, second)).map(price -> price.startsWith("1")).orElse(false));
        for (Http node : nodes) {
            assertEquals("HIT", Http.cacheOutcome(node.get("properties/" + third)), "a row the change did not name");
        }

        List<MetricsScrape> before = scrapes();
        OutsideWrites.commit("INSERT INTO property (title, description, price, location)"
                + " SELECT 'Bulk ' || n, 'Imported', n, '" + location + "-bulk' FROM generate_series(1, 1001) AS n");
        List<MetricsScrape> after = evictionsAsked(before, 2);
        assertEquals(1, increase(before, after, scrape -> scrape.cache("evictions_of_everything", "response")),
                "1,001 rows are more than a notification names: everything");
        assertEquals("MISS", Http.cacheOutcome(nodes.get(0).get("properties/" + third)), "every detail was evicted");
        OutsideWrites.commit("DELETE FROM property WHERE location = '" + location + "-bulk'");
    }

    /** database.changes.max-lag-ms, as configured by default: every read that starts later sees a commit. */
    private static final long CHANGE_BOUND_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    /**
     * Changes committed in the database without the service, over plain JDBC: an UPDATE, an INSERT, a DELETE and a
     * TRUNCATE (and the rows put back). Every read of the detail, a filtered list and the whole list on both nodes
     * that starts more than the bound after the commit shows the change; the test states how soon they did.
     */
    @Test
    void changesMadeInTheDatabaseAreSeenOnBothNodesWithinTheBound() throws Exception {
        String location = "Outside-" + System.nanoTime();
        long id = id(nodes.get(0).asAdmin().send("POST", "properties/", "application/json", priced(location, "100.00")));
        String filtered = "properties/?location=" + location;
        List<String> reads = List.of("properties/" + id, filtered, "properties/");
        Map<String, Long> delays = new java.util.LinkedHashMap<>();

        cachedOnBothNodes(reads);
        delays.put("UPDATE", seenWithinBound(OutsideWrites.commit("UPDATE property SET price = 700 WHERE id = " + id),
                reads, (read, answer) -> priceIn(answer, id).equals(Optional.of("700.00"))));

        cachedOnBothNodes(reads);
        long inserted = OutsideWrites.insert("Outside", location, "5.00");
        delays.put("INSERT", seenWithinBound(System.nanoTime(), reads.subList(1, 3),
                (read, answer) -> priceIn(answer, inserted).equals(Optional.of("5.00"))));

        List<String> withInserted = List.of("properties/" + inserted, filtered, "properties/");
        cachedOnBothNodes(withInserted);
        delays.put("DELETE", seenWithinBound(OutsideWrites.commit("DELETE FROM property WHERE id = " + inserted),
                withInserted, (read, answer) -> priceIn(answer, inserted).isEmpty()));

        cachedOnBothNodes(reads);
        OutsideWrites.commit("DROP TABLE IF EXISTS property_kept", "CREATE TABLE property_kept AS SELECT * FROM property");
        try {
            delays.put("TRUNCATE", seenWithinBound(OutsideWrites.commit("TRUNCATE property"), reads,
                    (read, answer) -> priceIn(answer, id).isEmpty()));
        } finally {
            delays.put("INSERT ... SELECT", seenWithinBound(OutsideWrites.commit(
                    "INSERT INTO property SELECT * FROM property_kept", "DROP TABLE property_kept"), reads,
                    (read, answer) -> priceIn(answer, id).equals(Optional.of("700.00"))));
        }
        System.out.printf("Changes made in the database, shown by every read on both nodes after (ms): %s%n", delays);
    }

    /**
     * A write makes one eviction of the shared cache however many nodes hear of it: through the API (the writer's
     * own eviction and both nodes' notifications), and a statement of 10,000 rows made outside.
     */
    @Test
    void aWriteIsOneEvictionHoweverManyNodesHearIt() throws Exception {
        String location = "Once-" + System.nanoTime();
        List<MetricsScrape> before = scrapes();
        long id = id(nodes.get(0).asAdmin().send("POST", "properties/", "application/json", priced(location, "1.00")));
        String filtered = "properties/?location=" + location;

        before = evictionsAsked(before, 3);
        patchPrice(nodes.get(1).asAdmin(), id, "2.00");
        // The writer's own eviction, and the notification on each node.
        List<MetricsScrape> after = evictionsAsked(before, 3);
        assertEquals(1, increase(before, after, scrape -> scrape.cache("evictions", "list")),
                "evictions for one write through the API, on both nodes together");
        assertEquals(2, increase(before, after, scrape -> scrape.cache("evictions_already_made", "list")));

        before = after;
        long imported = OutsideWrites.commit("INSERT INTO property (title, description, price, location)"
                + " SELECT 'Bulk ' || n, 'Imported', n, '" + location + "' FROM generate_series(1, 10000) AS n");
        after = evictionsAsked(before, 2);
        assertEquals(1, increase(before, after, scrape -> scrape.cache("evictions", "list")),
                "evictions for one statement of 10,000 rows");
        seenWithinBound(imported, List.of(filtered + "&size=1"),
                (read, answer) -> Http.json(answer).getInt("total") == 10_001);

        before = after;
        OutsideWrites.commit("DELETE FROM property WHERE location = '" + location + "' AND id <> " + id);
        after = evictionsAsked(before, 2);
        assertEquals(1, increase(before, after, scrape -> scrape.cache("evictions", "list")),
                "evictions for one statement that deletes 10,000 rows");
    }

    /**
     * Waits until the nodes together asked for {@code asked} more evictions than in {@code before} (each at least
     * one: every node hears every commit), and answers their metrics then.
     */
    private List<MetricsScrape> evictionsAsked(List<MetricsScrape> before, int asked) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        List<MetricsScrape> now = scrapes();
        while (System.nanoTime() < deadline && !asked(before, now, asked)) {
            TimeUnit.MILLISECONDS.sleep(20); // polling the metrics for the notifications to be handled
            now = scrapes();
        }
        assertTrue(asked(before, now, asked), "the nodes asked for " + asked + " evictions within 10 s");
        return now;
    }

    private static boolean asked(List<MetricsScrape> before, List<MetricsScrape> now, int asked) {
        long total = 0;
        for (int node = 0; node < before.size(); node++) {
            long more = heard(now.get(node)) - heard(before.get(node));
            if (more < 1) {
                return false;
            }
            total += more;
        }
        return total >= asked;
    }

    private static long heard(MetricsScrape scrape) {
        return scrape.cache("evictions", "list") + scrape.cache("evictions_already_made", "list");
    }

    /**
     * The listening sessions are cut off by the database (pg_terminate_backend), then PostgreSQL restarts, while
     * another client keeps updating a property: no read on either node shows a price older than one committed
     * more than the bound before it began. Each node bypasses the cache until it listens again and has evicted;
     * the test states how long that took.
     */
    @Test
    void aNodeThatCannotHearTheDatabaseServesNoStaleRead() throws Exception {
        String location = "Deaf-" + System.nanoTime();
        long id = id(nodes.get(0).asAdmin().send("POST", "properties/", "application/json", priced(location, "1.00")));
        List<String> reads = List.of("properties/" + id, "properties/?location=" + location);
        cachedOnBothNodes(reads);
        OutsideUpdates updates = new OutsideUpdates(id);
        try {
            updates.start();
            readAndCheck(reads, updates, Duration.ofMillis(500));
            long killed = OutsideWrites.count("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = '" + ChangeChannel.APPLICATION_NAME + "'");
            assertEquals(2, killed, "one listening session per node");
            long cut = System.nanoTime();
            long[] cachingAgain = readAndCheck(reads, updates, Duration.ofSeconds(2));
            assertTrue(cachingAgain[0] > 0 && cachingAgain[1] > 0, "both nodes cache again within 2 s of the cut");
            System.out.printf("Listeners cut off under outside writes: no stale read; caching again after %d ms and"
                    + " %d ms%n", (cachingAgain[0] - cut) / 1_000_000, (cachingAgain[1] - cut) / 1_000_000);

            LocalPostgres postgres = PayaraMicroEnvironment.services().localPostgres().orElseThrow();
            updates.pause();
            readAndCheck(reads, updates, Duration.ofMillis(500));
            postgres.close();
            try {
                // One read per node while it is down: each waits until JPA gives up on the database (three
                // attempts, see QuickReconnects) before its cached answer.
                for (Http node : nodes) {
                    HttpResponse<byte[]> answer = node.get(reads.get(0));
                    assertEquals(200, answer.statusCode(), "a cached detail while PostgreSQL is down");
                    assertEquals(Optional.of(Long.toString(updates.committedBefore(System.nanoTime())) + ".00"),
                            priceIn(answer, id), "the last price committed before the outage");
                }
            } finally {
                postgres.restart();
            }
            long restarted = System.nanoTime();
            updates.resume();
            cachingAgain = readAndCheck(reads, updates, Duration.ofSeconds(3));
            assertTrue(cachingAgain[0] > 0 && cachingAgain[1] > 0, "both nodes cache again within 3 s of the restart");
            System.out.printf("PostgreSQL restarted under outside writes: no stale read; caching again after %d ms"
                    + " and %d ms%n", (cachingAgain[0] - restarted) / 1_000_000, (cachingAgain[1] - restarted) / 1_000_000);
        } finally {
            updates.stop();
        }
        assertTrue(updates.committed() > 20, "the outside writes ran: " + updates.committed());
    }

    /**
     * Reads on both nodes for {@code duration}, each checked against the outside updates: a read shows at least
     * the price committed more than the bound before it began. Answers when each node first began a read that hit
     * after a read of its that did not (0 if it never did): when it was caching again.
     */
    private long[] readAndCheck(List<String> reads, OutsideUpdates updates, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        long[] cachingAgain = new long[nodes.size()];
        boolean[] missed = new boolean[nodes.size()];
        while (System.nanoTime() < end) {
            for (int node = 0; node < nodes.size(); node++) {
                for (String read : reads) {
                    long started = System.nanoTime();
                    long required = updates.committedBefore(started - CHANGE_BOUND_NANOS);
                    HttpResponse<byte[]> answer = nodes.get(node).get(read);
                    assertEquals(200, answer.statusCode(), read + " on node " + node);
                    long shown = new java.math.BigDecimal(priceIn(answer, updates.id).orElseThrow()).longValue();
                    assertTrue(shown >= required, read + " on node " + node + " showed " + shown + ", " + required
                            + " was committed more than the bound before (" + Http.cacheOutcome(answer) + ")");
                    boolean hit = "HIT".equals(Http.cacheOutcome(answer));
                    if (!hit) {
                        missed[node] = true;
                    } else if (missed[node] && cachingAgain[node] == 0) {
                        cachingAgain[node] = started;
                    }
                }
            }
        }
        return cachingAgain;
    }

    /** Another client updating one property's price (1, 2, 3, ...) every 20 ms over JDBC, when it can. */
    private static final class OutsideUpdates {

        final long id;
        private final ConcurrentLinkedDeque<long[]> commits = new ConcurrentLinkedDeque<>(); // {price, nanos}
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private volatile boolean paused;
        private volatile boolean running = true;

        OutsideUpdates(long id) {
            this.id = id;
        }

        void start() {
            thread.submit(() -> {
                for (long price = 2; running; ) {
                    if (!paused) {
                        try {
                            long at = OutsideWrites.commit("UPDATE property SET price = " + price + " WHERE id = " + id);
                            commits.add(new long[] {price, at});
                            price++;
                        } catch (java.sql.SQLException databaseDown) {
                            // the restart: nothing was committed
                        }
                    }
                    TimeUnit.MILLISECONDS.sleep(20); // the pace of the other client
                }
                return null;
            });
        }

        /** The highest price whose commit returned before {@code nanos}; 1 (the first) if none. */
        long committedBefore(long nanos) {
            long price = 1;
            for (long[] commit : commits) {
                if (commit[1] < nanos) {
                    price = Math.max(price, commit[0]);
                }
            }
            return price;
        }

        int committed() {
            return commits.size();
        }

        void pause() {
            paused = true;
        }

        void resume() {
            paused = false;
        }

        void stop() throws InterruptedException {
            running = false;
            thread.shutdown();
            thread.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Reads each twice on both nodes: the second read of each is a hit. */
    private void cachedOnBothNodes(List<String> reads) {
        for (Http node : nodes) {
            for (String read : reads) {
                node.get(read);
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                HttpResponse<byte[]> again = node.get(read);
                while (!"HIT".equals(Http.cacheOutcome(again)) && System.nanoTime() < deadline) {
                    again = node.get(read); // a warm-up's eviction-free rebuild, or a node still settling
                }
                assertEquals("HIT", Http.cacheOutcome(again), read + " on node " + nodes.indexOf(node));
            }
        }
    }

    /**
     * Reads {@code reads} on both nodes from {@code committed} on, until each has shown the change and has been read
     * once more after the bound; a read that starts later than the bound after the commit and does not show it, or
     * that shows the old state after the new one, fails the test. The time after the commit by which every read
     * showed it, in ms.
     */
    private long seenWithinBound(long committed, List<String> reads, BiPredicate<String, HttpResponse<byte[]>> shows) {
        Map<String, Long> firstSeen = new HashMap<>();
        java.util.Set<String> checkedAfterBound = new java.util.HashSet<>();
        long deadline = committed + Duration.ofSeconds(10).toNanos();
        while (checkedAfterBound.size() < nodes.size() * reads.size() && System.nanoTime() < deadline) {
            for (int node = 0; node < nodes.size(); node++) {
                for (String read : reads) {
                    String which = read + " on node " + node;
                    long started = System.nanoTime();
                    HttpResponse<byte[]> answer = nodes.get(node).get(read);
                    boolean shown = shows.test(read, answer);
                    if (shown) {
                        firstSeen.putIfAbsent(which, started - committed);
                    } else {
                        assertFalse(firstSeen.containsKey(which), which + " showed the change, then no more");
                    }
                    if (started - committed > CHANGE_BOUND_NANOS) {
                        assertTrue(shown, which + " did not show the change " + (started - committed) / 1_000_000
                                + " ms after its commit (" + Http.cacheOutcome(answer) + ")");
                        checkedAfterBound.add(which);
                    }
                }
            }
        }
        assertEquals(nodes.size() * reads.size(), checkedAfterBound.size(), "every read was checked after the bound");
        return firstSeen.values().stream().mapToLong(Long::longValue).max().orElseThrow() / 1_000_000;
    }

    /** The price of the property in a detail or list answer; empty when it is not there (or a 404). */
    private static Optional<String> priceIn(HttpResponse<byte[]> answer, long id) {
        if (answer.statusCode() == 404) {
            return Optional.empty();
        }
        assertEquals(200, answer.statusCode(), Http.text(answer));
        JsonObject body = Http.json(answer);
        List<JsonObject> items = body.containsKey("properties")
                ? body.getJsonArray("properties").getValuesAs(JsonObject.class) : List.of(body);
        return items.stream().filter(item -> item.getJsonNumber("id").longValue() == id)
                .map(item -> item.getString("price")).findFirst();
    }

    private record Ack(int version, long at) {
    }

    /**
     * 8 writers and 32 readers for 15 s (it.stress.seconds), each request to either node: after each
     * acknowledged write, every read that starts later, on any node, must see it, through the response cache,
     * the near caches, the list cache and the detail view alike. One of the writers writes outside the service,
     * over JDBC: every read that starts more than the bound after its commit must see its change.
     */
    @Test
    void everyReadAfterAnAcknowledgedWriteSeesItOnEveryNode() throws Exception {
        String location = "Stress-" + System.nanoTime();
        List<Long> ids = new ArrayList<>();
        Map<Long, ConcurrentLinkedDeque<Ack>> acks = new ConcurrentHashMap<>();
        for (int i = 0; i < WRITERS * PROPERTIES_PER_WRITER; i++) {
            long id = id(nodes.get(i % 2).asAdmin().send("POST", "properties/", "application/json", draft(location, 0)));
            ids.add(id);
            acks.put(id, new ConcurrentLinkedDeque<>(List.of(new Ack(0, System.nanoTime()))));
        }
        Duration duration = Duration.ofSeconds(Long.getLong("it.stress.seconds", 15));
        long deadline = System.nanoTime() + duration.toNanos();
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger writes = new AtomicInteger();
        AtomicInteger detailReads = new AtomicInteger();
        AtomicInteger detailHits = new AtomicInteger();
        List<String> stale = Collections.synchronizedList(new ArrayList<>());
        List<String> errors = Collections.synchronizedList(new ArrayList<>());
        ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            List<Long> own = ids.subList(w * PROPERTIES_PER_WRITER, (w + 1) * PROPERTIES_PER_WRITER);
            boolean outside = w == WRITERS - 1;
            workers.add(threads.submit(() -> {
                for (int version = 1; System.nanoTime() < deadline; version++) {
                    long id = own.get(version % own.size());
                    if (outside) {
                        // Another client of the database: its change counts from the bound after its commit.
                        long committed = OutsideWrites.commit("UPDATE property SET title = 'v" + version
                                + "' WHERE id = " + id);
                        acks.get(id).add(new Ack(version, committed + CHANGE_BOUND_NANOS));
                        writes.incrementAndGet();
                        continue;
                    }
                    HttpResponse<byte[]> answer = anyNode().asAdmin().send("PUT", "properties/" + id,
                            "application/json", draft(location, version));
                    if (answer.statusCode() == 200) {
                        acks.get(id).add(new Ack(version, System.nanoTime()));
                        writes.incrementAndGet();
                    } else {
                        errors.add("PUT " + answer.statusCode());
                    }
                }
                return null;
            }));
        }
        for (int r = 0; r < READERS; r++) {
            workers.add(threads.submit(() -> {
                while (System.nanoTime() < deadline) {
                    long started = System.nanoTime();
                    boolean list = ThreadLocalRandom.current().nextBoolean();
                    long one = ids.get(ThreadLocalRandom.current().nextInt(ids.size()));
                    int node = ThreadLocalRandom.current().nextInt(nodes.size());
                    HttpResponse<byte[]> answer = nodes.get(node).get(list
                            ? "properties/?location=" + location + "&size=100"
                            : "properties/" + one);
                    if (answer.statusCode() != 200) {
                        errors.add("GET " + answer.statusCode() + " on node " + node);
                        continue;
                    }
                    reads.incrementAndGet();
                    if (!list) {
                        detailReads.incrementAndGet();
                        detailHits.addAndGet("HIT".equals(Http.cacheOutcome(answer)) ? 1 : 0);
                    }
                    JsonObject body = Http.json(answer);
                    List<JsonObject> seen = list
                            ? body.getJsonArray("properties").getValuesAs(JsonObject.class)
                            : List.of(body);
                    for (JsonObject property : seen) {
                        long id = property.getJsonNumber("id").longValue();
                        int version = Integer.parseInt(property.getString("title").substring(1));
                        int required = acks.get(id).stream().filter(ack -> ack.at() < started)
                                .mapToInt(Ack::version).max().orElse(0);
                        if (version < required) {
                            stale.add("property " + id + " on node " + node + ": read v" + version + ", v" + required
                                    + " was acknowledged before the read began ("
                                    + Http.cacheOutcome(answer) + ")");
                        }
                    }
                }
            }));
        }
        for (Future<?> worker : workers) {
            worker.get(duration.toSeconds() + 120, TimeUnit.SECONDS);
        }
        threads.shutdown();

        System.out.printf("Consistency under load on 2 nodes: %d writers, %d readers, %d s: %d writes, %d reads, "
                + "%d stale, %d errors; detail hit ratio %.1f %% of %d detail reads%n", WRITERS, READERS,
                duration.toSeconds(), writes.get(), reads.get(), stale.size(), errors.size(),
                100.0 * detailHits.get() / Math.max(1, detailReads.get()), detailReads.get());
        assertEquals(List.of(), stale.subList(0, Math.min(stale.size(), 20)), "stale reads");
        assertEquals(List.of(), errors.subList(0, Math.min(errors.size(), 20)), "failed requests");
        assertTrue(writes.get() > WRITERS && reads.get() > READERS, "the load ran");
    }

    private Http anyNode() {
        return nodes.get(ThreadLocalRandom.current().nextInt(nodes.size()));
    }

    private long[] nearHits() {
        return scrapes().stream().mapToLong(scrape -> scrape.cache("near_hits", "response")).toArray();
    }

    private List<MetricsScrape> scrapes() {
        return nodes.stream().map(MetricsScrape::of).toList();
    }

    private static long increase(List<MetricsScrape> before, List<MetricsScrape> after, ToLongFunction<MetricsScrape> figure) {
        long increase = 0;
        for (int node = 0; node < before.size(); node++) {
            increase += figure.applyAsLong(after.get(node)) - figure.applyAsLong(before.get(node));
        }
        return increase;
    }

    private static long id(HttpResponse<byte[]> created) {
        assertEquals(201, created.statusCode(), Http.text(created));
        return Http.json(created).getJsonNumber("id").longValue();
    }

    private static String draft(String location, int version) {
        return "{\"title\":\"v" + version + "\",\"description\":\"Two nodes\",\"price\":" + (100 + version)
                + ",\"location\":\"" + location + "\"}";
    }
}
