package io.propertylistings.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts PostgreSQL and Redis once for all integration tests, for the shared servers ({@link SharedServers}) and
 * the other Payara Micro processes the tests start, and tells Arquillian's Payara Micro container (in-container
 * tests) how to reach them, through the system properties the container reads when Arquillian starts it. A launcher
 * session listener runs before any test class, so before Arquillian; it acts only in the failsafe run (which
 * sets {@code it.workDirectory}), and never inside the server, where in-container tests also run.
 */
public class PayaraMicroEnvironment implements LauncherSessionListener {

    private static volatile BackingServices services;

    /**
     * JIT options for the test servers: a server that lives a minute starts faster on C1 alone, and the tests
     * measure no speed (the benchmark does, on the server as configured for production).
     */
    public static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String workDirectory = System.getProperty("it.workDirectory");
        if (workDirectory != null && services == null) {
            start(Path.of(workDirectory));
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        SharedServers.stop(); // stopped when the test plan finished; a server must never outlive its services
        if (services != null) {
            try {
                services.close();
            } catch (IOException e) {
                throw new IllegalStateException("could not stop PostgreSQL and Redis", e);
            } finally {
                services = null;
            }
        }
    }

    /** The services of the running test suite. */
    public static BackingServices services() {
        if (services == null) {
            throw new IllegalStateException("PostgreSQL and Redis are started for the integration tests only");
        }
        return services;
    }

    private static void start(Path work) {
        try {
            deleteRecursively(work);
            services = BackingServices.startLocal(work);
            Path postBoot = PayaraPostBoot.render(services.environment(), work.resolve("post-boot-commands.asadmin"));
            Path runtime = Path.of(System.getProperty("it.serverRuntime", "target/server-runtime"));
            Path payaraTmp = Files.createDirectories(work.resolve("payara-tmp"));
            System.setProperty("payara.extraMicroOptions", String.join(" ",
                    "--nohazelcast",
                    "--addlibs", runtime.resolve("postgresql.jar").toAbsolutePath().toString(),
                    "--prebootcommandfile", PayaraPostBoot.PRE_BOOT.toAbsolutePath().toString(),
                    "--postbootcommandfile", postBoot.toAbsolutePath().toString()));
            System.setProperty("payara.cmdOptions", String.join(" ",
                    String.join(" ", PayaraJvmOptions.read()),
                    QUICK_START,
                    "-Djava.io.tmpdir=" + payaraTmp.toAbsolutePath(),
                    "-Dredis.address=" + services.redisAddress(),
                    TestAccounts.configuration()));
        } catch (IOException e) {
            throw new IllegalStateException("could not start PostgreSQL and Redis for the tests", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
