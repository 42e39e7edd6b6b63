package io.propertylistings.bench;

import io.propertylistings.support.FreePort;
import io.propertylistings.support.Waiting;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The physical ceiling: Debian's nginx sending the same bytes as static files (the gzip one as a precompressed
 * {@code .gz}, {@code gzip_static}), with the headers a cache hit carries, on its own loopback port. Started only
 * where nginx is installed ({@code bench/run.sh} installs it as root).
 */
final class NginxCeiling implements Closeable {

    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final Process process;
    private final Path html;
    private final URI base;

    private NginxCeiling(Process process, Path html, URI base) {
        this.process = process;
        this.html = html;
        this.base = base;
    }

    static Optional<NginxCeiling> start(Path work) throws IOException, InterruptedException {
        if (!Files.isExecutable(NGINX)) {
            return Optional.empty();
        }
        Path root = work.resolve("nginx");
        Path html = root.resolve("html");
        Files.createDirectories(html);
        int port = FreePort.onLoopback();
        boolean asRoot = "root".equals(System.getProperty("user.name"));
        Files.writeString(root.resolve("nginx.conf"), """
                daemon off;
                worker_processes auto;
                %s
                pid %s/nginx.pid;
                error_log %s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log off;
                    sendfile on;
                    tcp_nopush on;
                    tcp_nodelay on;
                    keepalive_requests 10000000;
                    types { application/json json; }
                    default_type application/json;
                    etag off;
                    client_body_temp_path %s/tmp;
                    proxy_temp_path %s/tmp;
                    fastcgi_temp_path %s/tmp;
                    uwsgi_temp_path %s/tmp;
                    scgi_temp_path %s/tmp;
                    server {
                        listen 127.0.0.1:%d;
                        root %s;
                        gzip_static on;
                        add_header Cache-Control "public, max-age=900";
                        add_header X-Cache HIT;
                        add_header Vary "Accept, Accept-Encoding";
                        add_header ETag '"ceiling-0123456789abcdef0123456789abcdef0123456789ab"';
                    }
                }
                """.formatted(asRoot ? "user root;" : "", root, root, root, root, root, root, root, port, html));
        Files.createDirectories(root.resolve("tmp"));
        Process process = new ProcessBuilder(NGINX.toString(), "-p", root.toString(), "-e", root.resolve("error.log").toString(),
                "-c", root.resolve("nginx.conf").toString())
                .redirectErrorStream(true).redirectOutput(root.resolve("nginx.out").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return Optional.of(new NginxCeiling(process, html, URI.create("http://127.0.0.1:" + port + "/")));
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    throw new IOException("nginx did not start: " + Files.readString(root.resolve("nginx.out"))
                            + (Files.exists(root.resolve("error.log")) ? Files.readString(root.resolve("error.log")) : ""));
                }
                Waiting.betweenPolls(50); // polling for the port to open, within the deadline
            }
        }
        process.destroyForcibly();
        throw new IOException("nginx did not open its port within 10 s");
    }

    /** Serves {@code identity} at {@code name}, and {@code gzip} (if not empty) to clients that accept gzip. */
    void put(String name, byte[] identity, byte[] gzip) throws IOException {
        Files.write(html.resolve(name), identity);
        Path gz = html.resolve(name + ".gz");
        if (gzip.length > 0) {
            Files.write(gz, gzip);
        } else {
            Files.deleteIfExists(gz);
        }
    }

    URI url(String name) {
        return base.resolve(name);
    }

    /** CPU time of the master and its workers, in ms. */
    double cpuMillis() throws IOException {
        long pid = process.pid();
        double millis = 0;
        try (Stream<ProcessHandle> workers = process.descendants()) {
            for (long id : Stream.concat(Stream.of(pid), workers.map(ProcessHandle::pid)).mapToLong(Long::longValue).toArray()) {
                millis += Processes.cpuMillis(id);
            }
        }
        return millis;
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: nginx's fast shutdown
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
