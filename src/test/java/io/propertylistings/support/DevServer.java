package io.propertylistings.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What {@code ./mvnw -Prun} runs: PostgreSQL and Redis (unless the environment names running ones), Payara
 * Micro with the WAR on http://localhost:8080, 20 demo properties in an empty database, and everything
 * stopped again on Ctrl-C. With {@code NODES=n} (n > 1), n Payara Micro nodes on free ports behind Debian's
 * nginx, which balances round robin on {@code PORT}.
 */
public final class DevServer {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

    private DevServer() {
    }

    public static void main(String[] args) throws Exception {
        Path target = Path.of(System.getProperty("dev.target", "target"));
        Path runtime = target.resolve("server-runtime");
        Path war = target.resolve("property-listings.war");
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "8080"));
        int nodes = nodes(System.getenv().getOrDefault("NODES", "1"));
        // Another directory (a test's) keeps its own database and leaves target/run alone.
        Path work = Files.createDirectories(Path.of(System.getProperty("dev.work", target.resolve("run").toString())));
        Optional<Path> nginx = Nginx.installed();
        if (nodes > 1 && nginx.isEmpty()) {
            throw new IllegalStateException("NODES=" + nodes + " runs the nodes behind nginx, which is not installed:"
                    + " apt-get install nginx-light (Debian and Ubuntu). Nothing was started.");
        }

        BackingServices services = BackingServices.start(work, System.getenv(), true);
        DevProcesses started = new DevProcesses(services);
        Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "dev-server-stop"));
        // The demo's admin account, unless the environment names one: change it for anything but a demo.
        String adminName = System.getenv().getOrDefault("PROPERTIES_ADMIN_USERNAME", "admin");
        String adminPassword = System.getenv().getOrDefault("PROPERTIES_ADMIN_PASSWORD", "admin");
        try {
            Map<String, URI> urls = new LinkedHashMap<>();
            for (int node = 1; node <= nodes; node++) {
                // One node answers on PORT itself, as it always did; several answer behind the balancer there.
                int nodePort = nodes == 1 ? port : FreePort.onLoopback();
                ProcessBuilder payara = new ProcessBuilder(nodeCommand(runtime, war, nodePort,
                        Files.createDirectories(work.resolve(nodes == 1 ? "payara-tmp" : "payara-tmp-" + node))))
                        .inheritIO();
                payara.environment().putAll(services.environment());
                payara.environment().put("PROPERTIES_ADMIN_USERNAME", adminName);
                payara.environment().put("PROPERTIES_ADMIN_PASSWORD", adminPassword);
                String name = "node-" + node;
                if (nodes > 1) {
                    payara.environment().put("NODE_NAME", name); // what its dashboard calls it
                }
                urls.put(name, URI.create("http://localhost:" + nodePort + "/"));
                started.node(payara.start());
            }
            int node = 0;
            for (URI url : urls.values()) {
                awaitReady(started.nodes().get(node++), url);
            }
            URI base = URI.create("http://localhost:" + port + "/");
            if (nodes > 1) {
                started.balancer(Nginx.balancing(nginx.orElseThrow(),
                        urls.values().stream().map(url -> URI.create("http://127.0.0.1:" + url.getPort() + "/")).toList(),
                        port, work.resolve("nginx")));
            }
            seedIfEmpty(base, TestAccounts.basic(adminName, adminPassword));
            System.out.println();
            System.out.println("Property listings: " + base.resolve("properties/"));
            System.out.println("Metrics:           " + base.resolve("metrics?scope=application"));
            System.out.println("Cache dashboard:   " + base.resolve("dashboard/"));
            System.out.println("API page:          " + base.resolve("api-docs/"));
            System.out.println("Health:            " + base.resolve("health/ready"));
            if (nodes > 1) {
                System.out.println(nodes + " nodes behind nginx on port " + port + ", round robin (X-Upstream names the"
                        + " node that answered); each on its own port too:");
                urls.forEach((name, url) -> System.out.println("Node " + name + ": " + url));
            }
            System.out.println("Writes need the admin account (" + adminName + "; PROPERTIES_ADMIN_USERNAME and"
                    + " PROPERTIES_ADMIN_PASSWORD set it).");
            System.out.println("PostgreSQL " + services.database().jdbcUrl() + ", Redis " + services.redisAddress());
            String servers = nodes == 1 ? "the server" : "the " + nodes + " nodes, nginx";
            System.out.println("Ctrl-C stops " + servers
                    + (services.localRedis().isPresent() ? ", PostgreSQL and Redis." : "."));
            started.awaitAnyExit();
        } finally {
            started.stop();
        }
    }

    /** One Payara Micro node with the WAR on {@code port}, its temporary files in {@code tmp}. */
    private static List<String> nodeCommand(Path runtime, Path war, int port, Path tmp) {
        List<String> command = new ArrayList<>(List.of(javaExecutable()));
        command.addAll(PayaraJvmOptions.read());
        command.addAll(List.of(
                "-Djava.io.tmpdir=" + tmp.toAbsolutePath(),
                "-jar", runtime.resolve("payara-micro.jar").toString(),
                "--deploy", war.toString(),
                "--contextroot", "/",
                "--port", Integer.toString(port),
                "--nohazelcast",
                "--addlibs", runtime.resolve("postgresql.jar").toString(),
                "--prebootcommandfile", PayaraPostBoot.PRE_BOOT.toString(),
                "--postbootcommandfile", PayaraPostBoot.TEMPLATE.toString()));
        command.addAll(logOptions());
        return command;
    }

    private static int nodes(String value) {
        try {
            int nodes = Integer.parseInt(value.trim());
            if (nodes >= 1) {
                return nodes;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("NODES must be a whole number from 1 on, not " + value);
    }

    /** LOG_FORMAT=json: one JSON object a line; else text, coloured only on a terminal. */
    private static List<String> logOptions() {
        return PayaraLogFormat.of(System.getenv()).microOptions(PayaraLogFormat.consoleIsTerminal());
    }

    private static void awaitReady(Process server, URI base) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("Payara Micro exited with " + server.exitValue());
            }
            try {
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(base.resolve("properties/")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // the server is still starting
            }
            TimeUnit.MILLISECONDS.sleep(250); // polling for the server to answer
        }
        throw new IllegalStateException("the service did not answer within " + START_TIMEOUT);
    }

    /** Seeds through the API, like any client, so the writes evict what they must. */
    private static void seedIfEmpty(URI base, String authorization) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        String list = client.send(HttpRequest.newBuilder(base.resolve("properties/")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        if (!list.endsWith("\"count\":0}")) {
            return;
        }
        List<String> kinds = List.of("Apartment", "Townhouse", "Studio", "Villa", "Loft");
        List<String> places = List.of("New York", "Nairobi", "Lagos", "Berlin", "Lisbon", "Tokyo", "Accra", "Toronto");
        for (int i = 1; i <= 20; i++) {
            String kind = kinds.get(i % kinds.size());
            String place = places.get(i % places.size());
            String body = String.format(Locale.ROOT,
                    "{\"title\":\"%s %d in %s\",\"description\":\"%s in %s with %s, close to transport and shops.\","
                            + "\"price\":%d.%02d,\"location\":\"%s\"}",
                    kind, i, place, DemoText.sentenceStart(kind), place, DemoText.rooms(1 + i % 4),
                    75_000 + i * 12_500, i * 5 % 100, place);
            HttpResponse<String> created = client.send(HttpRequest.newBuilder(base.resolve("properties/"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", authorization)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (created.statusCode() != 201) {
                throw new IllegalStateException("seeding failed: " + created.statusCode() + " " + created.body());
            }
        }
        System.out.println("Seeded 20 demo properties.");
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
