package io.propertylistings.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts PostgreSQL and Redis once for all integration tests and tells Arquillian's Payara Micro container how
 * to reach them. Register it before {@code ArquillianExtension}: the container reads these system properties
 * when Arquillian starts.
 */
public class PayaraMicroEnvironment implements BeforeAllCallback {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PayaraMicroEnvironment.class);
    private static volatile BackingServices services;

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("services", key -> start(), Started.class);
    }

    /** The services of the running test suite. */
    public static BackingServices services() {
        if (services == null) {
            throw new IllegalStateException("PayaraMicroEnvironment has not started");
        }
        return services;
    }

    private static Started start() {
        try {
            Path work = Path.of(System.getProperty("it.workDirectory", "target/it"));
            deleteRecursively(work);
            services = BackingServices.startLocal(work);
            Path postBoot = PayaraPostBoot.render(services.environment(), work.resolve("post-boot-commands.asadmin"));
            Path runtime = Path.of(System.getProperty("it.serverRuntime", "target/server-runtime"));
            Path payaraTmp = Files.createDirectories(work.resolve("payara-tmp"));
            System.setProperty("payara.extraMicroOptions", String.join(" ",
                    "--nohazelcast",
                    "--addlibs", runtime.resolve("postgresql.jar").toAbsolutePath().toString(),
                    "--postbootcommandfile", postBoot.toAbsolutePath().toString()));
            System.setProperty("payara.cmdOptions", String.join(" ",
                    "-Xmx512m",
                    "-Djava.io.tmpdir=" + payaraTmp.toAbsolutePath(),
                    "-Dredis.address=" + services.redisAddress()));
            return new Started(services);
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

    /** Closed by JUnit when the whole run ends. */
    private record Started(BackingServices services) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() throws IOException {
            services.close();
        }
    }
}
