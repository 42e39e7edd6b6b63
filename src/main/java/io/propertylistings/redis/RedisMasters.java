package io.propertylistings.redis;

import java.util.List;
import org.redisson.api.RedissonClient;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;
import org.redisson.client.RedisConnectionException;
import org.redisson.config.Config;

/**
 * The Redis servers that hold the data, whatever the topology: the one server, the master Sentinel names, or
 * every master of a Cluster as Redisson last saw the cluster. Replicas are left out: the cache reads masters
 * only, so their figures and their health are the ones that matter.
 */
public final class RedisMasters {

    private RedisMasters() {
    }

    /** At least one node; a RedisConnectionException when Redisson knows of none (yet). */
    public static List<? extends RedisNode> of(RedissonClient redis) {
        Config config = redis.getConfig();
        List<? extends RedisNode> masters;
        if (config.isClusterConfig()) {
            masters = List.copyOf(redis.getRedisNodes(RedisNodes.CLUSTER).getMasters());
        } else if (config.isSentinelConfig()) {
            masters = List.of(redis.getRedisNodes(RedisNodes.SENTINEL_MASTER_SLAVE).getMaster());
        } else {
            masters = List.of(redis.getRedisNodes(RedisNodes.SINGLE).getInstance());
        }
        if (masters.isEmpty()) {
            throw new RedisConnectionException("no Redis master known");
        }
        return masters;
    }
}
