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
 * <p>What a server keeps (its near cache, counters, throttled logins, doubts about Redis) outlives each class.
 * So classes share a server only in a steady state, checked before a class and after it: readiness UP with
 * Redis and PostgreSQL, a read answered from the cache (so the node neither doubts Redis, which it does until an
 * eviction of its own lands, nor is deaf to the database), and, with warming on, every warm-up done. A class
 * that stopped Redis or PostgreSQL leaves once the server is back to it; one that leaves the server otherwise
 * fails, and the server is replaced. Tests count what they cause as differences, never from zero.
 */
public final class SharedServers implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private static final Duration STEADY_WITHIN = Duration.ofSeconds(60);
    private static final String PROBE = "properties/?location=steady-state-probe";

    private record Running(TestServer configuration, PayaraMicroProcess process, URI base) {
    }

    private static Running running;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        Class<?> type = context.getRequiredTestClass();
        TestServer configuration = configuration(type).orElseThrow();
        Running server = serverFor(configuration, type);
        String unsteady = awaitSteady(server);
        if (unsteady != null) {
            stop();
            throw new AssertionError("the " + configuration + " server is not in its steady state before "
                    + type.getSimpleName() + ": " + unsteady);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Running server = current();
        if (server == null) {
            return;
        }
        String unsteady = awaitSteady(server);
        if (unsteady != null) {
            stop();
            throw new AssertionError(context.getRequiredTestClass().getSimpleName() + " left the " + server.configuration()
                    + " server out of its steady state (stopped; the next class gets a new one): " + unsteady);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Http.class || type == URI.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running server = current();
        if (server == null) {
            throw new IllegalStateException("no shared server is running");
        }
        return parameter.getParameter().getType() == URI.class ? server.base() : new Http(server.base());
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

    private static synchronized Running serverFor(TestServer configuration, Class<?> firstUser) throws Exception {
        if (running != null && running.configuration() == configuration) {
            return running;
        }
        stop();
        long started = System.nanoTime();
        Path work = Path.of(System.getProperty("it.workDirectory"), "shared-" + configuration.name().toLowerCase());
        PayaraMicroProcess process = configuration.start(work, PayaraMicroEnvironment.services().environment(), "/");
        running = new Running(configuration, process, process.application());
        System.out.printf("Shared server %s started for %s in %d ms at %s%n", configuration, firstUser.getSimpleName(),
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

    /** Null once the server is steady; what is not, if it is not within {@link #STEADY_WITHIN}. */
    private static String awaitSteady(Running server) {
        Http http = new Http(server.base());
        long deadline = System.nanoTime() + STEADY_WITHIN.toNanos();
        String unsteady = unsteady(http, server.configuration());
        while (unsteady != null && System.nanoTime() < deadline) {
            pause();
            unsteady = unsteady(http, server.configuration());
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
        if (!"UP".equals(readiness.getString("status", ""))
                || !check(readiness, "database").map(database -> "UP".equals(database.getString("status", ""))).orElse(false)
                || !redis.map(check -> "UP".equals(data(check, "redis")) && "false".equals(data(check, "degraded"))).orElse(false)) {
            return "readiness " + readiness;
        }
        HttpResponse<byte[]> read = http.get(PROBE);
        if (read.statusCode() != 200 || !"HIT".equals(Http.cacheOutcome(read))) {
            return "a repeated read answered " + read.statusCode() + " " + Http.cacheOutcome(read) + ", not a HIT";
        }
        if (configuration.warming()) {
            MetricsScrape scrape = MetricsScrape.of(http);
            if (!WarmUps.allDone(scrape)) {
                return "warm-ups still due: warm-ups " + scrape.cache("warmups", "response") + ", skipped "
                        + scrape.cache("warmups_skipped", "response") + ", evictions " + scrape.cache("evictions", "response");
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

    // Between two polls of the state, bounded by STEADY_WITHIN; not a wait for anything by itself.
    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Runs the classes of each shared configuration one after the other (in the order of {@link TestServer}),
     * then the classes that start servers of their own; within each, in the order they were found.
     */
    public static final class ByConfiguration implements ClassOrderer {

        @Override
        public void orderClasses(ClassOrdererContext context) {
            context.getClassDescriptors().sort(Comparator.comparingInt(descriptor -> configuration(descriptor.getTestClass())
                    .map(Enum::ordinal).orElse(Integer.MAX_VALUE)));
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
