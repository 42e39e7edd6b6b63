package io.propertylistings.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.redis.RedisConnectionEvents;
import io.propertylistings.support.Waiting;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The get-or-load and the rules of doubt, against a Redis that is a map and can be made to fail. */
class GenerationalCacheTest {

    /** The cache's scripts over a map; {@code down} makes every call fail as a timeout would. */
    static final class MapRedis extends GenerationScripts {
        boolean down;
        long generation = 100;
        long clock = 100;
        final Map<String, byte[]> entries = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final Set<String> evictedTransactions = new HashSet<>();
        Runnable whileAnswering;

        long epoch = 50;
        final Map<Long, Long> rowVersions = new HashMap<>();

        String tag(long row) {
            return row < 0 ? Long.toString(generation)
                    : CacheEntry.rowTag(Long.toString(epoch), row, Long.toString(rowVersions.getOrDefault(row, 0L)));
        }

        @Override
        public List<byte[]> lookup(String entrySuffix, long row, String heldTag) {
            call("lookup");
            String current = Long.toString(generation);
            String tag = tag(row);
            byte[] entry = entries.get(CacheEntry.PREFIX + tag + entrySuffix);
            List<byte[]> reply = entry == null || tag.equals(heldTag) ? List.of(bytes(current), bytes(tag))
                    : List.of(bytes(current), bytes(tag), entry);
            if (whileAnswering != null) {
                whileAnswering.run();
            }
            return reply;
        }

        @Override
        public Optional<String> storeIfCurrent(String seen, String entrySuffix, long row, byte[] value,
                Duration ttl) {
            call("store");
            if (!seen.equals(tag(row))) {
                return Optional.empty();
            }
            if (row >= 0 && !rowVersions.containsKey(row)) {
                rowVersions.put(row, ++clock);
            }
            entries.put(CacheEntry.PREFIX + tag(row) + entrySuffix, value);
            return Optional.of(tag(row));
        }

        @Override
        public Advance advance(long floor, Eviction eviction) {
            call("advance");
            if (!eviction.change().isEmpty() && !evictedTransactions.add(eviction.change())) {
                return new Advance(Long.toString(generation), false);
            }
            String sets = CacheEntry.PREFIX + generation + ":";
            entries.keySet().removeIf(key -> key.startsWith(sets));
            clock += 1000; // Redis' TIME: the real script moves to at least the clock, and the floor
            generation = Math.max(Math.max(generation + 1, clock), floor);
            if (eviction.everything()) {
                entries.clear();
                epoch = ++clock;
            } else {
                for (long row : eviction.rows()) {
                    String details = CacheEntry.PREFIX + CacheEntry.rowTag(Long.toString(epoch), row, "");
                    entries.keySet().removeIf(key -> key.startsWith(details));
                    rowVersions.put(row, ++clock);
                }
            }
            return new Advance(Long.toString(generation), true);
        }

        private void call(String name) {
            if (down) {
                throw new IllegalStateException("Redis timed out");
            }
            calls.add(name);
        }
    }

    private static final ValueCodec<String> TEXT = new ValueCodec<>() {
        @Override
        public int version() {
            return 1;
        }

        @Override
        public Optional<byte[]> encode(String value) {
            return value.startsWith("error") ? Optional.empty() : Optional.of(bytes(value));
        }

        @Override
        public String decode(byte[] stored) {
            String text = new String(stored, StandardCharsets.UTF_8);
            if (text.startsWith("garbage")) {
                throw new IllegalArgumentException("not ours");
            }
            return text;
        }

        @Override
        public long heapBytes(String value, byte[] stored) {
            return 1_000L * stored.length; // as an identity body inflated later would
        }
    };

    private static final CacheEntry<String> ENTRY = new CacheEntry<>(CacheLevel.LIST, "all_properties", TEXT,
            Duration.ofMinutes(1));

    private final MapRedis redis = new MapRedis();
    private final RedisConnectionEvents connections = new RedisConnectionEvents();
    private final GenerationTrust trust = new GenerationTrust();
    private final GenerationalCache cache = new GenerationalCache();
    private final CacheStatistics statistics = new CacheStatistics();
    private final AtomicInteger loads = new AtomicInteger();
    private final NearCache near = new NearCache(10, 1 << 20);

    GenerationalCacheTest() {
        trust.connections = connections;
        trust.generations = redis;
        trust.nearCache = near;
        cache.redis = redis;
        cache.trust = trust;
        cache.nearCache = near;
        cache.flights = new SingleFlight(); // without Redis its cross-node lock is skipped
        cache.statistics = statistics;
    }

