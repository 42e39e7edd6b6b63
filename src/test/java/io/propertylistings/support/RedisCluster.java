package io.propertylistings.support;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A Redis Cluster of three masters with one replica each, on free loopback ports, built the way redis-cli would
 * build it (ADDSLOTS, MEET, REPLICATE) but through {@link Resp}: the embedded-redis jar has no redis-cli.
 * Node timeout is one second, so a killed master's replica takes over within a few seconds.
 */
public final class RedisCluster implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int SLOTS = 16384;
    private static final String NODE_CONFIG = String.join("\n",
            "cluster-enabled yes",
            "cluster-config-file nodes.conf",
            "cluster-node-timeout 1000",
            // A replica may take over however long it was disconnected: there is only one per master here.
            "cluster-replica-validity-factor 0");

    private final List<RedisProcess> masters = new ArrayList<>();
    private final List<RedisProcess> replicas = new ArrayList<>();

    private RedisCluster() {
    }

    public static RedisCluster start(Path directory) throws IOException {
        RedisCluster cluster = new RedisCluster();
        try {
            for (int i = 0; i < 3; i++) {
                int port = FreePort.onLoopback();
                cluster.masters.add(RedisProcess.start(directory.resolve("master-" + port), port, NODE_CONFIG, false));
            }
            for (int i = 0; i < 3; i++) {
                int port = FreePort.onLoopback();
                cluster.replicas.add(RedisProcess.start(directory.resolve("replica-" + port), port, NODE_CONFIG, false));
            }
            cluster.form();
            return cluster;
        } catch (IOException | RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private void form() throws IOException {
        for (int i = 0; i < masters.size(); i++) {
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = i * SLOTS / 3; slot < (i + 1) * SLOTS / 3; slot++) {
                command.add(Integer.toString(slot));
            }
            Resp.call(masters.get(i).port(), command.toArray(String[]::new));
            // Distinct epochs, as redis-cli sets them: no collision to resolve before the first failover.
            Resp.call(masters.get(i).port(), "CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
        }
        int first = masters.get(0).port();
        for (RedisProcess node : nodes()) {
            if (node.port() != first) {
                Resp.call(first, "CLUSTER", "MEET", "127.0.0.1", Integer.toString(node.port()));
            }
        }
        await("every node knows the other five", () -> {
            for (RedisProcess node : nodes()) {
                if (Resp.text(node.port(), "CLUSTER", "NODES").strip().lines().count() < 6) {
                    return false;
                }
            }
            return true;
        });
        for (int i = 0; i < replicas.size(); i++) {
            Resp.call(replicas.get(i).port(), "CLUSTER", "REPLICATE", id(masters.get(i).port()));
        }
        await("cluster_state:ok everywhere and every replica in sync", () -> {
            for (RedisProcess node : nodes()) {
                if (!Resp.text(node.port(), "CLUSTER", "INFO").contains("cluster_state:ok")) {
                    return false;
                }
            }
            for (RedisProcess replica : replicas) {
                if (!Resp.text(replica.port(), "INFO", "replication").contains("master_link_status:up")) {
                    return false;
                }
            }
            return true;
        });
    }

    /** For {@code redis.cluster.addresses}: every node, so the client finds the cluster whichever is down. */
    public String addresses() {
        return nodes().stream().map(RedisProcess::address).collect(Collectors.joining(","));
    }

    public List<RedisProcess> masters() {
        return List.copyOf(masters);
    }

    /** The master that serves {@code key}'s slot now, and the replica that follows it. */
    public record Shard(RedisProcess master, RedisProcess replica) {
    }

    public Shard shardOf(String key) throws IOException {
        long slot = (Long) Resp.call(masters.get(0).port(), "CLUSTER", "KEYSLOT", key);
        for (int i = 0; i < masters.size(); i++) {
            if (slot >= (long) i * SLOTS / 3 && slot < (long) (i + 1) * SLOTS / 3) {
                return new Shard(masters.get(i), replicas.get(i));
            }
        }
        throw new IllegalStateException("slot " + slot + " has no master");
    }

    /**
     * Polls until {@code replica} is a master that the surviving nodes see serving its slots, with
     * {@code cluster_state:ok}; returns how long that took.
     */
    public Duration awaitPromotion(RedisProcess replica, Duration timeout) throws IOException {
        long started = System.nanoTime();
        awaitFor("replica " + replica.port() + " to be promoted", timeout, () -> {
            List<?> role = (List<?>) Resp.call(replica.port(), "ROLE");
            if (!"master".equals(role.get(0))) {
                return false;
            }
            for (RedisProcess node : nodes()) {
                if (node.isAlive() && !Resp.text(node.port(), "CLUSTER", "INFO").contains("cluster_state:ok")) {
                    return false;
                }
            }
            return true;
        });
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private String id(int port) throws IOException {
        return Resp.text(port, "CLUSTER", "MYID");
    }

    private List<RedisProcess> nodes() {
        List<RedisProcess> nodes = new ArrayList<>(masters);
        nodes.addAll(replicas);
        return nodes;
    }

    interface Condition {
        boolean holds() throws IOException;
    }

    private static void await(String what, Condition condition) throws IOException {
        awaitFor(what, READY_TIMEOUT, condition);
    }

    static void awaitFor(String what, Duration timeout, Condition condition) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Optional<IOException> last = Optional.empty();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (IOException e) {
                last = Optional.of(e);
            }
            RedisProcess.pause();
        }
        IOException timedOut = new IOException("no " + what + " within " + timeout);
        last.ifPresent(timedOut::addSuppressed);
        throw timedOut;
    }

    @Override
    public void close() {
        nodes().forEach(RedisProcess::close);
    }
}
