package io.propertylistings.support;

import io.propertylistings.support.hooks.QuickReconnects;
import io.propertylistings.support.hooks.TestHooks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;

/**
 * The configurations of the integration tests' servers: the built WAR, unchanged, on Payara Micro, with
 * MicroProfile Config settings given as system properties (above the WAR's defaults). Every class of one
 * configuration runs on one server ({@link SharedServer}), so a configuration holds what all its classes need,
 * and nothing that changes what another of them tests. Warming on or off is the difference that cannot be
 * merged; the operations role is the other (it closes endpoints that other classes read anonymously).
 *
 * <p>Common to all: failed logins are counted over 5 s windows, loosely (PropertyWritesIT tests the throttle
 * with these figures), so that what one class fails never throttles the next (the default window is 300 s);
 * and EclipseLink retries a query that cannot reach the database after {@link QuickReconnects#DELAY_MS} instead
 * of 5 s, which every such request waited out twice while PostgreSQL was down.
 */
public enum TestServer {

    /**
     * Cache warming off, so that what a read after a write finds is decided by the reads alone; the admin's
     * password hashed at production strength (the hash wins over the plain-text one every test server is given),
     * so that what logins cost can be counted; and the test hooks beside the WAR, which count its log records
     * ({@link TestHooks}).
     */
    WARMING_OFF(false, true, PayaraLogFormat.TEXT, "caching.warm.enabled=false"),

    /**
     * Cache warming on, as built, and the dashboard reading every 400 ms instead of 5 s (only here: the
     * dashboard's history reads Redis' INFO itself, which PropertiesResourceIT counts). The dashboard's test
     * counts the Redis outages its page draws from the last 180 readings: no other class here stops Redis.
     */
    WARMING_ON(true, false, PayaraLogFormat.TEXT, "dashboard.reading-interval-ms=" + TestServer.DASHBOARD_READING_INTERVAL_MS),

    /**
     * Cache warming on, as built, and the operations endpoints (/cache/*, /dashboard/) restricted to the role
     * property-admin, where the other servers leave them public; and its console log in JSON, as
     * {@code LOG_FORMAT=json} gives it (PropertyWritesIT reads it), where the others log text.
     */
    OPERATIONS_ROLE(true, false, PayaraLogFormat.JSON, "security.operations.role=property-admin");

    public static final long DASHBOARD_READING_INTERVAL_MS = 400;
    public static final int MAX_FAILED_LOGINS_PER_NAME = 60;
    public static final int MAX_FAILED_LOGINS_PER_ADDRESS = 30;
    public static final int FAILED_LOGIN_WINDOW_SECONDS = 5;

    private static final List<String> COMMON = List.of(
            "security.login.max-failures-per-name=" + MAX_FAILED_LOGINS_PER_NAME,
            "security.login.max-failures-per-address=" + MAX_FAILED_LOGINS_PER_ADDRESS,
            "security.login.window-seconds=" + FAILED_LOGIN_WINDOW_SECONDS);

    private final boolean warming;
    private final boolean testHooks;
    private final PayaraLogFormat logFormat;
    private final List<String> settings;

    TestServer(boolean warming, boolean testHooks, PayaraLogFormat logFormat, String... settings) {
        this.warming = warming;
        this.testHooks = testHooks;
        this.logFormat = logFormat;
        this.settings = List.of(settings);
    }

    public boolean warming() {
        return warming;
    }

    public boolean testHooks() {
        return testHooks;
    }

    /** The settings, {@code key=value}. */
    public List<String> settings() {
        List<String> all = new ArrayList<>(COMMON);
        all.addAll(settings);
        if (testHooks) {
            all.add("properties.admin.password-hash=" + TestAccounts.adminProductionHash());
        }
        return all;
    }

    /**
     * The built WAR in this configuration on a Payara Micro of its own in {@code work}, at {@code contextRoot},
     * reaching PostgreSQL and Redis through {@code environment}: a shared server, or another node beside one.
     */
    public PayaraMicroProcess start(Path work, Map<String, String> environment, String contextRoot)
            throws IOException, InterruptedException {
        Map<String, Path> beside = testHooks ? Map.of(TestHooks.CONTEXT_ROOT, ServerFiles.hooks()) : Map.of();
        List<String> systemProperties = new ArrayList<>();
        settings().forEach(setting -> systemProperties.add("-D" + setting));
        systemProperties.add("-Declipselink.session.customizer=" + QuickReconnects.class.getName());
        return PayaraMicroProcess.start(work, environment, contextRoot, systemProperties,
                List.of(ServerFiles.library()), beside, logFormat);
    }

    /** What the servers read at start beside the WAR, written once per run: a server may read them while it runs. */
    private static final class ServerFiles {

        private static Path library;
        private static Path hooks;

        /** The classes the servers load from their class path. */
        static synchronized Path library() throws IOException {
            if (library == null) {
                library = directory().resolve("test-server-lib.jar");
                ShrinkWrap.create(JavaArchive.class, library.getFileName().toString()).addClass(QuickReconnects.class)
                        .as(ZipExporter.class).exportTo(library.toFile(), true);
            }
            return library;
        }

        static synchronized Path hooks() throws IOException {
            if (hooks == null) {
                hooks = TestHooks.export(directory().resolve("test-hooks.war"));
            }
            return hooks;
        }

        private static Path directory() throws IOException {
            Path directory = Path.of(System.getProperty("it.workDirectory"), "test-servers");
            return java.nio.file.Files.createDirectories(directory);
        }
    }
}
