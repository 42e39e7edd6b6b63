package io.propertylistings.portability;

import io.propertylistings.support.FreePort;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** OpenLiberty from its runtime zip, configured by server-config/openliberty/server.xml as it is. */
final class OpenLiberty implements AppServer {

    private static final String SERVER = "property-listings";
    private static final Pattern HOTSPOT_WARNING = Pattern.compile("\\S[^:]* VM warning: ");
    /** Messages of an application that failed to start or a configuration Liberty refused. */
    private static final List<String> FAILURES = List.of("CWWKZ0002E", "CWWKZ0004E", "CWWKF0001E", "CWWKF0042E");

    private final Path zip;
    private final Path postgresqlJar;
    private final Path work;
    private final int httpPort = FreePort.onLoopback();
    private final int httpsPort = FreePort.onLoopback();
    private Path wlp;

    OpenLiberty(Path zip, Path postgresqlJar, Path work) {
        this.zip = zip;
        this.postgresqlJar = postgresqlJar;
        this.work = work;
    }

    @Override
    public String name() {
        return "OpenLiberty";
    }

    @Override
    public void provision(Path war) throws IOException {
        wlp = Distribution.singleRoot(Distribution.unpack(zip, work));
        Path server = Files.createDirectories(serverDirectory());
        Files.copy(Path.of("server-config", "openliberty", "server.xml"), server.resolve("server.xml"));
        Files.copy(postgresqlJar, Files.createDirectories(server.resolve("lib")).resolve("postgresql.jar"));
        Files.copy(war, Files.createDirectories(server.resolve("apps")).resolve("property-listings.war"));
        // The ports of this run; server.xml's variables default to 9080/9443 for an operator.
        Files.writeString(server.resolve("bootstrap.properties"),
                "http.port=" + httpPort + "\nhttps.port=" + httpsPort + "\n");
        Files.writeString(server.resolve("jvm.options"), "-Xmx512m\n");
    }

    @Override
    public ServerProcess start(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", wlp.resolve("bin/server").toString(), "run", SERVER);
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // LOG_FORMAT=json as server-config/openliberty/README.md says; the portability run checks the JSON.
        builder.environment().put("WLP_LOGGING_CONSOLE_FORMAT", "json");
        return ServerProcess.start(name(), builder, work.resolve("console.log"));
    }

    @Override
    public Optional<JsonLogFormat> jsonLog() {
        return Optional.of(JsonLogFormat.OPENLIBERTY);
    }

    /**
     * Without two kinds of lines that are not records of Liberty's logging. The launcher's preamble: a blank line
     * and "Launching property-listings (Open Liberty ...)", written before the kernel's logging starts (in JSON the
     * latter is an object, but with no level or logger: it is no log record). And HotSpot's own warnings
     * ("OpenJDK 64-Bit Server VM warning: ..."), which the JVM's native code prints to stdout, past every Java
     * formatter: Liberty's agent appends to the boot class path, and class data sharing says so.
     */
    @Override
    public List<String> loggedLines(List<String> console) {
        int start = 0;
        if (start < console.size() && console.get(start).isEmpty()) {
            start++;
        }
        if (start < console.size() && console.get(start).contains("\"message\":\"Launching " + SERVER + " (Open Liberty ")) {
            start++;
        }
        return console.subList(start, console.size()).stream()
                .filter(line -> !HOTSPOT_WARNING.matcher(line).lookingAt())
                .toList();
    }

    @Override
    public URI application() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    @Override
    public Optional<URI> metrics() {
        return Optional.of(application().resolve("metrics?scope=application"));
    }

    @Override
    public URI readiness() {
        return application().resolve("health/ready");
    }

    @Override
    public Optional<String> deploymentFailure() throws IOException {
        Path messages = serverDirectory().resolve("logs/messages.log");
        if (!Files.exists(messages)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(messages, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> FAILURES.stream().anyMatch(line::contains)).findFirst();
        }
    }

    private Path serverDirectory() {
        return wlp.resolve("usr/servers").resolve(SERVER);
    }
}
