package io.propertylistings.bench;

import io.propertylistings.support.BackingServices;
import io.propertylistings.support.FreePort;
import io.propertylistings.support.PayaraJvmOptions;
import io.propertylistings.support.PayaraPostBoot;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * PostgreSQL and Redis as {@code ./mvnw -Prun} starts them, and one Payara Micro with the production WAR at
 * {@code /} and the benchmark-only ceiling WAR at {@code /ceiling}, all on free loopback ports.
 */
final class BenchServer implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    final BackingServices services;
    final Process payara;
    final URI base;
    static final String ADMIN = "bench";
    final String adminPassword;
    /** From launching Payara Micro with the WARs to the first 200 of both (polled every 250 ms). */
    Duration startup;

    private BenchServer(BackingServices services, Process payara, URI base, String adminPassword) {
        this.services = services;
        this.payara = payara;
        this.base = base;
        this.adminPassword = adminPassword;
    }

    /** The GC log of the server: no full GC may happen during a load run. */
    static final String GC_LOG = "gc.log";

    static BenchServer start(Path target, Path work) throws IOException, InterruptedException {
        Path runtime = target.resolve("server-runtime");
        Path war = target.resolve("property-listings.war");
        Path ceiling = CeilingWar.assemble(target.resolve("test-classes"), work.resolve("ceiling.war"));
        BackingServices services = BackingServices.startLocal(work);
        try {
            int port = FreePort.onLoopback();
            Path tmp = Files.createDirectories(work.resolve("payara-tmp"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            // The recommended options, then any of -Dbench.jvmOptions (space-separated) to try another setting.
            command.addAll(PayaraJvmOptions.read());
            command.addAll(Arrays.stream(System.getProperty("bench.jvmOptions", "").split(" "))
                    .filter(option -> !option.isBlank()).toList());
            command.addAll(List.of(
                    "-Xlog:gc:file=" + work.resolve(GC_LOG).toAbsolutePath() + ":uptime",
                    // Deep enough for JFR to see the whole stack of a request (Grizzly, Jersey, CDI, Redisson).
                    "-XX:FlightRecorderOptions:stackdepth=256",
                    "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                    "-jar", runtime.resolve("payara-micro.jar").toString(),
                    "--deploy", war.toString(),
                    "--contextroot", "/",
                    "--deploy", ceiling.toString(),
                    "--port", Integer.toString(port),
                    "--startport", Integer.toString(FreePort.onLoopback()),
                    "--nohazelcast",
                    "--rootdir", work.resolve("payara-root").toAbsolutePath().toString(),
                    "--addlibs", runtime.resolve("postgresql.jar").toString(),
                    "--prebootcommandfile", PayaraPostBoot.PRE_BOOT.toString(),
                    "--postbootcommandfile", PayaraPostBoot.TEMPLATE.toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(work.resolve("payara.log").toFile());
            builder.environment().putAll(services.environment());
            // Without the background warm-up after evictions: each figure is then one thing (a cold request is
            // cold, a stampede meets an empty cache) instead of racing a warm-up that the seeding write started.
            builder.environment().put("CACHING_WARM_ENABLED", "false");
            String password = "bench-" + Long.toHexString(new SecureRandom().nextLong());
            builder.environment().put("PROPERTIES_ADMIN_USERNAME", ADMIN);
            builder.environment().put("PROPERTIES_ADMIN_PASSWORD", password);
            long launched = System.nanoTime();
            BenchServer server = new BenchServer(services, builder.start(),
                    URI.create("http://127.0.0.1:" + port + "/"), password);
            try {
                server.awaitReady(work.resolve("payara.log"));
                server.startup = Duration.ofNanos(System.nanoTime() - launched);
                return server;
            } catch (IOException | InterruptedException | RuntimeException e) {
                server.close();
                throw e;
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            services.close();
            throw e;
        }
    }

    private BenchServer awaitReady(Path log) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!payara.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + payara.exitValue() + ", see " + log);
            }
            try {
                int service = client.send(HttpRequest.newBuilder(base.resolve("properties/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                int ceiling = client.send(HttpRequest.newBuilder(base.resolve("ceiling/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (service == 200 && ceiling == 200) {
                    return this;
                }
            } catch (IOException notYetListening) {
                // still starting
            }
            TimeUnit.MILLISECONDS.sleep(250); // polling for the server to answer
        }
        throw new IllegalStateException("the service did not answer within " + START_TIMEOUT + ", see " + log);
    }

    long pid() {
        return payara.pid();
    }

    @Override
    public void close() throws IOException {
        try {
            if (payara != null && payara.isAlive()) {
                payara.destroy();
                if (!payara.waitFor(30, TimeUnit.SECONDS)) {
                    payara.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            payara.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            services.close();
        }
    }
}