    private Cached<String> get() {
        return get("v" + (loads.get() + 1));
    }

    private Cached<String> get(String loaded) {
        return cache.get(ENTRY, () -> {
            loads.incrementAndGet();
            return loaded;
        });
    }

    /** Runs the background retry of a doubt, as its timer would. */
    private void settle() {
        trust.retry();
    }

    @Test
    void aNodeStartsInDoubtAndReadsOnlyAfterAnEvictionOfItsOwn() {
        assertEquals(Cached.Outcome.BYPASS, get().outcome(), "Redis may have been restored while it was away");
        assertFalse(redis.calls.contains("lookup"));
        settle();
        assertEquals(List.of("advance"), redis.calls);
        assertEquals(Cached.Outcome.MISS, get().outcome());
        Cached<String> hit = get();
        assertEquals(Cached.Outcome.HIT, hit.outcome());
        assertEquals("v2", hit.value(), "the value the miss stored");
        assertEquals(2, loads.get());
    }

    @Test
    void aLostConnectionMakesEveryNodeEvictBeforeItReadsAgain() {
        settle();
        get();
        assertEquals(Cached.Outcome.HIT, get().outcome());

        connections.onDisconnect(null, org.redisson.api.NodeType.MASTER);
        redis.entries.put(ENTRY.key(Long.toString(redis.generation)), bytes("from an old snapshot"));
        Cached<String> during = get();
        assertEquals(Cached.Outcome.BYPASS, during.outcome(), "no read until an eviction of its own landed");
        settle();
        assertEquals(Cached.Outcome.MISS, get().outcome(), "the old generation's entries are unreachable");
    }

    @Test
    void aReplicaConnectionIsNoReasonForDoubt() {
        settle();
        get();
        connections.onConnect(null, org.redisson.api.NodeType.SLAVE);
        assertEquals(Cached.Outcome.HIT, get().outcome());
    }

    @Test
    void aFailedLookupIsAMissNotADoubt() {
        settle();
        get();
        redis.down = true;
        assertEquals(Cached.Outcome.BYPASS, get().outcome());
        redis.down = false;
        assertEquals(Cached.Outcome.HIT, get().outcome(), "a timeout loses no eviction: the cache is read at once");
        assertEquals(1, redis.calls.stream().filter("advance"::equals).count());
    }

    @Test
    void whileRedisIsDownCallersThatComeDuringALoadShareTheNextOne() throws Exception {
        settle();
        redis.down = true;
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        Supplier<String> loader = () -> {
            int load = loads.incrementAndGet();
            if (load == 1) {
                firstStarted.countDown();
                Waiting.await(first);
            }
            return "load " + load;
        };
        ExecutorService callers = Executors.newCachedThreadPool();
        try {
            Future<Cached<String>> alone = callers.submit(() -> cache.get(ENTRY, loader));
            Waiting.await(firstStarted);
            List<Future<Cached<String>>> later = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                later.add(callers.submit(() -> cache.get(ENTRY, loader)));
            }
            awaitQueued(20);
            first.countDown();
            assertEquals("load 1", alone.get(10, TimeUnit.SECONDS).value());
            for (Future<Cached<String>> caller : later) {
                Cached<String> read = caller.get(10, TimeUnit.SECONDS);
                assertEquals("load 2", read.value(), "a caller took a load begun before it came");
                assertEquals(Cached.Outcome.BYPASS, read.outcome());
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(2, loads.get(), "one load for the twenty that came during the first");
        assertEquals(2, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.LOADS));
        assertEquals(0, cache.bypassLoads.keys());
    }

