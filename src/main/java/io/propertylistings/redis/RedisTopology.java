package io.propertylistings.redis;

import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.BaseConfig;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SslVerificationMode;

/**
 * Turns the {@code redis.*} configuration into a Redisson {@link Config}: one Redis, a Sentinel-watched master
 * with replicas, or a Cluster. Pure (a key lookup in, a Config out) so that every mapping and every refusal is
 * unit-tested; a bad setting stops the deployment with a message naming the key.
 */
public final class RedisTopology {

    public static final String MODE = "redis.mode";
    public static final String ADDRESS = "redis.address";
    public static final String SENTINEL_MASTER_NAME = "redis.sentinel.master-name";
    public static final String SENTINEL_ADDRESSES = "redis.sentinel.addresses";
    public static final String SENTINEL_PASSWORD = "redis.sentinel.password";
    public static final String CLUSTER_ADDRESSES = "redis.cluster.addresses";
    public static final String USERNAME = "redis.username";
    public static final String PASSWORD = "redis.password";
    public static final String DATABASE = "redis.database";
    public static final String TIMEOUT = "redis.timeout-ms";
    public static final String CONNECT_TIMEOUT = "redis.connect-timeout-ms";
    public static final String RETRY_ATTEMPTS = "redis.retry-attempts";
    public static final String SCAN_INTERVAL = "redis.scan-interval-ms";
    public static final String THREADS = "redis.threads";
    public static final String NETTY_THREADS = "redis.netty-threads";
    public static final String POOL_SIZE = "redis.connection-pool-size";
    public static final String MINIMUM_IDLE = "redis.connection-minimum-idle";
    public static final String TRUSTSTORE = "redis.ssl.truststore";
    public static final String TRUSTSTORE_PASSWORD = "redis.ssl.truststore-password";
    public static final String SSL_VERIFICATION = "redis.ssl.verification";

    public enum Mode {
        SINGLE, SENTINEL, CLUSTER
    }

    private final Function<String, Optional<String>> values;

    private RedisTopology(Function<String, Optional<String>> values) {
        this.values = values;
    }

    /** The Redisson configuration the settings describe; an IllegalArgumentException naming the key otherwise. */
    public static Config configure(Function<String, Optional<String>> values) {
        return new RedisTopology(values).config();
    }

