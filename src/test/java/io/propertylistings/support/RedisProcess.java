package io.propertylistings.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import redis.embedded.core.ExecutableProvider;

/**
 * One redis-server process (a data node or, with {@code --sentinel}, a Sentinel) from the binary in the
 * embedded-redis jar, on a loopback port, in a directory of its own that holds its config file and log.
 * Started and ended through its Process handle, so a kill hits this process and nothing else.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final int port;
    private final Path directory;
    private final List<String> arguments;
    private Process process;

    private RedisProcess(int port, Path directory, List<String> arguments) {
        this.port = port;
        this.directory = directory;
        this.arguments = arguments;
    }

    /**
     * Writes {@code config} (plus port, bind address and directory) to {@code redis.conf} under
     * {@code directory} and starts redis-server on it; {@code sentinel} adds {@code --sentinel}.
     */
    public static RedisProcess start(Path directory, int port, String config, boolean sentinel) throws IOException {
        Files.createDirectories(directory);
        Path binary = binary(directory.getParent().resolve("bin"));
        Path conf = Files.writeString(directory.resolve("redis.conf"), String.join("\n",
                "port " + port,
                "bind 127.0.0.1",
                "dir " + directory.toAbsolutePath(),
                "save \"\"",
                "appendonly no",
                config) + "\n");
        List<String> arguments = new ArrayList<>(List.of(binary.toAbsolutePath().toString(), conf.toAbsolutePath().toString()));
        if (sentinel) {
            arguments.add("--sentinel");
        }
        RedisProcess redis = new RedisProcess(port, directory, arguments);
        redis.start();
        return redis;
    }

    private static Path binary;

    /** Unpacked once: a second unpacking would rewrite the file while running servers execute it. */
    private static synchronized Path binary(Path directory) throws IOException {
        if (binary == null) {
            binary = ExecutableProvider.newJarResourceProvider(Files.createDirectories(directory).toFile()).get().toPath();
        }
        return binary;
    }

    private void start() throws IOException {
        process = new ProcessBuilder(arguments).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(directory.resolve("redis.log").toFile())).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try {
                if ("PONG".equals(Resp.text(port, "PING"))) {
                    return;
                }
            } catch (IOException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    close();
                    throw new IOException("redis-server on " + port + " did not start, see " + directory.resolve("redis.log"),
                            notYet);
                }
            }
            pause();
        }
    }

    public int port() {
        return port;
    }

    public String address() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: the node dies as a crashed machine would, without a word to its peers. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** SIGTERM: redis-server shuts down as an operator would stop it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(100); // the interval between polls of a condition, with a deadline
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
