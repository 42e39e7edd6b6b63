package io.propertylistings.support;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's nginx as an RFC 9111 cache in front of the service ({@code proxy_cache}, honouring the service's
 * Cache-Control), on a free loopback port, in a directory of its own; stopped on {@link #close()}. Tests that
 * need it are skipped where nginx is not installed ({@code .ci/run} installs it as root).
 */
public final class Nginx implements AutoCloseable {

    private final Process process;
    private final int port;

    private Nginx(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Nginx inFrontOf(URI upstream, Path directory) throws IOException, InterruptedException {
        // Debian installs it in /usr/sbin, which not every PATH has.
        ExternalTool nginx = Files.isExecutable(Path.of("/usr/sbin/nginx")) ? new ExternalTool(Path.of("/usr/sbin/nginx"))
                : ExternalTool.require("nginx", "nginx");
        Path work = Files.createDirectories(directory.toAbsolutePath());
        Files.createDirectories(work.resolve("cache"));
        int port = FreePort.onLoopback();
        String config = """
                daemon off;
                worker_processes 1;
                user root;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
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
                }
                """.formatted(work, port, upstream.getHost(), upstream.getPort());
        Path conf = Files.writeString(work.resolve("nginx.conf"), config);
        Process process = new ProcessBuilder(nginx.executable().toString(), "-c", conf.toString(), "-p", work.toString())
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

    /** The same path through nginx: {@code /} plus what follows the upstream's authority. */
    public URI front(URI upstream) {
        return URI.create("http://127.0.0.1:" + port + upstream.getRawPath());
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
