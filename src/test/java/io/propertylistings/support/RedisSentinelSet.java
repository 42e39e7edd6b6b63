package io.propertylistings.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A Redis master, one replica, and three Sentinels watching them (quorum 2), on free loopback ports. The
 * master counts as down after one second without an answer, so stopping it promotes the replica within a
 * few seconds.
 */
public final class RedisSentinelSet implements AutoCloseable {

    public static final String MASTER_NAME = "listings";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private RedisProcess master;
    private RedisProcess replica;
    private final List<RedisProcess> sentinels = new ArrayList<>();

    private RedisSentinelSet() {
    }

    public static RedisSentinelSet start(Path directory) throws IOException {
        RedisSentinelSet set = new RedisSentinelSet();
        try {
            int masterPort = FreePort.onLoopback();
            set.master = RedisProcess.start(directory.resolve("master-" + masterPort), masterPort, "", false);
            int replicaPort = FreePort.onLoopback();
            set.replica = RedisProcess.start(directory.resolve("replica-" + replicaPort), replicaPort,
                    "replicaof 127.0.0.1 " + masterPort, false);
            for (int i = 0; i < 3; i++) {
                int port = FreePort.onLoopback();
                set.sentinels.add(RedisProcess.start(directory.resolve("sentinel-" + port), port, String.join("\n",
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                        "sentinel failover-timeout " + MASTER_NAME + " 10000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1"), true));
            }
            RedisCluster.awaitFor("replica in sync and sentinels that know each other and the replica", READY_TIMEOUT,
                    () -> set.ready());
            return set;
        } catch (IOException | RuntimeException e) {
            set.close();
            throw e;
        }
    }

    private boolean ready() throws IOException {
        if (!Resp.text(replica.port(), "INFO", "replication").contains("master_link_status:up")) {
            return false;
        }
        for (RedisProcess sentinel : sentinels) {
            if (((List<?>) Resp.call(sentinel.port(), "SENTINEL", "REPLICAS", MASTER_NAME)).isEmpty()
                    || ((List<?>) Resp.call(sentinel.port(), "SENTINEL", "SENTINELS", MASTER_NAME)).size() < 2) {
                return false;
            }
        }
        return true;
    }

    /** For {@code redis.sentinel.addresses}. */
    public String sentinelAddresses() {
        return sentinels.stream().map(RedisProcess::address).collect(Collectors.joining(","));
    }

    public RedisProcess master() {
        return master;
    }

    public RedisProcess replica() {
        return replica;
    }

    /**
     * Polls until every Sentinel names the replica as the master and the replica acts as one; returns how long
     * that took.
     */
    public Duration awaitPromotion(Duration timeout) throws IOException {
        long started = System.nanoTime();
        RedisCluster.awaitFor("Sentinels to promote the replica " + replica.port(), timeout, () -> {
            for (RedisProcess sentinel : sentinels) {
                List<?> address = (List<?>) Resp.call(sentinel.port(), "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
                if (address == null || !Integer.toString(replica.port()).equals(address.get(1))) {
                    return false;
                }
            }
            return "master".equals(((List<?>) Resp.call(replica.port(), "ROLE")).get(0));
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    @Override
    public void close() {
        sentinels.forEach(RedisProcess::close);
        if (replica != null) {
            replica.close();
        }
        if (master != null) {
            master.close();
        }
    }
}
