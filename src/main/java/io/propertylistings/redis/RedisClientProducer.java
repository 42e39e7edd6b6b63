package io.propertylistings.redis;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;

/**
 * The one Redisson client of the application, configured by MicroProfile Config: one Redis, Sentinel or Cluster
 * (see {@link RedisTopology} for the keys).
 */
@ApplicationScoped
class RedisClientProducer {

    @Inject
    Config config;

    @Inject
    RedisConnectionEvents connections;

    @Produces
    @ApplicationScoped
    RedissonClient redisson() {
        org.redisson.config.Config redisson = RedisTopology.configure(key -> config.getOptionalValue(key, String.class));
        redisson.setConnectionListener(connections);
        return Redisson.create(redisson);
    }

    /**
     * Creates the client at start-up, in the application's context: its first use may come from a thread of
     * the server's metrics endpoint, where this application's configuration cannot be read.
     */
    void createAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started, RedissonClient client) {
        client.getId();
    }

    void shutdown(@Disposes RedissonClient client) {
        client.shutdown();
    }
}