    public static Mode mode(Function<String, Optional<String>> values) {
        String mode = values.apply(MODE).map(String::trim).orElse("single");
        try {
            return Mode.valueOf(mode.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(MODE, "'" + mode + "' is not one of single, sentinel, cluster");
        }
    }

    private Config config() {
        Config config = new Config();
        // Connect on first use: the service must start, and answer from the database, while Redis is down.
        config.setLazyInitialization(true);
        config.setUseScriptCache(true);
        // Every command of this service names its codec; the default would otherwise be Kryo, which the WAR leaves out.
        config.setCodec(ByteArrayCodec.INSTANCE);
        // Redisson's defaults (16 + 32 threads, 64 connections with 24 always open) are sized for a big client;
        // each thread and connection costs memory, and this one sends one short command per request.
        config.setThreads(number(THREADS, 4));
        config.setNettyThreads(number(NETTY_THREADS, 4));
        optional(USERNAME).ifPresent(config::setUsername);
        optional(PASSWORD).ifPresent(config::setPassword);
        optional(TRUSTSTORE).ifPresent(path -> config.setSslTruststore(truststore(path)));
        optional(TRUSTSTORE_PASSWORD).ifPresent(config::setSslTruststorePassword);
        optional(SSL_VERIFICATION).ifPresent(mode -> config.setSslVerificationMode(verification(mode)));
        switch (mode(values)) {
            case SINGLE -> timeouts(config.useSingleServer()
                    .setAddress(address(ADDRESS, required(ADDRESS)))
                    .setDatabase(number(DATABASE, 0))
                    .setConnectionPoolSize(number(POOL_SIZE, 16))
                    .setConnectionMinimumIdleSize(number(MINIMUM_IDLE, 2)));
            case SENTINEL -> {
                var sentinel = config.useSentinelServers()
                        .setMasterName(required(SENTINEL_MASTER_NAME))
                        .setDatabase(number(DATABASE, 0))
                        // Reads from the master only: a replica may not have the latest eviction yet.
                        .setReadMode(ReadMode.MASTER)
                        // Sentinels of a test or a small set may be fewer than Redisson's sanity check wants.
                        .setCheckSentinelsList(false)
                        .setScanInterval(number(SCAN_INTERVAL, 1000));
                sentinel.setSentinelAddresses(addresses(SENTINEL_ADDRESSES));
                pools(sentinel);
                optional(SENTINEL_PASSWORD).ifPresent(sentinel::setSentinelPassword);
                timeouts(sentinel);
            }
            case CLUSTER -> {
                if (number(DATABASE, 0) != 0) {
                    throw invalid(DATABASE, "a Redis Cluster has database 0 only");
                }
                // How soon a promoted replica is found; Redisson's default, 5 s, leaves a slot unserved that long.
                var cluster = config.useClusterServers().setReadMode(ReadMode.MASTER)
                        .setScanInterval(number(SCAN_INTERVAL, 1000));
                cluster.setNodeAddresses(addresses(CLUSTER_ADDRESSES));
                pools(cluster);
                timeouts(cluster);
            }
            default -> throw new IllegalStateException("unknown mode");
        }
        return config;
    }

    private void pools(BaseMasterSlaveServersConfig<?> servers) {
        servers.setMasterConnectionPoolSize(number(POOL_SIZE, 16))
                .setMasterConnectionMinimumIdleSize(number(MINIMUM_IDLE, 2))
                .setSlaveConnectionPoolSize(number(POOL_SIZE, 16))
                .setSlaveConnectionMinimumIdleSize(number(MINIMUM_IDLE, 2));
    }

    private void timeouts(BaseConfig<?> server) {
        server.setTimeout(number(TIMEOUT, 500))
                .setConnectTimeout(number(CONNECT_TIMEOUT, 1000))
                // A failed command falls back to the database; retrying would only make that request slower.
                .setRetryAttempts(number(RETRY_ATTEMPTS, 0));
    }

    private List<String> addresses(String key) {
        List<String> addresses = Arrays.stream(required(key).split(",")).map(String::trim)
                .filter(address -> !address.isEmpty()).map(address -> address(key, address))
                .collect(Collectors.toList());
        if (addresses.isEmpty()) {
            throw invalid(key, "needs at least one address");
        }
        return addresses;
    }

    private static String address(String key, String address) {
        if (!address.matches("rediss?://[^/\\s]+:\\d+")) {
            throw invalid(key, "'" + address + "' is not redis://host:port or rediss://host:port");
        }
        return address;
    }

    private static URL truststore(String path) {
        Path file = Path.of(path);
        if (!Files.isRegularFile(file)) {
            throw invalid(TRUSTSTORE, "no such file: " + path);
        }
        try {
            return file.toUri().toURL();
        } catch (MalformedURLException e) {
            throw invalid(TRUSTSTORE, e.getMessage());
        }
    }

    private static SslVerificationMode verification(String mode) {
        try {
            return SslVerificationMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw invalid(SSL_VERIFICATION, "'" + mode + "' is not one of strict, ca_only, none");
        }
    }

    private int number(String key, int otherwise) {
        String value = optional(key).orElse(Integer.toString(otherwise));
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, "'" + value + "' is not a whole number");
        }
    }

    private String required(String key) {
        return optional(key).orElseThrow(() -> invalid(key, "is required when " + MODE + " is "
                + mode(values).name().toLowerCase(Locale.ROOT)));
    }

    private Optional<String> optional(String key) {
        return values.apply(key).filter(value -> !value.isBlank());
    }

    private static IllegalArgumentException invalid(String key, String reason) {
        return new IllegalArgumentException("Redis configuration: " + key + " " + reason);
    }
}
