package io.propertylistings.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.RedisProcess;
import io.propertylistings.support.RedisSentinelSet;
import io.propertylistings.support.Resp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The WAR against a master, a replica and three Sentinels ({@code redis.mode=sentinel}): the core cache
 * behaviour, the keyspace gauges of the master, and the master stopped under load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelIT {

    private static RedisSentinelSet redis;
    private static TopologyScenario scenario;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisSentinelSet.start(Path.of(System.getProperty("it.workDirectory"), "topology-sentinel", "redis"));
        scenario = TopologyScenario.start("sentinel", redis, Map.of(
                "REDIS_MODE", "sentinel",
                "REDIS_SENTINEL_MASTER_NAME", RedisSentinelSet.MASTER_NAME,
                "REDIS_SENTINEL_ADDRESSES", redis.sentinelAddresses(),
                "REDIS_EVICTION_WAIT_REPLICAS", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
    }

    @Test
    @Order(1)
    void cacheBehavesAsOnOneRedis() throws IOException {
        scenario.cacheBehaves();
        assertTrue(Resp.text(redis.master().port(), "INFO", "commandstats").contains("cmdstat_wait:calls="),
                "evictions waited for the replica (redis.eviction.wait-replicas=1)");
    }

    @Test
    @Order(2)
    void concurrentColdReadsMakeOneLoad() throws Exception {
        scenario.stampedeMakesOneLoad(12);
    }

    @Test
    @Order(3)
    void keyspaceGaugesAreTheMasters() throws Exception {
        scenario.keyspaceGaugesShow(() -> hits(redis.master()));
    }

    @Test
    @Order(4)
    void stoppingTheMasterLosesNothing() throws Exception {
        long id = scenario.create("Topology failover", "300000");
        TopologyScenario.Traffic traffic = scenario.duringFailover(id, () -> {
            redis.master().stop();
            return redis.awaitPromotion(Duration.ofSeconds(30));
        }, Duration.ofSeconds(60));
        System.out.println("Redis Sentinel failover: " + traffic);
        assertEquals(0, traffic.serverErrors(), () -> "5xx answers: " + traffic.problems());
        assertEquals(0, traffic.staleAfterFailover(), () -> "stale reads: " + traffic.problems());
        scenario.keyspaceGaugesShow(() -> hits(redis.replica()));
    }

    private static long hits(RedisProcess master) {
        try {
            return Resp.text(master.port(), "INFO", "stats").lines().filter(line -> line.startsWith("keyspace_hits:"))
                    .mapToLong(line -> Long.parseLong(line.substring("keyspace_hits:".length()).trim())).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
