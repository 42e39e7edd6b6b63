package io.propertylistings.caching;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.logging.Logger;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisOutOfMemoryException;

/**
 * One load per key at a time, across all nodes. In this JVM the first caller of a key leads and the others
 * wait for its result (the fast path, no Redis). Across JVMs the leaders take a Redis lock with a lease, so a
 * leader that dies only holds the key until the lease ends. The load runs under the lock and must look in the
 * cache first, where another node's leader may just have stored the value. Waits are bounded: past them a
 * caller loads by itself, which is slower but never wrong.
 */
@ApplicationScoped
class SingleFlight {

    private static final Logger LOG = Logger.getLogger(SingleFlight.class.getName());
    static final long WAIT_SECONDS = 10;
    static final long LEASE_SECONDS = 15;

    private final ConcurrentHashMap<String, CompletableFuture<Object>> inFlight = new ConcurrentHashMap<>();

    @Inject
    RedissonClient redis;

    /** The value of {@code key} from {@code load}, run once at a time. {@code lockKey} names the Redis lock. */
    public <T> T load(String key, String lockKey, Supplier<T> load) {
        return flight(key, () -> leadAcrossNodes(lockKey, load), load);
    }

    @SuppressWarnings("unchecked")
    private <T> T flight(String key, Supplier<T> lead, Supplier<T> load) {
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> leader = inFlight.putIfAbsent(key, mine);
        if (leader != null) {
            try {
                return (T) leader.get(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return load.get();
            } catch (ExecutionException | TimeoutException e) {
                return load.get();
            }
        }
        try {
            T value = lead.get();
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    private <T> T leadAcrossNodes(String lockKey, Supplier<T> load) {
        RLock lock;
        boolean locked;
        try {
            lock = redis.getLock(lockKey);
            locked = lock.tryLock(WAIT_SECONDS, LEASE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return load.get();
        } catch (RuntimeException redisDown) {
            // Without Redis there is nothing to coordinate with: this node's own single flight still holds.
            return load.get();
        }
        try {
            if (!locked) {
                LOG.fine(() -> "No lock on " + lockKey + " within " + WAIT_SECONDS + " s, loading without it");
            }
            return load.get();
        } finally {
            if (locked) {
                release(lock);
            }
        }
    }

    private static void release(RLock lock) {
        try {
            lock.unlock();
        } catch (RedisOutOfMemoryException refused) {
            // At maxmemory with noeviction Redis refuses the unlock script's write, and the lock would stay until its
            // lease ends while other nodes wait for it (10 s stalls in CacheAcrossNodesIT). A DEL needs no memory.
            try {
                lock.forceUnlock();
            } catch (RuntimeException redisDown) {
                // the lease frees the key anyway
            }
        } catch (RuntimeException leaseEndedOrRedisDown) {
            // the lease frees the key anyway
        }
    }
}
