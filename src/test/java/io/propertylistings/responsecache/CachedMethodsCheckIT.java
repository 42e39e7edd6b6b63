package io.propertylistings.responsecache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.portability.PayaraMicro;
import io.propertylistings.portability.ServerProcess;
import io.propertylistings.support.BuiltWar;
import io.propertylistings.support.PayaraMicroEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.junit.jupiter.api.Test;

/**
 * The built WAR plus one bean whose {@code @CachedResponse} method reads a header, on Payara Micro: the
 * deployment is refused, with a message that names the method and the parameter, and nothing is served.
 */
class CachedMethodsCheckIT {

    private static final String REFUSAL = "@CachedResponse " + HeaderReadingListing.class.getName()
            + ".byTenant: its parameter 2 (@HeaderParam String) is request state";

    @Test
    void aCachedMethodWithAHeaderParameterIsRefusedAtDeployment() throws Exception {
        Path work = Path.of(System.getProperty("it.workDirectory"), "refused-deployment");
        Path runtime = Path.of(System.getProperty("it.serverRuntime"));
        Path war = Files.createDirectories(work).resolve("refused.war");
        BuiltWar.archive().addClass(HeaderReadingListing.class).as(ZipExporter.class).exportTo(war.toFile(), true);
        PayaraMicro server = new PayaraMicro("Payara Micro with a cached method that reads a header",
                runtime.resolve("payara-micro.jar"), Path.of(System.getProperty("java.home")),
                runtime.resolve("postgresql.jar"), work.resolve("server"), "/",
                List.of(PayaraMicroEnvironment.QUICK_START));
        server.provision(war);
        try (ServerProcess process = server.start(PayaraMicroEnvironment.services().environment())) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (process.logLinesContaining("ready in") == 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(250); // the interval between looks at the log, not a wait for an outcome
            }
            assertTrue(process.logLinesContaining(REFUSAL) >= 1, () -> "no refusal in the log\n" + process.logTail());
            HttpResponse<Void> list = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(server.application() + "properties/")).build(), HttpResponse.BodyHandlers.discarding());
            assertEquals(404, list.statusCode(), "the refused WAR serves nothing");
        }
    }
}
