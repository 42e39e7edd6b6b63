package io.propertylistings.caching.control;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Evictions that could not reach Redis. The rule: a committed write's eviction is never dropped. It is retried
 * every half second until Redis takes it, and until then this node neither reads nor fills the cache it owes,
 * so it cannot serve the entry the write made stale, however long Redis stalls. Every node that Redis fails
 * owes an eviction too (the caches call {@link #owe} on any failure), because another node's eviction may be
 * owed at that moment: so no node that saw the outage reads an entry from before it. Left open: a node that
 * saw no failure at all (Redis unreachable from the writer only) can read such an entry until the writer's
 * retry lands.
 */
@ApplicationScoped
public class PendingEvictions {

    private static final Logger LOG = Logger.getLogger(PendingEvictions.class.getName());
    private static final long RETRY_MILLIS = 500;

    private final Map<String, Runnable> owed = new ConcurrentHashMap<>();
    private ScheduledFuture<?> retries;

    @Resource
    ManagedScheduledExecutorService scheduler;

    /** Records an eviction of the cache whose generation key this is; owing it twice is owing it once. */
    public void owe(String generationKey, Runnable eviction) {
        owed.put(generationKey, eviction);
        startRetries();
    }

    public boolean owes(String generationKey) {
        return !owed.isEmpty() && owed.containsKey(generationKey);
    }

    private synchronized void startRetries() {
        if (retries == null || retries.isDone()) {
            retries = scheduler.scheduleWithFixedDelay(this::retry, RETRY_MILLIS, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    // Package-private for the unit test, which pays the evictions itself instead of waiting for the timer.
    void retry() {
        owed.forEach((key, eviction) -> {
            try {
                eviction.run();
                owed.remove(key, eviction);
                LOG.info(() -> "Owed eviction of " + key + " done; the cache is in use again");
            } catch (RuntimeException stillDown) {
                // Redis is not back yet: the next round tries again.
            }
        });
        synchronized (this) {
            if (owed.isEmpty() && retries != null) {
                retries.cancel(false);
            }
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (retries != null) {
            retries.cancel(false);
        }
    }
}
