package io.propertylistings.portability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A server's operating-system process and its log. Servers start through shell scripts that start a JVM, so
 * stopping acts on the whole process tree: nothing is left behind when the run ends, passes or fails.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(250);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(45);

    private final String name;
    private final Process process;
    private final Path log;
    private final Thread stopOnExit;

    private ServerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        // Should the test JVM be ended (Ctrl-C, failsafe timeout), the server goes with it.
        this.stopOnExit = new Thread(this::stop, "stop-" + name);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    static ServerProcess start(String name, ProcessBuilder builder, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        return new ServerProcess(name, builder.start(), log);
    }

    /**
     * Polls {@code uri} until it answers 200, the process dies, the server reports a failed deployment, or the
     * timeout passes.
     */
    public void awaitOk(URI uri, Duration timeout, Supplier<Optional<String>> failure) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        int lastStatus = -1;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue());
            }
            Optional<String> failed = failure.get();
            if (failed.isPresent()) {
                throw new AssertionError(name + ": deployment failed: " + failed.get());
            }
            try {
                lastStatus = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (lastStatus == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // the server is still starting
            }
            TimeUnit.NANOSECONDS.sleep(POLL_INTERVAL.toNanos()); // the interval between polls, not a wait for an outcome
        }
        throw new AssertionError(name + ": " + uri + " did not answer 200 within " + timeout + " (last status "
                + lastStatus + ")");
    }

    public String logTail() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            List<String> all = lines.toList();
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Every line of the log so far. */
    public List<String> logLines() throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.toList();
        }
    }

    /** Lines of the log that contain {@code text}. */
    public long logLinesContaining(String text) throws IOException {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains(text)).count();
        }
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    /** SIGTERM to every process of the tree (each JVM shuts down cleanly on it), then SIGKILL to what remains. */
    private synchronized void stop() {
        // Collected before anything is ended: a child whose parent is gone is no longer a descendant.
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                handle.destroyForcibly();
            } catch (java.util.concurrent.ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                tree.forEach(ProcessHandle::destroyForcibly);
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (ProcessHandle handle : tree) {
            if (handle.isAlive()) {
                handle.destroyForcibly();
                handle.onExit().join();
            }
        }
    }

    static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new UncheckedIOException(new IOException(what + " not found: " + file));
        }
    }
}
