package io.propertylistings.caching.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/** The one Redisson client of the application, configured by MicroProfile Config. */
@ApplicationScoped
public class RedisClientProducer {

    @Inject
    @ConfigProperty(name = "redis.address")
    String address;

    @Inject
    @ConfigProperty(name = "redis.password")
    Optional<String> password;

    @Inject
    @ConfigProperty(name = "redis.database")
    int database;

    @Inject
    @ConfigProperty(name = "redis.timeout-ms")
    int timeoutMillis;

    @Inject
    @ConfigProperty(name = "redis.connect-timeout-ms")
    int connectTimeoutMillis;

    @Inject
    @ConfigProperty(name = "redis.retry-attempts")
    int retryAttempts;

    @Produces
    @ApplicationScoped
    RedissonClient redisson() {
        Config config = new Config();
        // Connect on first use: the service must start, and answer from the database, while Redis is down.
        config.setLazyInitialization(true);
        config.setUseScriptCache(true);
        password.ifPresent(config::setPassword);
        config.useSingleServer()
                .setAddress(address)
                .setDatabase(database)
                .setTimeout(timeoutMillis)
                .setConnectTimeout(connectTimeoutMillis)
                // A failed command falls back to the database; retrying would only make that request slower.
                .setRetryAttempts(retryAttempts);
        return Redisson.create(config);
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
