package io.propertylistings.portability;

import io.propertylistings.support.FreePort;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * WildFly from its distribution zip (standalone.xml), prepared by server-config/wildfly/install-modules.sh and
 * configure.cli exactly as an operator would run them.
 */
final class WildFly implements AppServer {

    private static final Path CONFIG = Path.of("server-config", "wildfly");
    private static final Pattern BANNER_RULE = Pattern.compile("=+");

    private final Path zip;
    private final Path postgresqlJar;
    private final Path eclipselinkJar;
    private final Path work;
    private final int httpPort = FreePort.onLoopback();
    private final int httpsPort = FreePort.onLoopback();
    private final int managementPort = FreePort.onLoopback();
    private final int managementHttpsPort = FreePort.onLoopback();
    private Path home;

    WildFly(Path zip, Path postgresqlJar, Path eclipselinkJar, Path work) {
        this.zip = zip;
        this.postgresqlJar = postgresqlJar;
        this.eclipselinkJar = eclipselinkJar;
        this.work = work;
    }

    @Override
    public String name() {
        return "WildFly";
    }

    @Override
    public void provision(Path war) throws IOException, InterruptedException {
        ServerProcess.requireFile(eclipselinkJar, "EclipseLink");
        home = Distribution.singleRoot(Distribution.unpack(zip, work.resolve("dist")));
        run("install-modules", List.of("bash", CONFIG.resolve("install-modules.sh").toString(), home.toString(),
                postgresqlJar.toString(), eclipselinkJar.toString()));
        run("configure", List.of("bash", home.resolve("bin/jboss-cli.sh").toString(),
                "--file=" + CONFIG.resolve("configure.cli")));
        // The console log in JSON (LOG_FORMAT=json, README.md), which the portability run checks.
        run("json-logs", List.of("bash", CONFIG.resolve("json-logs.sh").toString(), home.toString()));
        // ROOT.war: WildFly derives the context root from the deployment's name; the bytes are the WAR's.
        Files.copy(war, home.resolve("standalone/deployments/ROOT.war"));
    }

    @Override
    public ServerProcess start(Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/standalone.sh").toString(),
                "-Djboss.bind.address=127.0.0.1",
                "-Djboss.bind.address.management=127.0.0.1",
                "-Djboss.http.port=" + httpPort,
                "-Djboss.https.port=" + httpsPort,
                "-Djboss.management.http.port=" + managementPort,
                "-Djboss.management.https.port=" + managementHttpsPort);
        builder.environment().putAll(environment);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        return ServerProcess.start(name(), builder, work.resolve("console.log"));
    }

    @Override
    public Optional<JsonLogFormat> jsonLog() {
        return Optional.of(JsonLogFormat.WILDFLY);
    }

    /**
     * Without the banner standalone.sh echoes before it starts the JVM (a block between two lines of '=', then a
     * blank line): a shell script's text, written before any logging exists, so no formatter can make it JSON.
     */
    @Override
    public List<String> loggedLines(List<String> console) {
        if (console.isEmpty() || !BANNER_RULE.matcher(console.get(0)).matches()) {
            return console;
        }
        int end = 1;
        while (end < console.size() && !BANNER_RULE.matcher(console.get(end)).matches()) {
            end++;
        }
        end++; // the closing rule
        if (end < console.size() && console.get(end).isEmpty()) {
            end++;
        }
        return console.subList(Math.min(end, console.size()), console.size());
    }

    @Override
    public URI application() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    /** WildFly has had no MicroProfile Metrics since 28; the WAR runs without its metrics. */
    @Override
    public Optional<URI> metrics() {
        return Optional.empty();
    }

    /** On the management interface, not the application's port. */
    @Override
    public URI readiness() {
        return URI.create("http://127.0.0.1:" + managementPort + "/health/ready");
    }

    @Override
    public Optional<String> deploymentFailure() throws IOException {
        Path failed = home.resolve("standalone/deployments/ROOT.war.failed");
        return Files.exists(failed) ? Optional.of(Files.readString(failed)) : Optional.empty();
    }

    private void run(String step, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(step + ".log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = builder.start();
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("WildFly " + step + " did not finish within 3 minutes");
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("WildFly " + step + " failed:\n" + Files.readString(work.resolve(step + ".log")));
        }
    }
}
