package io.propertylistings.support;

import io.propertylistings.portability.PayaraMicro;
import io.propertylistings.portability.ServerProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A second application node: another Payara Micro process with the WAR the build made, on the integration
 * tests' PostgreSQL and Redis, configured as the Arquillian-managed node is. Nodes share nothing but those two.
 */
public final class SecondNode implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private final PayaraMicro server;
    private final ServerProcess process;

    private SecondNode(PayaraMicro server, ServerProcess process) {
        this.server = server;
        this.process = process;
    }

    /**
     * Starts it with the WAR at {@code contextRoot} (the first node's: a cached response is keyed by its path)
     * and these extra system properties, and waits until it is ready.
     */
    public static SecondNode start(String name, String contextRoot, List<String> systemProperties)
            throws IOException, InterruptedException {
        Path runtime = Path.of(required("it.serverRuntime"));
        List<String> options = new java.util.ArrayList<>(TestAccounts.systemProperties());
        options.addAll(systemProperties);
        PayaraMicro server = new PayaraMicro(name, runtime.resolve("payara-micro.jar"),
                Path.of(System.getProperty("java.home")), runtime.resolve("postgresql.jar"),
                Path.of(required("it.workDirectory")).resolve(name), contextRoot, options);
        server.provision(Path.of(required("it.war")));
        Map<String, String> environment = new LinkedHashMap<>(PayaraMicroEnvironment.services().environment());
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
        } catch (AssertionError | RuntimeException e) {
            String log = process.logTail();
            process.close();
            throw new AssertionError(e.getMessage() + "\n" + log, e);
        }
        return new SecondNode(server, process);
    }

    public URI base() {
        return server.application();
    }

    public String logTail() {
        return process.logTail();
    }

    @Override
    public void close() {
        process.close();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException(property + " is not set: run the integration tests with ./mvnw verify");
        }
        return value;
    }
}
