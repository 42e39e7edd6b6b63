package io.propertylistings.support;

import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * The servers of {@link SharedServer}: one Payara Micro per configuration, started for the first class that
 * needs it and kept for the classes after it that need the same ({@link ByConfiguration} runs them one after
 * the other). At most one runs at a time: all of them would use the one PostgreSQL and Redis of the run, so a
 * server left running would hear every other's writes and evict what they cache. {@link Release} stops it as
 * soon as a class of another configuration, or none, begins.
 *
 * <p>What a server keeps (its near cache, counters, throttled logins, doubts about Redis) outlives each test.
 * So tests share a server only in a steady state, checked before a class and after each test: readiness UP with
 * Redis and PostgreSQL, a read answered from the cache (so the node neither doubts Redis, which it does until an
 * eviction of its own lands, nor is deaf to the database) that began later than the bound after the last change
 * committed outside the service (so that change is heard and evicted), and, with warming on, every warm-up done
 * after that. A test that stopped Redis or PostgreSQL hands the server on once it is back to that; one that
 * leaves it otherwise fails, and the server is replaced for the next. Tests count what they cause as differences,
 * never from zero.
 */
public final class SharedServers
        implements BeforeAllCallback, AfterEachCallback, AfterAllCallback, ParameterResolver {

    private static final Duration STEADY_WITHIN = Duration.ofSeconds(60);
    /** database.changes.max-lag-ms, as configured by default: a read that begins later sees an outside commit. */
    private static final Duration CHANGE_BOUND = Duration.ofMillis(250);
    private static final String PROBE = "properties/?location=steady-state-probe";

    private record Running(TestServer configuration, PayaraMicroProcess process, URI base) {
    }

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> type = context.getRequiredTestClass();
        serverFor(configuration(type).orElseThrow(), type);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        handOn(context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        handOn(context.getRequiredTestClass().getSimpleName());
    }

    /** Waits for the steady state after {@code user}; fails, and stops the server, if it does not come. */
    private static void handOn(String user) {
        Running server = current();
        if (server == null) {
            return;
        }
        String unsteady = awaitSteady(server);
        if (unsteady != null) {
            stop();
            throw new AssertionError(user + " left the " + server.configuration()
                    + " server out of its steady state (stopped; the next test gets a new one): " + unsteady);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Http.class || type == URI.class || type == ServerConsole.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = context.getRequiredTestClass();
        Running server;
        try {
            server = serverFor(configuration(type).orElseThrow(), type); // a new one if a test's left it unsteady
        } catch (Exception e) {
            throw new IllegalStateException("the " + configuration(type).orElseThrow() + " server did not start", e);
        }
        Class<?> wanted = parameter.getParameter().getType();
        if (wanted == ServerConsole.class) {
            return new ServerConsole(server.process());
        }
        return wanted == URI.class ? server.base() : new Http(server.base());
    }

    /** Stops the running server, if there is one. */
    public static synchronized void stop() {
        if (running != null) {
            Running stopping = running;
            running = null;
            long started = System.nanoTime();
            stopping.process().close();
            System.out.printf("Shared server %s stopped in %d ms%n", stopping.configuration(),
                    (System.nanoTime() - started) / 1_000_000);
        }
    }

    private static synchronized Running current() {
        return running;
    }

    /** The running server if it is of {@code configuration}, or a new one, started for {@code user} and steady. */
    private static synchronized Running serverFor(TestServer configuration, Class<?> user) throws Exception {
        if (running != null && running.configuration() == configuration) {
            return running;
        }
        stop();
        long started = System.nanoTime();
        Path work = Path.of(System.getProperty("it.workDirectory"), "shared-" + configuration.name().toLowerCase());
        PayaraMicroProcess process = configuration.start(work, PayaraMicroEnvironment.services().environment(), "/");
        running = new Running(configuration, process, process.application());
        String unsteady = awaitSteady(running);
        if (unsteady != null) {
            stop();
            throw new AssertionError("the " + configuration + " server started for " + user.getSimpleName()
                    + " is not in its steady state: " + unsteady);
        }
        System.out.printf("Shared server %s started for %s in %d ms at %s%n", configuration, user.getSimpleName(),
                (System.nanoTime() - started) / 1_000_000, running.base());
        return running;
    }

    static Optional<TestServer> configuration(Class<?> type) {
        for (Class<?> declaring = type; declaring != null; declaring = declaring.getEnclosingClass()) {
            Optional<SharedServer> shared = AnnotationSupport.findAnnotation(declaring, SharedServer.class);
            if (shared.isPresent()) {
                return Optional.of(shared.get().value());
            }
        }
        return Optional.empty();
    }

    /**
     * Waits until {@code node}, a server of {@code configuration} that a class runs beside its shared one (another
     * node), is in the steady state the shared server is handed on in; fails if it is not within a minute.
     */
    public static void awaitSteady(Http node, TestServer configuration) {
        String unsteady = steadyWithin(node, configuration);
        if (unsteady != null) {
            throw new AssertionError(node.base() + " is not in its steady state: " + unsteady);
        }
    }

    /** Null once the server is steady; what is not, if it is not within {@link #STEADY_WITHIN}. */
    private static String awaitSteady(Running server) {
        return steadyWithin(new Http(server.base()), server.configuration());
    }

    private static String steadyWithin(Http http, TestServer configuration) {
        long deadline = System.nanoTime() + STEADY_WITHIN.toNanos();
        String unsteady = unsteady(http, configuration);
        while (unsteady != null && System.nanoTime() < deadline) {
            Waiting.betweenPolls(50);
            unsteady = unsteady(http, configuration);
        }
        return unsteady;
    }

    private static String unsteady(Http http, TestServer configuration) {
        HttpResponse<byte[]> ready = http.get("/health/ready");
        if (ready.statusCode() != 200) {
            return "readiness answered " + ready.statusCode() + " " + Http.text(ready);
        }
        JsonObject readiness = Http.json(ready);
        Optional<JsonObject> redis = check(readiness, "redis");
        boolean databaseUp = check(readiness, "database")
                .map(database -> "UP".equals(database.getString("status", ""))).orElse(false);
        boolean redisUp = redis.map(check -> "UP".equals(data(check, "redis"))
                && "false".equals(data(check, "degraded"))).orElse(false);
        if (!"UP".equals(readiness.getString("status", "")) || !databaseUp || !redisUp) {
            return "readiness " + readiness;
        }
        long began = System.nanoTime();
        HttpResponse<byte[]> read = http.get(PROBE);
        if (read.statusCode() != 200 || !"HIT".equals(Http.cacheOutcome(read))) {
            return "a repeated read answered " + read.statusCode() + " " + Http.cacheOutcome(read) + ", not a HIT";
        }
        if (began - OutsideWrites.lastCommit() < CHANGE_BOUND.toNanos()) {
            return "a change committed outside the service may not be heard yet"; // nor its eviction made
        }
        if (configuration.warming()) {
            MetricsScrape scrape = MetricsScrape.of(http);
            if (!WarmUps.allDone(scrape)) {
                return "warm-ups still due: warm-ups " + scrape.cache("warmups", "response") + ", skipped "
                        + scrape.cache("warmups_skipped", "response") + ", evictions "
                        + scrape.cache("evictions", "response");
            }
        }
        return null;
    }

    private static Optional<JsonObject> check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> name.equals(check.getString("name", ""))).findFirst();
    }

    /** A check's data value as text: servers differ in whether they keep booleans typed. */
    private static String data(JsonObject check, String key) {
        JsonValue value = check.containsKey("data") ? check.getJsonObject("data").get(key) : null;
        return value == null ? "" : value instanceof JsonString text ? text.getString() : value.toString();
    }


    /**
     * Runs the classes of each shared configuration one after the other (in the order of {@link TestServer}),
     * then the classes that start servers of their own; within each, in the order they were found.
     */
    public static final class ByConfiguration implements ClassOrderer {

        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator.comparingInt(descriptor ->
                    configuration(descriptor.getTestClass()).map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
        }
    }

    /**
     * Stops the running server when a class begins that is not of its configuration, before that class
     * starts anything of its own, and when the run ends (before PostgreSQL and Redis stop).
     */
    public static final class Release implements TestExecutionListener {

        @Override
        public void executionStarted(TestIdentifier identifier) {
            Optional<TestSource> source = identifier.getSource();
            if (source.isPresent() && source.get() instanceof ClassSource type) {
                Running server = current();
                if (server != null && configuration(type.getJavaClass()).orElse(null) != server.configuration()) {
                    stop();
                }
            }
        }

        @Override
        public void testPlanExecutionFinished(TestPlan plan) {
            stop();
        }
    }
}
