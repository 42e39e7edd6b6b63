package io.propertylistings.caching;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Rebuilds the hot cache entries in the background, after the deployment and after evictions, so the first
 * reader after a write finds them ready. Whoever asks for a warm-up (the eviction observer, after the commit)
 * only schedules it and never waits for it.
 *
 * <p>Debounced: a warm-up runs once no eviction came for {@code caching.warm.delay-ms}, or at the latest
 * {@code caching.warm.max-delay-ms} after the first eviction it covers, so a burst of writes makes a few
 * warm-ups, not one each; an eviction during a warm-up schedules the next, as that one may have read before
 * it. Each entry is warmed through the same {@link GenerationalCache#get} as a request's, so a warm-up racing a
 * burst of misses still makes one load and never stores stale data.
 */
@ApplicationScoped
public class CacheWarming {

    private static final Logger LOG = Logger.getLogger(CacheWarming.class.getName());
    private static final long NONE = -1;

    @Inject
    @ConfigProperty(name = "caching.warm.enabled", defaultValue = "true")
    boolean enabled;

    @Inject
    @ConfigProperty(name = "caching.warm.delay-ms", defaultValue = "200")
    long delayMillis;

    @Inject
    @ConfigProperty(name = "caching.warm.max-delay-ms", defaultValue = "2000")
    long maxDelayMillis;

    @Inject
    Instance<WarmUp> warmUps;

    @Inject
    CacheStatistics statistics;

    @Resource
    ManagedScheduledExecutorService scheduler;

    // Set on the thread of a running warm-up: its lookups are not a client's, so they count no hit or miss.
    private static final ThreadLocal<Boolean> WARMING = ThreadLocal.withInitial(() -> false);

    private final ReentrantLock running = new ReentrantLock();
    private volatile boolean ready;
    private long firstAskedNanos = NONE;
    private long lastAskedNanos;
    private ScheduledFuture<?> due;

    /** Called once the application can serve (schema migrated): warms up now, and after each eviction from now on. */
    public void ready() {
        ready = true;
        requested();
    }

    /** Asks for a warm-up soon; cheap, and never waits for it. */
    public void requested() {
        if (!enabled || !ready) {
            return;
        }
        synchronized (this) {
            long now = System.nanoTime();
            lastAskedNanos = now;
            if (firstAskedNanos != NONE) {
                statistics.warmUpSkipped(CacheLevel.RESPONSE);
                return;
            }
            firstAskedNanos = now;
            due = scheduler.schedule(this::whenQuiet, delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    public boolean enabled() {
        return enabled;
    }

    /** True on the thread of a running warm-up. */
    public static boolean isWarmingThread() {
        return WARMING.get();
    }

    private void whenQuiet() {
        synchronized (this) {
            long now = System.nanoTime();
            long quietFor = now - lastAskedNanos;
            long waited = now - firstAskedNanos;
            long delay = TimeUnit.MILLISECONDS.toNanos(delayMillis);
            long maxDelay = TimeUnit.MILLISECONDS.toNanos(maxDelayMillis);
            if (quietFor < delay && waited < maxDelay) {
                due = scheduler.schedule(this::whenQuiet, Math.min(delay - quietFor, maxDelay - waited),
                        TimeUnit.NANOSECONDS);
                return;
            }
            // From here on an eviction needs a warm-up of its own: this one may read before it.
            firstAskedNanos = NONE;
        }
        running.lock();
        WARMING.set(true);
        try {
            long started = System.nanoTime();
            for (WarmUp warmUp : warmUps) {
                warmUp.warm();
            }
            statistics.warmedUp(CacheLevel.RESPONSE, System.nanoTime() - started);
        } catch (RuntimeException e) {
            // The entries stay cold and the next reader loads them: slower, never wrong.
            LOG.log(Level.WARNING, "Cache warm-up failed: {0}",
                    new Object[] {e.toString(), Map.of("event", "warm-up-failed", "error", e.toString())});
        } finally {
            WARMING.remove();
            running.unlock();
        }
    }

    @PreDestroy
    synchronized void stop() {
        ready = false;
        if (due != null) {
            due.cancel(false);
        }
    }
}
