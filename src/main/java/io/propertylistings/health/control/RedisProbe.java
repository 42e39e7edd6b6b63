package io.propertylistings.health.control;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNodes;

/** Sends PING to the application's Redis. */
// Dependent: created with its health check at start-up, in the application's context, not on a health thread.
@Dependent
public class RedisProbe {

    @Inject
    RedissonClient redis;

    @Inject
    TimedProbe probe;

    public ProbeOutcome probe(Duration timeout) {
        return probe.run(() -> redis.getRedisNodes(RedisNodes.SINGLE).getInstance()
                .ping(timeout.toMillis(), TimeUnit.MILLISECONDS), timeout);
    }
}
