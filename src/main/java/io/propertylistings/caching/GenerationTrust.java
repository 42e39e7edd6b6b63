package io.propertylistings.caching;

import io.propertylistings.redis.RedisConnectionEvents;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Whether this node may read the cache. It may not while it doubts that Redis holds every eviction:
 * <ul>
 * <li>at start-up (Redis may have been restored from a snapshot while the node was away);</li>
 * <li>after its connection to a Redis master was lost or changed ({@link RedisConnectionEvents}), which is
 * how a restart from RDB or AOF and a failover to a replica show, on every node, whether it was reading or
 * not;</li>
 * <li>after an eviction of its own failed;</li>
 * <li>when Redis shows a generation below one this node has already seen (its data went back in time);</li>
 * <li>after it was deaf to changes made in the database (see below), once it hears them again.</li>
 * </ul>
 * A doubt is settled by an eviction of this node's own that Redis took after the doubt arose: every entry
 * from before is then unreachable. Until then reads go to the database, and the eviction is retried in the
 * background. Other failures (a timeout, an open breaker, a value that cannot be decoded) are misses, not
 * doubts: they lose no eviction, and evicting for them would let one slow node empty everyone's cache.
 *
 * <p>Changes made in the database without this service (psql, an import, another service) are heard from
 * PostgreSQL. While changes must be heard ({@code database.changes.listen}), the node reads the cache only
 * until the deadline its listener last set ({@link #changesHeardUntil}): a node that cannot be sure it has
 * heard every change committed more than that bound ago answers from the database instead.
 */
@ApplicationScoped
public class GenerationTrust {

    private static final Logger LOG = Logger.getLogger(GenerationTrust.class.getName());
    static final long RETRY_MILLIS = 250;
    /** Returned by {@link #token()} while the cache is not to be read. */
    public static final long UNTRUSTED = -1;

    @Inject
    RedisConnectionEvents connections;

    @Inject
    GenerationScripts generations;

    @Inject
    NearCache nearCache;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "database.changes.listen", defaultValue = "true")
    boolean changesMustBeHeard;

    // Starts at one: a node begins in doubt.
    private final AtomicLong failures = new AtomicLong(1);
    private final AtomicLong highestSeen = new AtomicLong();
    private volatile long settled;
    private volatile long heardUntilNanos = System.nanoTime();
    private ScheduledFuture<?> retries;

    /** A node starts in doubt: it evicts before its first read, not at it. */
    void evictAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        token();
    }

    /**
     * A token to hand back to {@link #stillTrusted} after a read, or {@link #UNTRUSTED}. Cheap: two volatile
     * reads, no Redis.
     */
    public long token() {
        long doubts = doubts();
        if (settled != doubts) {
            retrySoon();
            return UNTRUSTED;
        }
        return !changesMustBeHeard || System.nanoTime() - heardUntilNanos < 0 ? doubts : UNTRUSTED;
    }

    /**
     * As {@link #token()}, but also while this node cannot hear database changes: for an answer of last resort
     * when the database itself cannot be reached, which Redis' current generation still holds as of the last
     * change any node heard.
     */
    public long tokenWhileDeaf() {
        long doubts = doubts();
        return settled == doubts ? doubts : UNTRUSTED;
    }

    /**
     * Every change committed in the database before {@code deadlineNanos} minus the listener's bound has been
     * heard and evicted: the cache may be read until {@code deadlineNanos} ({@link System#nanoTime}).
     */
    public synchronized void changesHeardUntil(long deadlineNanos) {
        if (deadlineNanos - heardUntilNanos > 0) {
            heardUntilNanos = deadlineNanos;
        }
    }

    /** Changes made in the database cannot be heard now: no reads until they can, and an eviction covered the gap. */
    public synchronized void deafToChanges(String why) {
        heardUntilNanos = System.nanoTime();
        LOG.log(Level.INFO, "{0}; the cache is not read until this node hears database changes again",
                new Object[] {why, Map.of("event", "cache-deaf-to-changes", "reason", why)});
    }

    /** No doubt arose since {@code token} was handed out: what Redis answered in between may be used. */
    public boolean stillTrusted(long token) {
        return token != UNTRUSTED && doubts() == token;
    }

    /** The highest generation this node has seen; read it before sending a command, for {@link #plausible}. */
    public long highestSeen() {
        return highestSeen.get();
    }

    /**
     * Notes a generation Redis answered with. False, and a doubt, when it is below {@code floor}, the highest
     * generation seen before the command was sent: Redis lost evictions it had taken (a restore, or a failover
     * to a replica that missed them). Only the floor counts, not what other threads saw since: their newer
     * answers may arrive first.
     */
    public boolean plausible(String generation, long floor) {
        long seen;
        try {
            seen = Long.parseLong(generation);
        } catch (NumberFormatException notOurs) {
            return true; // not a number this cache wrote; the generation check still keeps old entries out
        }
        long highest = highestSeen.get();
        while (seen > highest && !highestSeen.compareAndSet(highest, seen)) {
            highest = highestSeen.get();
        }
        if (seen < floor) {
            doubt("Redis answered generation " + seen + " after " + floor + ": it lost evictions");
            return false;
        }
        return true;
    }

    /**
     * Makes {@code eviction} now, unless the eviction of its change was made already; true when this call
     * evicted. Throws when Redis did not take it (the caller then {@link #doubt}s).
     */
    public boolean evict(Eviction eviction) {
        long doubts = doubts();
        // Above every generation this node has seen, whatever Redis' clock says: else a counter recreated below
        // them would keep the node in doubt. In doubt, only an eviction of everything, this node's own, settles
        // it: the change's may predate the doubt.
        boolean inDoubt = settled != doubts;
        GenerationScripts.Advance advance = generations.advance(highestSeen() + 1,
                inDoubt ? Eviction.everything("") : eviction);
        plausible(advance.generation(), 0);
        if (advance.advanced()) {
            settle(doubts);
        }
        return advance.advanced();
    }

    /** This node may have missed or lost an eviction: no reads until an eviction of its own lands. */
    public void doubt(String why) {
        failures.incrementAndGet();
        LOG.log(Level.INFO, "{0}; the cache is not read until this node has evicted it",
                new Object[] {why, Map.of("event", "cache-doubt", "reason", why)});
        retrySoon();
    }

    private synchronized void settle(long doubts) {
        if (doubts > settled) {
            settled = doubts;
            nearCache.clear();
        }
    }

    private synchronized void retrySoon() {
        if (scheduler != null && (retries == null || retries.isDone())) {
            retries = scheduler.scheduleWithFixedDelay(this::retry, 0, RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    // Package-private for the unit test, which runs the retries itself.
    void retry() {
        if (settled != doubts()) {
            try {
                evict(Eviction.everything(""));
                LOG.log(Level.INFO, "Evicted after a doubt; the cache is in use again",
                        new Object[] {Map.of("event", "cache-trusted")});
            } catch (RuntimeException stillDown) {
                return; // the next round tries again
            }
        }
        synchronized (this) {
            if (settled == doubts() && retries != null) {
                retries.cancel(false);
            }
        }
    }

    private long doubts() {
        return failures.get() + connections.changes();
    }

    @PreDestroy
    synchronized void stop() {
        if (retries != null) {
            retries.cancel(false);
        }
    }
}
