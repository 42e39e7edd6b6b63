package io.propertylistings.portability;

import io.propertylistings.support.FreePort;
import io.propertylistings.support.PayaraJvmOptions;
import io.propertylistings.support.PayaraLogFormat;
import io.propertylistings.support.PayaraPostBoot;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Payara Micro, started as server-config/payara/README.md says: the WAR, the JDBC driver and the post-boot
 * commands that define the datasource from the environment. Also the second node of the two-node tests.
 */
public final class PayaraMicro implements AppServer {

    private final String name;
    private final Path jar;
    private final Path javaHome;
    private final Path postgresqlJar;
    private final Path work;
    private final int httpPort = FreePort.onLoopback();
    private final String contextRoot;
    private final List<String> jvmOptions;
    private final List<Path> moreLibraries = new ArrayList<>();
    private final List<String> moreDeployments = new ArrayList<>();
    private PayaraLogFormat logFormat = PayaraLogFormat.TEXT;
    private Path war;

    public PayaraMicro(String name, Path jar, Path javaHome, Path postgresqlJar, Path work) {
        this(name, jar, javaHome, postgresqlJar, work, "/", List.of());
    }

    /**
     * {@code contextRoot}: where the WAR answers, "/" or "/name/"; {@code jvmOptions}: system properties for
     * MicroProfile Config, say, given before {@code -jar}.
     */
    public PayaraMicro(String name, Path jar, Path javaHome, Path postgresqlJar, Path work, String contextRoot,
            List<String> jvmOptions) {
        this.name = name;
        this.jar = jar;
        this.javaHome = javaHome;
        this.postgresqlJar = postgresqlJar;
        this.work = work;
        // Payara Micro maps nothing under a context root given with a trailing slash.
        this.contextRoot = contextRoot.length() > 1 && contextRoot.endsWith("/")
                ? contextRoot.substring(0, contextRoot.length() - 1) : contextRoot;
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** One more jar on the server's class path, beside the JDBC driver. */
    public PayaraMicro alsoOnClassPath(Path jar) {
        moreLibraries.add(jar.toAbsolutePath());
        return this;
    }

    /** One more WAR beside the application, at {@code contextRoot} ("/name"). */
    public PayaraMicro alsoDeploying(Path war, String contextRoot) {
        moreDeployments.addAll(List.of("--deploy", war.toAbsolutePath() + ":" + contextRoot));
        return this;
    }

    /** The console log's format: text by default. */
    public PayaraMicro loggingAs(PayaraLogFormat format) {
        this.logFormat = format;
        return this;
    }

    @Override
    public Optional<JsonLogFormat> jsonLog() {
        return logFormat == PayaraLogFormat.JSON ? Optional.of(JsonLogFormat.PAYARA) : Optional.empty();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void provision(Path war) throws IOException {
        ServerProcess.requireFile(jar, name);
        ServerProcess.requireFile(javaHome.resolve("bin/java"), "Java for " + name);
        Distribution.deleteRecursively(work);
        Files.createDirectories(work.resolve("tmp"));
        this.war = war;
    }

    @Override
    public ServerProcess start(Map<String, String> environment) throws IOException {
        List<String> command = new ArrayList<>(List.of(javaHome.resolve("bin/java").toString()));
        command.addAll(PayaraJvmOptions.read());
        command.add("-Djava.io.tmpdir=" + work.resolve("tmp").toAbsolutePath());
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar.toString(),
                "--deploy", war.toString(),
                "--contextroot", contextRoot,
                "--port", Integer.toString(httpPort),
                "--nohazelcast",
                "--rootdir", work.resolve("root").toAbsolutePath().toString(),
                "--addlibs", Stream.concat(Stream.of(postgresqlJar), moreLibraries.stream()).map(Path::toString)
                        .collect(Collectors.joining(":")),
                "--prebootcommandfile", PayaraPostBoot.PRE_BOOT.toString(),
                "--postbootcommandfile", PayaraPostBoot.TEMPLATE.toString()));
        command.addAll(moreDeployments);
        command.addAll(logFormat.microOptions(false)); // the console is a file
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(environment);
        return ServerProcess.start(name, builder, work.resolve("console.log"));
    }

    @Override
    public URI application() {
        return URI.create("http://127.0.0.1:" + httpPort + (contextRoot.endsWith("/") ? contextRoot : contextRoot + "/"));
    }

    @Override
    public Optional<URI> metrics() {
        return Optional.of(server().resolve("metrics?scope=application"));
    }

    @Override
    public URI readiness() {
        return server().resolve("health/ready");
    }

    /** MicroProfile Health and Metrics answer at the server's root, whatever the WAR's context root. */
    private URI server() {
        return URI.create("http://127.0.0.1:" + httpPort + "/");
    }

    @Override
    public Optional<String> deploymentFailure() throws IOException {
        Path log = work.resolve("console.log");
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        try (Stream<String> lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.contains("Exception while loading the app")
                    || line.contains("Exception while deploying the app")).findFirst();
        }
    }
}
