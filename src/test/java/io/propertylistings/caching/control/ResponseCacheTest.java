package io.propertylistings.caching.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.junit.jupiter.api.Test;

/** The rule for a node that Redis failed: it reads the cache again only after it has evicted it itself. */
class ResponseCacheTest {

    /** Redis as the cache sees it: failing or answering, generation 7, no entries; evictions recorded. */
    private static final class FakeRedis extends GenerationGuard {
        boolean down;
        final List<String> advanced = new ArrayList<>();

        @Override
        public List<byte[]> lookup(String generationKey, String entryPrefix, String entrySuffix, String heldGeneration) {
            if (down) {
                throw new IllegalStateException("Redis timed out");
            }
            return List.of("7".getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void advance(String generationKey, String... keysToDrop) {
            if (down) {
                throw new IllegalStateException("Redis timed out");
            }
            advanced.add(generationKey);
        }
    }

    private final FakeRedis redis = new FakeRedis();
    private final PendingEvictions pending = new PendingEvictions();
    private final ResponseCache cache = new ResponseCache();

    ResponseCacheTest() {
        pending.scheduler = timerThatNeverFires();
        cache.generations = redis;
        cache.statistics = new CacheStatistics();
        cache.pending = pending;
        cache.configure(10, 1 << 20);
    }

    @Test
    void aFailedLookupMakesTheNodeEvictBeforeItReadsAgain() {
        assertTrue(cache.lookup("GET /properties/").isPresent(), "Redis answers: the cache is read");

        redis.down = true;
        assertTrue(cache.lookup("GET /properties/").isEmpty(), "Redis failed: answer from the database");
        redis.down = false;

        // Another node's eviction may have been lost in the same outage: no entry from before it is trusted.
        assertTrue(cache.lookup("GET /properties/").isEmpty(), "Redis is back, but the eviction is still owed");
        assertEquals(List.of(), redis.advanced);

        pending.retry();
        assertEquals(List.of(ResponseCache.GENERATION_KEY), redis.advanced, "evicted once Redis answered");
        assertFalse(pending.owes(ResponseCache.GENERATION_KEY));
        assertTrue(cache.lookup("GET /properties/").isPresent(), "then the cache is read again");
    }

    @Test
    void aWritesOwedEvictionKeepsTheCacheUnreadUntilRedisTakesIt() {
        redis.down = true;
        cache.evictAll();
        pending.retry();
        assertTrue(pending.owes(ResponseCache.GENERATION_KEY), "still owed while Redis fails");

        redis.down = false;
        assertTrue(cache.lookup("GET /properties/").isEmpty(), "Redis is back with the entries the write made stale");
        pending.retry();
        assertEquals(List.of(ResponseCache.GENERATION_KEY), redis.advanced);
        assertTrue(cache.lookup("GET /properties/").isPresent());
    }

    /** The retries are run by the test; the scheduler only hands out a future that is never done. */
    private static ManagedScheduledExecutorService timerThatNeverFires() {
        ScheduledFuture<?> pendingFuture = (ScheduledFuture<?>) Proxy.newProxyInstance(
                ResponseCacheTest.class.getClassLoader(), new Class<?>[] {ScheduledFuture.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "isDone", "cancel", "isCancelled" -> false;
                    default -> null;
                });
        Map<String, Object> answers = Map.of("scheduleWithFixedDelay", pendingFuture);
        return (ManagedScheduledExecutorService) Proxy.newProxyInstance(ResponseCacheTest.class.getClassLoader(),
                new Class<?>[] {ManagedScheduledExecutorService.class},
                (proxy, method, args) -> answers.get(method.getName()));
    }
}
