package io.propertylistings.support;

import io.propertylistings.portability.PayaraMicro;
import io.propertylistings.portability.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The built WAR on a Payara Micro process of its own, configured by environment variables as an operator
 * would (server-config/payara/README.md), with the test accounts: the integration tests' shared servers
 * ({@link SharedServers}), a second application node, or a node with another Redis topology. The process and
 * its children end on {@link #close()}, and with the test JVM.
 */
public final class PayaraMicroProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final PayaraMicro server;
    private final ServerProcess process;

    private PayaraMicroProcess(PayaraMicro server, ServerProcess process) {
        this.server = server;
        this.process = process;
    }

    /** Starts the WAR at the root context with {@code environment} (PROPERTIES_DB_*, REDIS_* ...). */
    public static PayaraMicroProcess start(Path work, Map<String, String> environment)
            throws IOException, InterruptedException {
        return start(work, environment, "/");
    }

    /**
     * The same at {@code contextRoot}: a second node of another one needs that node's, since a cached response is
     * keyed by its path. Returns once {@code properties/} answers 200.
     */
    public static PayaraMicroProcess start(Path work, Map<String, String> environment, String contextRoot)
            throws IOException, InterruptedException {
        return start(work, environment, contextRoot, List.of(), List.of(), Map.of());
    }

    /**
     * The same with {@code systemProperties} for the JVM beside the test accounts (MicroProfile Config settings,
     * which rank above the WAR's defaults), {@code libraries} on the server's class path, and
     * {@code moreApplications} (WARs by context root) deployed beside the WAR, which stays as built.
     */
    public static PayaraMicroProcess start(Path work, Map<String, String> environment, String contextRoot,
            List<String> systemProperties, List<Path> libraries, Map<String, Path> moreApplications)
            throws IOException, InterruptedException {
        return start(work, environment, contextRoot, systemProperties, libraries, moreApplications,
                PayaraLogFormat.TEXT);
    }

    /** The same with its console log in {@code logFormat}. */
    public static PayaraMicroProcess start(Path work, Map<String, String> environment, String contextRoot,
            List<String> systemProperties, List<Path> libraries, Map<String, Path> moreApplications,
            PayaraLogFormat logFormat) throws IOException, InterruptedException {
        Path runtime = Path.of(System.getProperty("it.serverRuntime", "target/server-runtime"));
        PayaraMicro server = new PayaraMicro("Payara Micro in " + work.getFileName(),
                runtime.resolve("payara-micro.jar"), Path.of(System.getProperty("java.home")),
                runtime.resolve("postgresql.jar"), work, contextRoot,
                Stream.of(Stream.of(PayaraMicroEnvironment.QUICK_START), TestAccounts.systemProperties().stream(),
                        systemProperties.stream()).flatMap(options -> options).toList());
        server.loggingAs(logFormat);
        libraries.forEach(server::alsoOnClassPath);
        moreApplications.forEach((root, war) -> server.alsoDeploying(war, root));
        server.provision(Path.of(System.getProperty("it.war")));
        ServerProcess process = server.start(environment);
        try {
            // Not the readiness URL: Payara Micro answers it UP before the WAR is deployed.
            process.awaitOk(server.application().resolve("properties/"), START_TIMEOUT, () -> {
                try {
                    return server.deploymentFailure();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            return new PayaraMicroProcess(server, process);
        } catch (RuntimeException | AssertionError e) {
            String tail = process.logTail();
            process.close();
            throw new AssertionError("Payara Micro did not come up: " + e.getMessage() + "\n" + tail, e);
        }
    }

    /** Where the WAR answers. */
    public URI application() {
        return server.application();
    }

    /** The last lines of the server's console, for a failure message. */
    public String logTail() {
        return process.logTail();
    }

    /** Every line of the console so far. */
    public List<String> logLines() throws IOException {
        return process.logLines();
    }

    /** Lines of the console that contain {@code text}. */
    public long logLinesContaining(String text) throws IOException {
        return process.logLinesContaining(text);
    }

    @Override
    public void close() {
        process.close();
    }
}