    @Test
    void whileRedisIsDownAValueThatMayNotBeKeptIsNotHandedToAnotherCaller() throws Exception {
        settle();
        redis.down = true;
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        Supplier<String> loader = () -> {
            int load = loads.incrementAndGet();
            if (load == 1) {
                firstStarted.countDown();
                Waiting.await(first);
            }
            return "error 404 of load " + load + " on " + Thread.currentThread().getName();
        };
        ExecutorService callers = Executors.newCachedThreadPool();
        try {
            Future<Cached<String>> alone = callers.submit(() -> cache.get(ENTRY, loader));
            Waiting.await(firstStarted);
            List<Future<String>> later = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                later.add(callers.submit(() -> {
                    String read = cache.get(ENTRY, loader).value();
                    return read.endsWith(" on " + Thread.currentThread().getName()) ? "its own" : read;
                }));
            }
            awaitQueued(3);
            first.countDown();
            alone.get(10, TimeUnit.SECONDS);
            for (Future<String> caller : later) {
                assertEquals("its own", caller.get(10, TimeUnit.SECONDS), "an answer loaded for another request");
            }
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1 + 1 + 2, loads.get(), "the shared load, then one for each caller it did not run for");
    }

    @Test
    void aFailedEvictionIsOwedAndKeepsTheCacheUnreadUntilRedisTakesIt() {
        settle();
        get();
        redis.down = true;
        cache.evict(Eviction.everything(""));
        settle();
        redis.down = false;
        assertEquals(Cached.Outcome.BYPASS, get().outcome(), "Redis is back with the entries the write made stale");
        settle();
        assertEquals(Cached.Outcome.MISS, get().outcome());
    }

    @Test
    void aGenerationBelowOneSeenBeforeIsADoubt() {
        settle();
        get();
        redis.generation -= 5; // a failover to a replica that missed the last evictions
        assertEquals(Cached.Outcome.BYPASS, get().outcome());
        settle();
        assertTrue(redis.generation > 100, "advanced past what Redis had lost");
        assertEquals(Cached.Outcome.MISS, get().outcome());
    }

    @Test
    void aGenerationLostWhileRedisClockIsBehindIsSettledByOneEviction() {
        settle();
        redis.generation = redis.clock + 1_000_000; // handed out by a master whose clock ran ahead
        get();
        // A failover to a host whose clock lags, then the counter is lost (a restart without data, LRU, FLUSHALL):
        // Redis starts it again at its own clock, below the generation this node has seen.
        redis.generation = redis.clock;
        assertEquals(Cached.Outcome.BYPASS, get().outcome());
        settle();
        assertEquals(Cached.Outcome.MISS, get().outcome(), "the cache is read again after one eviction");
        assertEquals(Cached.Outcome.HIT, get().outcome());
        assertEquals(2, redis.calls.stream().filter("advance"::equals).count());
    }

    @Test
    void anAnswerOvertakenByANewerOneOnAnotherThreadIsNoDoubt() {
        settle();
        get();
        // A write lands after this lookup was answered, and another request's answer with the new generation is
        // noted before this one's: an older answer arriving late, not Redis going back in time.
        redis.whileAnswering = () -> trust.plausible(Long.toString(++redis.generation), 0);
        assertEquals(Cached.Outcome.HIT, get().outcome());
        redis.whileAnswering = null;
        assertEquals(Cached.Outcome.MISS, get().outcome(), "the new generation's miss, no doubt");
        assertEquals(1, redis.calls.stream().filter("advance"::equals).count());
    }

    private static CacheEntry<String> detail(long row) {
        return new CacheEntry<>(CacheLevel.RESPONSE, "detail-" + row, TEXT, Duration.ofMinutes(1), row);
    }

    private Cached<String> getDetail(long row, String loaded) {
        return cache.get(detail(row), () -> {
            loads.incrementAndGet();
            return loaded;
        });
    }

    @Test
    void aWriteToOneRowLeavesTheDetailsOfOtherRowsCachedAndEvictsItsOwnAndEveryList() {
        settle();
        for (long row = 1; row <= 3; row++) {
            getDetail(row, "row " + row);
            assertEquals(Cached.Outcome.HIT, getDetail(row, "again").outcome());
        }
        get();
        assertEquals(Cached.Outcome.HIT, get().outcome());

        assertTrue(cache.evict(Eviction.rows("tx-1 1", List.of(1L))));

        assertEquals(Cached.Outcome.MISS, getDetail(1, "row 1, written").outcome(), "the written row's detail");
        assertEquals(Cached.Outcome.HIT, getDetail(2, "reloaded").outcome(), "another row's detail stays");
        assertEquals("row 3", getDetail(3, "reloaded").value(), "another row's detail stays");
        assertEquals(Cached.Outcome.MISS, get().outcome(), "a list depends on every row");
        assertFalse(cache.evict(Eviction.rows("tx-1 1", List.of(1L))), "its notification finds it made");
        assertEquals(Cached.Outcome.HIT, getDetail(1, "again").outcome());
    }

    @Test
    void aDetailLoadThatRacedWithAWriteOfItsRowIsNotStored() {
        settle();
        getDetail(2, "row 2");
        Cached<String> raced = cache.get(detail(1), () -> {
            // The row is written and evicted while its old state is being loaded.
            cache.evict(Eviction.rows("tx-2 1", List.of(1L)));
            return "row 1 before the write";
        });
        assertEquals("row 1 before the write", raced.value());
        assertEquals(Cached.Outcome.MISS, getDetail(1, "row 1 after the write").outcome(), "the old state was dropped");
        assertEquals("row 1 after the write", getDetail(1, "later").value());
        assertEquals(Cached.Outcome.HIT, getDetail(2, "reloaded").outcome(), "the other row stayed");
    }

    @Test
    void aDoubtOrAChangeOfEveryRowEvictsEveryDetail() {
        settle();
        getDetail(1, "row 1");
        getDetail(2, "row 2");
        assertTrue(cache.evict(Eviction.everything("tx-3 *")));
        assertEquals(Cached.Outcome.MISS, getDetail(1, "reloaded").outcome());
        connections.onDisconnect(null, org.redisson.api.NodeType.MASTER);
        settle();
        assertEquals(Cached.Outcome.MISS, getDetail(2, "reloaded after the doubt").outcome());
        assertEquals(Cached.Outcome.MISS, getDetail(1, "reloaded after the doubt").outcome());
    }

    @Test
    void anEntryThatCannotBeDecodedIsAMissAndIsReplaced() {
        settle();
        redis.entries.put(ENTRY.key(Long.toString(redis.generation)), bytes("garbage"));
        Cached<String> read = get("fresh");
        assertEquals(Cached.Outcome.MISS, read.outcome());
        assertEquals("fresh", read.value());
        assertEquals(1, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.ERRORS));
        assertEquals(Cached.Outcome.HIT, get().outcome());
        assertEquals(1, redis.calls.stream().filter("advance"::equals).count(), "a decode error evicts nothing");
    }

    @Test
    void aValueThatMayNotBeKeptIsNotStored() {
        settle();
        assertEquals("error 404", get("error 404").value());
        assertFalse(redis.calls.contains("store"));
        assertEquals(Cached.Outcome.MISS, get("error 404").outcome());
    }

    @Test
    void aLoadThatRacedWithAnEvictionIsNotStored() {
        settle();
        Cached<String> raced = cache.get(ENTRY, () -> {
            redis.generation++; // a write committed while the rows were read
            return "old";
        });
        assertEquals("old", raced.value());
        assertTrue(redis.entries.isEmpty());
        assertEquals(Cached.Outcome.MISS, get().outcome());
    }

    @Test
    void theNearCopyIsUsedWhileRedisConfirmsItsGeneration() {
        settle();
        get();
        redis.entries.clear(); // the near copy answers without the entry crossing the network again
        Cached<String> near = get();
        assertEquals(Cached.Outcome.HIT, near.outcome());
        assertEquals(1, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.NEAR_HITS));
        redis.generation++;
        assertEquals(Cached.Outcome.MISS, get().outcome(), "another node evicted: the copy is not used");
    }

    @Test
    void aHeldCopyIsAnsweredOnlyWhileRedisConfirmsItAndOnlyItsHitsAreCounted() {
        assertTrue(cache.getHeld(ENTRY).isEmpty(), "in doubt");
        settle();
        assertTrue(cache.getHeld(ENTRY).isEmpty(), "nothing held");
        get("v1");
        redis.calls.clear();
        assertEquals("v1", cache.getHeld(ENTRY).orElseThrow());
        assertEquals(List.of("lookup"), redis.calls, "one confirmation, never a load");
        assertEquals(1, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.HITS));
        assertEquals(1, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.NEAR_HITS));
        redis.generation++;
        redis.entries.clear();
        assertTrue(cache.getHeld(ENTRY).isEmpty(), "another node evicted");
        assertEquals(1, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.MISSES),
                "the miss counted is the load's, not the declined answer's");
        redis.down = true;
        assertTrue(cache.getHeld(ENTRY).isEmpty());
        assertEquals(1, loads.get());
    }

    @Test
    void theNearCacheCountsWhatAValueCanComeToHoldNotJustItsStoredBytes() {
        settle();
        get("v1");
        assertEquals(1, near.size());
        assertEquals(1_000L * "v1".length() + NearCache.OVERHEAD, near.bytes(), "stored by this node");
        near.clear();
        assertEquals(Cached.Outcome.HIT, get().outcome());
        assertEquals(1_000L * "v1".length() + NearCache.OVERHEAD, near.bytes(), "read from Redis");
    }

    private void awaitQueued(int count) {
        Waiting.awaitAtLeast(() -> cache.bypassLoads.queued(ENTRY.localKey()), count, () -> cache.bypassLoads.queued(
                ENTRY.localKey()) + " of " + count + " callers queued for the next load; " + loads.get() + " loads so far");
    }


    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
