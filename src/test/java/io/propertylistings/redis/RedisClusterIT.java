package io.propertylistings.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.support.CacheKeys;
import io.propertylistings.support.HashSlot;
import io.propertylistings.support.RedisCluster;
import io.propertylistings.support.RedisProcess;
import io.propertylistings.support.Resp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The WAR against a Redis Cluster of three masters with a replica each ({@code redis.mode=cluster}): the core
 * cache behaviour, the keyspace gauges summed over the masters, and a master killed under load.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterIT {

    private static RedisCluster cluster;
    private static TopologyScenario scenario;

    @BeforeAll
    static void start() throws Exception {
        cluster = RedisCluster.start(Path.of(System.getProperty("it.workDirectory"), "topology-cluster", "redis"));
        scenario = TopologyScenario.start("cluster", cluster, Map.of(
                "REDIS_MODE", "cluster",
                "REDIS_CLUSTER_ADDRESSES", cluster.addresses(),
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
        assertTrue(Resp.text(cluster.shardOf(CacheEntry.NAMESPACE).master().port(), "INFO", "commandstats").contains("cmdstat_wait:calls="),
                "evictions waited for the replica (redis.eviction.wait-replicas=1)");
    }

    @Test
    @Order(0)
    void theSlotsTheUnitTestsComputeAreTheClustersSlots() throws IOException {
        for (String key : List.of(CacheEntry.GENERATION_KEY, CacheEntry.EVICTED_CHANGES_KEY, CacheEntry.indexKey("17"), CacheKeys.listKey("17"),
                CacheKeys.fullListResponseKey("17"), CacheEntry.PREFIX + "lock:list:all_properties")) {
            assertEquals((long) HashSlot.of(key), Resp.call(cluster.masters().get(0).port(), "CLUSTER", "KEYSLOT", key), key);
        }
    }

    @Test
    @Order(2)
    void concurrentColdReadsMakeOneLoad() throws Exception {
        scenario.stampedeMakesOneLoad(12);
    }

    @Test
    @Order(3)
    void keyspaceGaugesAddUpEveryMaster() throws Exception {
        // A hit on each master of our own, so that a gauge reading one master only cannot match the sum.
        for (RedisProcess master : cluster.masters()) {
            String key = keyServedBy(master);
            Resp.call(master.port(), "SET", key, "x");
            Resp.call(master.port(), "GET", key);
        }
        scenario.keyspaceGaugesShow(() -> masterHits(cluster.masters()));
    }

    @Test
    @Order(4)
    void killingTheMasterOfTheResponseCacheLosesNothing() throws Exception {
        RedisCluster.Shard shard = cluster.shardOf(CacheEntry.NAMESPACE);
        long id = scenario.create("Topology failover", "300000");
        TopologyScenario.Traffic traffic = scenario.duringFailover(id, () -> {
            shard.master().kill();
            return cluster.awaitPromotion(shard.replica(), Duration.ofSeconds(30));
        }, Duration.ofSeconds(60));
        System.out.println("Redis Cluster failover: " + traffic);
        assertEquals(0, traffic.serverErrors(), () -> "5xx answers: " + traffic.problems());
        assertEquals(0, traffic.staleAfterFailover(), () -> "stale reads: " + traffic.problems());
        List<RedisProcess> live = cluster.masters().stream().filter(RedisProcess::isAlive).toList();
        scenario.keyspaceGaugesShow(() -> masterHits(List.of(live.get(0), live.get(1), shard.replica())));
    }

    private static String keyServedBy(RedisProcess master) throws IOException {
        for (int i = 0; ; i++) {
            String key = "{gauge-probe-" + i + "}";
            if (cluster.shardOf(key).master() == master) {
                return key;
            }
        }
    }

    private static long masterHits(List<RedisProcess> masters) {
        long hits = 0;
        for (RedisProcess master : masters) {
            try {
                String stats = Resp.text(master.port(), "INFO", "stats");
                hits += stats.lines().filter(line -> line.startsWith("keyspace_hits:"))
                        .mapToLong(line -> Long.parseLong(line.substring("keyspace_hits:".length()).trim()))
                        .sum();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return hits;
    }
}
