package io.propertylistings.support;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Debian's nginx in a directory of its own, stopped on {@link #close()}: an RFC 9111 cache in front of the
 * service for the tests ({@link #inFrontOf}), or the round-robin balancer in front of the nodes of
 * {@code ./mvnw -Prun} ({@link #balancing}). Tests that need it are skipped where nginx is not installed
 * ({@code .ci/run} installs it as root).
 */
public final class Nginx implements AutoCloseable {

    /** The balancer of docker-compose.yml's scale profile, which {@link #balancing} runs outside Docker too. */
    public static final Path SCALE_CONFIG = Path.of("server-config", "scale", "nginx.conf");

    // Debian installs it in /usr/sbin, which not every PATH has.
    private static final Path DEBIAN = Path.of("/usr/sbin/nginx");
    private static final Pattern SCALE_UPSTREAM = Pattern.compile("(?m)^(\\s*)server app:8080( [^;\\n]*)?;");
    private static final Pattern SCALE_LISTEN = Pattern.compile("(?m)^(\\s*)listen 8080;");
    private static final Pattern HTTP_BLOCK = Pattern.compile("(?m)^http \\{\\n");

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** nginx where Debian puts it, or on the PATH. */
    public static Optional<Path> installed() {
        return Files.isExecutable(DEBIAN) ? Optional.of(DEBIAN) : ExternalTool.find("nginx");
    }

    /** A caching proxy of {@code upstream} on a free loopback port; the test is skipped without nginx. */
    public static Nginx inFrontOf(URI upstream, Path directory) throws IOException, InterruptedException {
        Path nginx = installed().orElseGet(() -> ExternalTool.require("nginx", "nginx").executable());
        Path work = Files.createDirectories(directory.toAbsolutePath());
        Files.createDirectories(work.resolve("cache"));
        int port = FreePort.onLoopback();
        String http = """
                    proxy_cache_path %1$s/cache keys_zone=front:1m;
                    server {
                        listen 127.0.0.1:%2$d;
                        location / {
                            proxy_pass http://%3$s:%4$d;
                            proxy_http_version 1.1;
                            proxy_cache front;
                            proxy_cache_revalidate on;
                            add_header X-Front-Cache $upstream_cache_status always;
                        }
                    }
                """.formatted(work, port, upstream.getHost(), upstream.getPort());
        return start(nginx, work, prefix(work) + "events { worker_connections 64; }\nhttp {\n" + httpPrefix(work)
                + http + "}\n", port);
    }

    /**
     * The scale profile's balancer ({@link #SCALE_CONFIG}) over {@code nodes} instead of Docker's replicas,
     * listening on {@code port} on every interface, as a single node does.
     */
    public static Nginx balancing(Path nginx, List<URI> nodes, int port, Path directory)
            throws IOException, InterruptedException {
        Path work = Files.createDirectories(directory.toAbsolutePath());
        String scale = Files.readString(SCALE_CONFIG);
        // One line per node, with the options the scale profile gives its replicas.
        String config = replaceOnce(SCALE_UPSTREAM, scale, line -> nodes.stream()
                .map(node -> line.group(1) + "server " + node.getHost() + ":" + node.getPort()
                        + Optional.ofNullable(line.group(2)).orElse("") + ";")
                .collect(Collectors.joining("\n")));
        config = replaceOnce(SCALE_LISTEN, config, line -> line.group(1) + "listen " + port + ";");
        config = prefix(work) + replaceOnce(HTTP_BLOCK, config, line -> "http {\n" + httpPrefix(work));
        return start(nginx, work, config, port);
    }

    /** The same path through nginx: {@code /} plus what follows the upstream's authority. */
    public URI front(URI upstream) {
        return URI.create("http://127.0.0.1:" + port + upstream.getRawPath());
    }

    /** Top-level directives but events: in the foreground, everything it writes in {@code work}. */
    private static String prefix(Path work) {
        return """
                daemon off;
                worker_processes 1;
                user root;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                """.formatted(work);
    }

    private static String httpPrefix(Path work) {
        return """
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                """.formatted(work);
    }

    private static String replaceOnce(Pattern pattern, String text, Function<MatchResult, String> replacement) {
        Matcher matcher = pattern.matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("no " + pattern + " in " + SCALE_CONFIG);
        }
        return matcher.replaceFirst(match -> Matcher.quoteReplacement(replacement.apply(match)));
    }

    private static Nginx start(Path nginx, Path work, String config, int port) throws IOException, InterruptedException {
        Path conf = Files.writeString(work.resolve("nginx.conf"), config);
        Process process = new ProcessBuilder(nginx.toString(), "-c", conf.toString(), "-p", work.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("console.log").toFile()).start();
        Nginx started = new Nginx(process, port);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!started.listening()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                started.close();
                throw new IOException("nginx did not start: " + Files.readString(work.resolve("console.log"))
                        + (Files.exists(work.resolve("error.log")) ? Files.readString(work.resolve("error.log")) : ""));
            }
            TimeUnit.MILLISECONDS.sleep(50); // between polls of the port
        }
        return started;
    }

    private boolean listening() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
