package io.propertylistings.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/** A real redis-server (6.2, shipped inside the embedded-redis jar) on loopback, without persistence. */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;

    private LocalRedis(RedisServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts redis-server on {@code port}, its binary unpacked under {@code directory}. */
    public static LocalRedis start(Path directory, int port) throws IOException {
        RedisServer server = RedisServer.newRedisServer()
                .executableProvider(ExecutableProvider.newJarResourceProvider(Files.createDirectories(directory).toFile()))
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .setting("appendonly no")
                .build();
        server.start();
        return new LocalRedis(server, port);
    }

    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Kills and restarts are part of the fault tests. */
    public void stop() throws IOException {
        server.stop();
    }

    public void restart() throws IOException {
        server.start();
    }

    @Override
    public void close() throws IOException {
        if (server.isActive()) {
            server.stop();
        }
    }
}
