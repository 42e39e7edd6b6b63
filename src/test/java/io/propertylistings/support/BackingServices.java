package io.propertylistings.support;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * PostgreSQL and Redis for the service: the ones the environment names, or local ones started here.
 * The environment variables are those the server configuration reads (see server-config/).
 */
public final class BackingServices implements AutoCloseable {

    /** The seed project's names, also used by docker-compose.yml. */
    public static final String DEFAULT_DATABASE = "alx_caching_db";
    public static final String DEFAULT_USER = "alx_user";
    public static final String DEFAULT_PASSWORD = "alx_password";

    private final DatabaseSettings database;
    private final String redisAddress;
    private final Optional<LocalPostgres> postgres;
    private final Optional<LocalRedis> redis;

    private BackingServices(DatabaseSettings database, String redisAddress, Optional<LocalPostgres> postgres,
            Optional<LocalRedis> redis) {
        this.database = database;
        this.redisAddress = redisAddress;
        this.postgres = postgres;
        this.redis = redis;
    }

    /** Always local, on free ports: what the integration tests use. */
    public static BackingServices startLocal(Path directory) throws IOException, InterruptedException {
        return start(directory, Map.of(), false);
    }

    /**
     * Uses PostgreSQL when {@code PROPERTIES_DB_HOST} is set and Redis when {@code REDIS_ADDRESS} is set;
     * starts local ones for what is not.
     */
    public static BackingServices start(Path directory, Map<String, String> environment, boolean durable)
            throws IOException, InterruptedException {
        LocalRedis redis = null;
        LocalPostgres postgres = null;
        try {
            String redisAddress = environment.get("REDIS_ADDRESS");
            if (redisAddress == null) {
                redis = LocalRedis.start(directory.resolve("redis"), Integer.parseInt(environment.getOrDefault("LOCAL_REDIS_PORT",
                        Integer.toString(FreePort.onLoopback()))));
                redisAddress = redis.address();
            }
            DatabaseSettings database;
            if (environment.containsKey("PROPERTIES_DB_HOST")) {
                database = new DatabaseSettings(environment.get("PROPERTIES_DB_HOST"),
                        Integer.parseInt(environment.getOrDefault("PROPERTIES_DB_PORT", "5432")),
                        environment.getOrDefault("PROPERTIES_DB_NAME", DEFAULT_DATABASE),
                        environment.getOrDefault("PROPERTIES_DB_USER", DEFAULT_USER),
                        environment.getOrDefault("PROPERTIES_DB_PASSWORD", DEFAULT_PASSWORD));
            } else {
                int port = Integer.parseInt(environment.getOrDefault("LOCAL_POSTGRES_PORT",
                        Integer.toString(FreePort.onLoopback())));
                database = new DatabaseSettings("127.0.0.1", port, DEFAULT_DATABASE, DEFAULT_USER, DEFAULT_PASSWORD);
                postgres = LocalPostgres.start(directory.resolve("postgres"), port, database, durable);
            }
            return new BackingServices(database, redisAddress, Optional.ofNullable(postgres), Optional.ofNullable(redis));
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (postgres != null) {
                postgres.close();
            }
            if (redis != null) {
                redis.close();
            }
            throw e;
        }
    }

    /** The environment a server needs to reach these services. */
    public Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PROPERTIES_DB_HOST", database.host());
        environment.put("PROPERTIES_DB_PORT", Integer.toString(database.port()));
        environment.put("PROPERTIES_DB_NAME", database.database());
        environment.put("PROPERTIES_DB_USER", database.user());
        environment.put("PROPERTIES_DB_PASSWORD", database.password());
        environment.put("REDIS_ADDRESS", redisAddress);
        return environment;
    }

    public DatabaseSettings database() {
        return database;
    }

    public String redisAddress() {
        return redisAddress;
    }

    public Optional<LocalRedis> localRedis() {
        return redis;
    }

    public Optional<LocalPostgres> localPostgres() {
        return postgres;
    }

    public Connection openDatabase() throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }

    @Override
    public void close() throws IOException {
        try {
            if (postgres.isPresent()) {
                postgres.get().close();
            }
        } finally {
            if (redis.isPresent()) {
                redis.get().close();
            }
        }
    }
}
