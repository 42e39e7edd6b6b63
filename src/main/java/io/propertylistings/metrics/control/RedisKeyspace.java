package io.propertylistings.metrics.control;

import io.propertylistings.redis.RedisMasters;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.client.RedisException;

/**
 * Reads {@code INFO stats} from Redis (every master of a Cluster, the current master under Sentinel). One scrape reads five gauges: the figures are kept for a short while
 * so that INFO is sent once per scrape, not once per gauge. Dependent: each user (the metrics registration, the
 * reports, the dashboard's history) has its own, without a proxy, so its configuration is read at start-up and
 * not from the metrics endpoint's thread.
 */
@Dependent
public class RedisKeyspace {

    private static final Logger LOG = Logger.getLogger(RedisKeyspace.class.getName());
    static final double HIT_RATIO_WARNING = 80.0;
    static final long WARNING_MIN_OPERATIONS = 100;

    @Inject
    RedissonClient redis;

    @Inject
    @ConfigProperty(name = "metrics.redis.info-max-age-ms")
    long maxAgeMillis;

    private record Reading(Optional<KeyspaceFigures> figures, long readAtNanos) {
    }

    private volatile Reading last = new Reading(Optional.empty(), System.nanoTime() - Long.MAX_VALUE / 2);
    private boolean logged = true;

    /**
     * Readings of this instance are not logged (failures still are): for a user that reads every few seconds
     * whether anyone asks or not, whose log lines would bury those of the scrapes.
     */
    public RedisKeyspace quiet() {
        logged = false;
        return this;
    }

    /** The current figures; empty while Redis cannot be reached. */
    public Optional<KeyspaceFigures> figures() {
        Reading reading = last;
        if (System.nanoTime() - reading.readAtNanos() < maxAgeMillis * 1_000_000L) {
            return reading.figures();
        }
        synchronized (this) {
            if (last != reading) {
                return last.figures();
            }
            Optional<KeyspaceFigures> figures = read();
            last = new Reading(figures, System.nanoTime());
            return figures;
        }
    }

    private Optional<KeyspaceFigures> read() {
        try {
            // Summed over the masters: on a Cluster each holds part of the keys and counts its own hits.
            KeyspaceFigures figures = RedisMasters.of(redis).stream()
                    .map(master -> KeyspaceFigures.from(master.info(RedisNode.InfoSection.STATS)))
                    .reduce(KeyspaceFigures.NONE, KeyspaceFigures::plus);
            if (logged) {
                log(figures);
            }
            return Optional.of(figures);
        } catch (RedisException | CompletionException e) {
            // Redisson's first connection, made lazily here, fails with a CompletionException around the
            // RedisConnectionException: without this, /metrics answered 500 while Redis could not be reached.
            LOG.warning(() -> "Redis INFO failed, keyspace figures unavailable: " + e);
            return Optional.empty();
        }
    }

    static void log(KeyspaceFigures figures) {
        LOG.info(() -> String.format("Redis keyspace: hits=%d misses=%d total=%d hit_ratio=%.2f%% miss_ratio=%.2f%%",
                figures.hits(), figures.misses(), figures.totalOperations(), figures.hitRatio(), figures.missRatio()));
        if (figures.totalOperations() >= WARNING_MIN_OPERATIONS && figures.hitRatio() < HIT_RATIO_WARNING) {
            LOG.warning(() -> String.format("Redis hit ratio %.2f%% is under %.0f%% after %d operations",
                    figures.hitRatio(), HIT_RATIO_WARNING, figures.totalOperations()));
        }
    }
}
