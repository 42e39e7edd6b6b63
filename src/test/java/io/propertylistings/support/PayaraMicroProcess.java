package io.propertylistings.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The built WAR on a Payara Micro process of its own, configured by environment variables as an operator
 * would (server-config/payara/README.md): for tests that need a configuration the shared Arquillian server
 * does not have, such as another Redis topology. The process and its children end on {@link #close()}, and
 * with the test JVM.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Path log;
    private final int port;
    private final Thread stopOnExit;

    private PayaraMicroProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
        this.stopOnExit = new Thread(this::stop, "stop-payara-" + port);
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts the WAR with {@code environment} (PROPERTIES_DB_*, REDIS_* ...) and the test accounts, and waits
     * until {@code /properties/} answers 200.
     */
    public static PayaraMicroProcess start(Path work, Map<String, String> environment)
            throws IOException, InterruptedException {
        Files.createDirectories(work.resolve("tmp"));
        Path runtime = Path.of(System.getProperty("it.serverRuntime", "target/server-runtime"));
        Path postBoot = PayaraPostBoot.render(environment, work.resolve("post-boot-commands.asadmin"));
        int port = FreePort.onLoopback();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Djava.io.tmpdir=" + work.resolve("tmp").toAbsolutePath()));
        command.addAll(List.of(TestAccounts.configuration().split(" ")));
        command.addAll(List.of("-jar", runtime.resolve("payara-micro.jar").toAbsolutePath().toString(),
                "--deploy", System.getProperty("it.war"),
                "--contextroot", "/",
                "--port", Integer.toString(port),
                "--nohazelcast",
                "--rootdir", work.resolve("root").toAbsolutePath().toString(),
                "--addlibs", runtime.resolve("postgresql.jar").toAbsolutePath().toString(),
                "--postbootcommandfile", postBoot.toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Path log = work.resolve("console.log");
        builder.redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        PayaraMicroProcess server = new PayaraMicroProcess(builder.start(), log, port);
        try {
            server.awaitOk();
            return server;
        } catch (IOException | InterruptedException | RuntimeException | AssertionError e) {
            String tail = server.logTail();
            server.close();
            throw new AssertionError("Payara Micro did not come up: " + e.getMessage() + "\n" + tail, e);
        }
    }

    public URI application() {
        return URI.create("http://127.0.0.1:" + port + "/");
    }

    private void awaitOk() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Payara Micro exited with " + process.exitValue());
            }
            try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
                if (lines.anyMatch(line -> line.contains("Exception while loading the app"))) {
                    throw new IOException("the deployment failed");
                }
            }
            try {
                if (client.send(HttpRequest.newBuilder(application().resolve("properties/"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(250); // the interval between polls, not a wait for an outcome
        }
        throw new IOException("/properties/ did not answer 200 within " + START_TIMEOUT);
    }

    /** The last lines of the server's console, for a failure message. */
    public String logTail() {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            List<String> all = lines.toList();
            return "--- last lines of " + log + " ---\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** Lines of the console that contain {@code text}. */
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

    private synchronized void stop() {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process.toHandle())).toList();
        tree.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : tree) {
            try {
                handle.onExit().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                handle.destroyForcibly();
            }
        }
    }
}
