package io.propertylistings.portability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.propertylistings.support.BackingServices;
import io.propertylistings.support.PayaraLogFormat;
import io.propertylistings.support.TestAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ./mvnw -Pportability verify}: the WAR the normal build made, byte for byte, on OpenLiberty, WildFly
 * and Payara Micro 6 and 7, one after the other, against one PostgreSQL and one Redis started as the
 * integration tests start them. Every server is stopped before the next starts, and everything at the end. Those
 * that log JSON here (OpenLiberty, WildFly, Payara Micro 7) have their console checked after the smoke suite.
 */
class PortabilityIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private static Path war;
    private static String warSha256;
    private static BackingServices services;
    private static final List<String> timings = new ArrayList<>();

    @BeforeAll
    static void startServices() throws Exception {
        war = Path.of(property("it.war"));
        warSha256 = sha256(war);
        String expected = System.getProperty("portability.expectedWarSha256", "");
        if (!expected.isBlank()) {
            assertEquals(expected, warSha256, "the WAR differs from the one the normal build made");
        }
        long started = System.nanoTime();
        services = BackingServices.startLocal(work().resolve("services"));
        timings.add(line("PostgreSQL + Redis", "", since(started), "", "", ""));
    }

    @AfterAll
    static void stopServices() throws IOException {
        if (services != null) {
            services.close();
        }
        String table = "property-listings.war sha256 " + warSha256 + "\n"
                + String.format(Locale.ROOT, "%-20s %10s %14s %8s %8s  %s%n", "server", "provision", "start+deploy",
                        "smoke", "stop", "result")
                + String.join("\n", timings) + "\n";
        System.out.println(table);
        Files.writeString(work().resolve("timings.txt"), table);
    }

    static Stream<String> servers() {
        Set<String> chosen = Arrays.stream(System.getProperty("portability.servers", "").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(s -> s.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet());
        return Stream.of("openliberty", "wildfly", "payara6", "payara7")
                .filter(server -> chosen.isEmpty() || chosen.contains(server));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("servers")
    void theUnchangedWarPassesTheSmokeSuite(String key) throws Exception {
        AppServer server = server(key);
        String result = "failed";
        long started = System.nanoTime();
        String provision = "";
        String start = "";
        String smoke = "";
        String stop = "";
        try {
            server.provision(war);
            provision = since(started);
            started = System.nanoTime();
            try (ServerProcess process = server.start(environment())) {
                try {
                    process.awaitOk(server.application().resolve("properties/"), START_TIMEOUT, () -> {
                        try {
                            return server.deploymentFailure();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
                    start = since(started);
                    started = System.nanoTime();
                    long created = new SmokeSuite(server, services).run();
                    server.jsonLog().ifPresent(format -> new JsonConsole(server, process, format)
                            .assertEveryLineIsJsonWithTheAuditOf(created));
                    smoke = since(started);
                    result = "passed";
                } catch (AssertionError | RuntimeException e) {
                    throw new AssertionError(server.name() + ": " + e.getMessage() + "\n" + process.logTail(), e);
                } finally {
                    started = System.nanoTime();
                }
            }
            stop = since(started);
        } finally {
            timings.add(line(server.name(), provision, start, smoke, stop, result));
        }
    }

    /** What every server gets: PostgreSQL, Redis and the admin account, by the names docs/operations.md gives. */
    private static Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>(services.environment());
        environment.put("PROPERTIES_ADMIN_USERNAME", TestAccounts.ADMIN);
        environment.put("PROPERTIES_ADMIN_PASSWORD", TestAccounts.ADMIN_PASSWORD);
        return environment;
    }

    private AppServer server(String key) {
        Path postgresqlJar = Path.of(property("it.serverRuntime"), "postgresql.jar");
        return switch (key) {
            case "openliberty" -> new OpenLiberty(Path.of(property("portability.openlibertyZip")), postgresqlJar,
                    work().resolve("openliberty"));
            case "wildfly" -> new WildFly(Path.of(property("portability.wildflyZip")), postgresqlJar,
                    Path.of(property("portability.eclipselinkJar")), work().resolve("wildfly"));
            case "payara6" -> new PayaraMicro("Payara Micro 6", Path.of(property("it.serverRuntime"), "payara-micro.jar"),
                    Path.of(System.getProperty("java.home")), postgresqlJar, work().resolve("payara6"));
            case "payara7" -> {
                Path java21 = Path.of(property("portability.java21Home"));
                assumeTrue(Files.isExecutable(java21.resolve("bin/java")),
                        "Payara Micro 7 needs Java 21+; none at portability.java21Home=" + java21);
                // Payara Micro 7 logs JSON (logging-json.properties), which the run checks; 6 the text of ./mvnw -Prun.
                yield new PayaraMicro("Payara Micro 7", Path.of(property("portability.payara7Jar")), java21,
                        postgresqlJar, work().resolve("payara7")).loggingAs(PayaraLogFormat.JSON);
            }
            default -> throw new IllegalArgumentException(key);
        };
    }

    private static Path work() {
        return Path.of(property("portability.work"));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " is not set: run ./mvnw -Pportability verify");
        }
        return value;
    }

    private static String since(long startedNanos) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - startedNanos) / 1e9);
    }

    private static String line(String server, String provision, String start, String smoke, String stop, String result) {
        return String.format(Locale.ROOT, "%-20s %10s %14s %8s %8s  %s", server, provision, start, smoke, stop, result);
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
