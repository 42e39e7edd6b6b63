package io.propertylistings.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real redis-server (6.2, shipped inside the embedded-redis jar) on loopback. It saves nothing by itself;
 * a test may take a snapshot ({@code SAVE}), which a restart then loads, as a Redis with RDB persistence does.
 */
public final class LocalRedis implements AutoCloseable {

    private final RedisServer server;
    private final int port;
    private final Path directory;

    private LocalRedis(RedisServer server, int port, Path directory) {
        this.server = server;
        this.port = port;
        this.directory = directory;
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
        return new LocalRedis(server, port, directory);
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

    /** Where {@code SAVE} writes and whence a restart loads: redis-server runs in this directory. */
    public Path snapshot() {
        return directory.resolve("dump.rdb");
    }

    public boolean isRunning() {
        return server.isActive();
    }

    /** Freezes redis-server (SIGSTOP): it keeps its data and its connections but answers nothing. */
    public void pause() throws IOException, InterruptedException {
        signal("-STOP");
    }

    public void resume() throws IOException, InterruptedException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException, InterruptedException {
        long pid = pid();
        if (new ProcessBuilder("kill", signal, Long.toString(pid)).start().waitFor() != 0) {
            throw new IOException("kill " + signal + " " + pid + " failed");
        }
    }

    /** redis-server rewrites its command line to "path host:port", which is how it is found here. */
    private long pid() throws IOException {
        try (var processes = Files.list(Path.of("/proc"))) {
            for (Path process : processes.filter(path -> path.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String commandLine = new String(Files.readAllBytes(process.resolve("cmdline"))).replace('\0', ' ');
                    if (commandLine.contains("redis-server") && commandLine.contains(":" + port + " ")
                            || commandLine.contains("redis-server") && commandLine.trim().endsWith(":" + port)) {
                        return Long.parseLong(process.getFileName().toString());
                    }
                } catch (IOException gone) {
                    // the process ended while the list was read
                }
            }
        }
        throw new IllegalStateException("no redis-server on port " + port);
    }

    @Override
    public void close() throws IOException {
        if (server.isActive()) {
            server.stop();
        }
    }
}
