package io.propertylistings.health.control;

import io.propertylistings.redis.RedisMasters;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;

/** Sends PING to the application's Redis: to each master of a Cluster, to the master under Sentinel. */
// Dependent: created with its health check at start-up, in the application's context, not on a health thread.
@Dependent
public class RedisProbe {

    @Inject
    RedissonClient redis;

    @Inject
    TimedProbe probe;

    public ProbeOutcome probe(Duration timeout) {
        return probe.run(() -> RedisMasters.of(redis).stream()
                .allMatch(master -> master.ping(timeout.toMillis(), TimeUnit.MILLISECONDS)), timeout);
    }
}
