package io.propertylistings.redis;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.redisson.api.NodeType;
import org.redisson.connection.ConnectionListener;

/**
 * Counts the times this node lost or (re)gained its connection to a Redis master, as Redisson reports them
 * (once per change of a node's state, not per pooled connection). Each one is a reason to doubt the cache:
 * the master may have restarted from an older snapshot, or a replica that missed the last eviction may have
 * taken its place. Replicas and Sentinels are left out: the cache neither reads nor writes them.
 */
@ApplicationScoped
public class RedisConnectionEvents implements ConnectionListener {

    private static final Logger LOG = Logger.getLogger(RedisConnectionEvents.class.getName());

    private final AtomicLong changes = new AtomicLong();

    public long changes() {
        return changes.get();
    }

    @Override
    public void onConnect(InetSocketAddress address, NodeType type) {
        changed("connected to", address, type);
    }

    @Override
    public void onDisconnect(InetSocketAddress address, NodeType type) {
        changed("lost", address, type);
    }

    @Override
    @Deprecated
    public void onConnect(InetSocketAddress address) {
        // Redisson calls the variant with the node type.
    }

    @Override
    @Deprecated
    public void onDisconnect(InetSocketAddress address) {
        // Redisson calls the variant with the node type.
    }

    private void changed(String what, InetSocketAddress address, NodeType type) {
        if (type == null || type == NodeType.MASTER) {
            changes.incrementAndGet();
            LOG.log(Level.INFO, "Redis master {0}: the cache is not read until this node has evicted it",
                    new Object[] {what, Map.of("event", "redis-master-changed", "change", what,
                            "address", String.valueOf(address))});
        }
    }
}
