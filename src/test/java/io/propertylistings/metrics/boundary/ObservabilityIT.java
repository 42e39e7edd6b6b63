package io.propertylistings.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.ExternalTool;
import io.propertylistings.support.Problems;
import io.propertylistings.support.CacheKeys;
import io.propertylistings.support.Http;
import io.propertylistings.support.LocalRedis;
import io.propertylistings.support.MetricsScrape;
import io.propertylistings.support.PayaraMicroEnvironment;
import io.propertylistings.support.ServerConsole;
import io.propertylistings.support.SharedServer;
import io.propertylistings.support.TestAccounts;
import io.propertylistings.support.TestRedis;
import io.propertylistings.support.TestServer;
import io.propertylistings.support.hooks.TestHooks;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * What an operator sees: metrics, the JSON cache endpoints, health, the audit log and the API description, on
 * the WAR as built, with real PostgreSQL and Redis (Redis is stopped and started again by one test). The server
 * has the test hooks that count log records beside the WAR, and gives the admin a production-strength hash, so
 * that the cost of logins can be counted ({@link TestServer#WARMING_OFF}).
 * The dashboard has {@link DashboardIT}.
 */
@SharedServer(TestServer.WARMING_OFF)
class ObservabilityIT {

    private static final int PRODUCTION_ITERATIONS = TestAccounts.PRODUCTION_ITERATIONS;
    private static final String PBKDF2_DERIVATION = "PBKDF2 derivation";
    private static final String DATABASE_PROBE = "Readiness probe of the database";

    private static final List<String> LEVELS = List.of("response", "list", "detail");
    private static final Path MONITORING = Path.of("server-config", "monitoring");

    private final Http http;
    private final Http admin;

    ObservabilityIT(Http http) {
        this.http = http;
        this.admin = http.asAdmin();
    }

    // ---- metrics

    @Test
    void perLevelFiguresAreCountersAndLoadsAreTimed() {
        long id = create("Timed load");
        MetricsScrape before = MetricsScrape.of(http);

        assertEquals("MISS", http.get("properties/").headers().firstValue("X-Cache").orElseThrow());
        assertEquals("HIT", http.get("properties/").headers().firstValue("X-Cache").orElseThrow());
        assertEquals(200, http.get("properties/" + id).statusCode());

        MetricsScrape after = MetricsScrape.of(http);
        for (String figure : List.of("hits", "early_hits", "misses", "loads", "evictions", "errors")) {
            assertEquals("counter", after.type("cache_" + figure + "_total").orElse("none"), figure + " in:\n" + after.text());
        }
        assertEquals(before.cache("loads", "response") + 2, after.cache("loads", "response"), "list and detail");
        assertEquals(before.cache("loads", "list") + 1, after.cache("loads", "list"));
        assertEquals(before.cache("loads", "detail") + 1, after.cache("loads", "detail"));
        for (String level : LEVELS) {
            double previous = 0;
            for (String percentile : List.of("p50", "p95", "p99")) {
                double seconds = after.require("cache_load_time_seconds", level(level), "percentile=\"" + percentile + "\"");
                assertTrue(seconds > 0 && seconds < 30 && seconds >= previous, level + " " + percentile + " = " + seconds);
                previous = seconds;
            }
        }
        assertEquals(before.cache("hits", "response") + 1, after.cache("hits", "response"));
        assertEquals(1.0, after.require("redis_up"));
    }

    @Test
    void metricsPassPromtool() throws Exception {
        ExternalTool promtool = ExternalTool.require("promtool", "prometheus");
        http.get("properties/");
        Path scrape = Files.writeString(Files.createDirectories(Path.of("target", "monitoring")).resolve("metrics.txt"),
                MetricsScrape.of(http).text());

        ExternalTool.Result checked = promtool.run(60, scrape, "check", "metrics");

        assertEquals(0, checked.exitCode(), "promtool check metrics on " + scrape + ":\n" + checked.report());
    }

    @Test
    void everyMetricTheMonitoringUsesExists() throws IOException {
        http.get("properties/");
        MetricsScrape scrape = MetricsScrape.of(http);
        Set<String> families = new TreeSet<>();
        scrape.text().lines().filter(line -> line.startsWith("# TYPE ")).forEach(line -> families.add(line.split(" ")[2]));
        String monitoring;
        try (Stream<Path> files = Files.walk(MONITORING)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".json")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
            monitoring = all.toString();
        }
        Set<String> used = new TreeSet<>();
        var names = java.util.regex.Pattern.compile("\\b((?:cache|redis)_[a-z_]+)\\b").matcher(monitoring);
        while (names.find()) {
            used.add(names.group(1));
        }
        assertFalse(used.isEmpty(), "the monitoring files name no metric");
        for (String name : used) {
            String family = name.replaceAll("_(count|sum|max)$", "");
            assertTrue(families.contains(name) || families.contains(family),
                    name + " is used in " + MONITORING + " but not served; served: " + families);
        }
    }

    // ---- JSON endpoints

    @Test
    void cacheMetricsHaveTheSeedKeysAndPerLevelFigures() {
        http.get("properties/");
        http.get("properties/");
        Supplier<long[]> info = () -> {
            var stats = TestRedis.client().getRedisNodes(RedisNodes.SINGLE).getInstance().info(RedisNode.InfoSection.STATS);
            return new long[] {Long.parseLong(stats.get("keyspace_hits")), Long.parseLong(stats.get("keyspace_misses"))};
        };
        long[] floor = info.get();
        JsonObject body = awaitJson("cache/metrics",
                json -> json.getJsonNumber("keyspace_hits") != null && json.getJsonNumber("keyspace_hits").longValue() >= floor[0]);

        assertEquals(List.of("keyspace_hits", "keyspace_misses", "hit_ratio", "miss_ratio", "total_operations",
                "assessment", "redis", "error", "levels", "warming"), List.copyOf(body.keySet()));
        long hits = body.getJsonNumber("keyspace_hits").longValue();
        long misses = body.getJsonNumber("keyspace_misses").longValue();
        long[] ceiling = info.get();
        assertTrue(hits >= floor[0] && hits <= ceiling[0], hits + " not within INFO's " + floor[0] + ".." + ceiling[0]);
        assertTrue(misses >= floor[1] && misses <= ceiling[1]);
        assertEquals(hits + misses, body.getJsonNumber("total_operations").longValue());
        double ratio = body.getJsonNumber("hit_ratio").doubleValue();
        assertEquals(Math.round(hits * 10000.0 / (hits + misses)) / 100.0, ratio, 0.0001);
        assertEquals(100.0, ratio + body.getJsonNumber("miss_ratio").doubleValue(), 0.011);
        String expected = ratio >= 90 ? "EXCELLENT" : ratio >= 80 ? "GOOD" : ratio >= 70 ? "FAIR" : "POOR";
        assertEquals(expected, body.getString("assessment"));
        assertEquals("UP", body.getString("redis"));
        assertEquals(JsonValue.NULL, body.get("error"));

        MetricsScrape scrape = MetricsScrape.of(http);
        JsonObject warming = body.getJsonObject("warming");
        assertEquals(List.of("enabled", "warmups", "skipped", "warmup_time_ms"), List.copyOf(warming.keySet()));
        // This server runs with caching.warm.enabled=false (TestServer.WARMING_OFF).
        assertFalse(warming.getBoolean("enabled"));
        assertEquals(scrape.cache("warmups", "response"), warming.getJsonNumber("warmups").longValue());
        assertEquals(0, warming.getJsonNumber("warmups").longValue());
        assertEquals(0, warming.getJsonObject("warmup_time_ms").getJsonNumber("count").longValue());
        JsonObject levels = body.getJsonObject("levels");
        assertEquals(LEVELS, List.copyOf(levels.keySet()));
        for (String level : LEVELS) {
            JsonObject figures = levels.getJsonObject(level);
            assertEquals(List.of("hits", "early_hits", "misses", "loads", "evictions", "evictions_of_everything",
                    "row_evictions", "errors", "hit_ratio", "load_time_ms"),
                    List.copyOf(figures.keySet()));
            // Nothing ran between the two readings but the scrape itself.
            assertEquals(scrape.cache("hits", level), figures.getJsonNumber("hits").longValue(), level);
            assertEquals(scrape.cache("loads", level), figures.getJsonNumber("loads").longValue(), level);
            JsonObject loadTime = figures.getJsonObject("load_time_ms");
            assertEquals(figures.getJsonNumber("loads").longValue(), loadTime.getJsonNumber("count").longValue(), level);
            if (loadTime.getJsonNumber("count").longValue() == 0) {
                continue;
            }
            double p50 = loadTime.getJsonNumber("p50").doubleValue();
            double p99 = loadTime.getJsonNumber("p99").doubleValue();
            assertTrue(p50 > 0 && p50 <= p99 && p99 <= loadTime.getJsonNumber("max").doubleValue(), loadTime.toString());
        }
        assertTrue(levels.getJsonObject("response").getJsonNumber("hits").longValue() >= 1);
    }

    @Test
    void cacheInfoCountsEntriesWithoutKeysOrScan() {
        // A new, empty generation and epoch: no response, no detail (the census counts the epoch's) and no list.
        CacheKeys.evictEverythingAsAnotherNode(TestRedis.client());
        JsonObject empty = Http.json(http.get("cache/info"));
        assertEquals("UP", empty.getString("redis"));
        assertEquals(0, level(empty, "response").getJsonNumber("entries").longValue(), empty.toString());
        assertFalse(level(empty, "response").getBoolean("holds_entries"));
        assertEquals(JsonValue.NULL, level(empty, "response").get("ttl_seconds"));
        assertEquals(0, level(empty, "list").getJsonNumber("entries").longValue());
        // detail has no store of its own: the response level holds its answers.
        assertEquals(JsonValue.NULL, level(empty, "detail").get("entries"));
        assertTrue(level(empty, "detail").getString("where").contains("response level"), empty.toString());
        long keysBefore = calls("keys") + calls("scan");

        http.get("properties/");
        http.get("properties/?page=2");
        http.get("properties/?page=2");

        JsonObject held = Http.json(http.get("cache/info"));
        JsonObject response = level(held, "response");
        assertEquals(2, response.getJsonNumber("entries").longValue(), held.toString());
        assertTrue(response.getBoolean("holds_entries"));
        long ttl = response.getJsonNumber("ttl_seconds").longValue();
        assertTrue(ttl > 800 && ttl <= 900, "response ttl " + ttl);
        JsonObject list = level(held, "list");
        assertEquals(1, list.getJsonNumber("entries").longValue());
        assertTrue(list.getString("where").contains(":list:"), list.toString());
        long listTtl = list.getJsonNumber("ttl_seconds").longValue();
        assertTrue(listTtl > 3500 && listTtl <= 3600, "list ttl " + listTtl);
        assertEquals(keysBefore, calls("keys") + calls("scan"), "KEYS or SCAN was sent");

        create("Evicts both levels");
        JsonObject evicted = Http.json(http.get("cache/info"));
        assertEquals(0, level(evicted, "response").getJsonNumber("entries").longValue(), evicted.toString());
        assertEquals(0, level(evicted, "list").getJsonNumber("entries").longValue());
    }

    @Test
    void withoutRedisTheEndpointsSayWhyAndReadinessReportsTheDegradation() throws Exception {
        LocalRedis redis = PayaraMicroEnvironment.services().localRedis().orElseThrow();
        redis.stop();
        try {
            HttpResponse<byte[]> metrics = await(() -> http.get("cache/metrics"), answer -> answer.statusCode() == 503);
            JsonObject metricsBody = Problems.expect(503, metrics);
            assertEquals("/problems/redis-unavailable", metricsBody.getString("type"));
            assertEquals("DOWN", metricsBody.getString("redis"), metricsBody.toString());
            assertTrue(metricsBody.getString("error").contains("Redis cannot be reached"));
            assertEquals(JsonValue.NULL, metricsBody.get("keyspace_hits"));
            assertEquals(LEVELS, List.copyOf(metricsBody.getJsonObject("levels").keySet()));

            HttpResponse<byte[]> info = http.get("cache/info");
            JsonObject infoBody = Problems.expect(503, info);
            assertEquals("DOWN", infoBody.getString("redis"));
            assertTrue(infoBody.getString("error").startsWith("Redis cannot be reached"), infoBody.toString());

            HttpResponse<byte[]> ready = await(() -> http.get("/health/ready"),
                    answer -> Http.text(answer).contains("\"degraded\":\"true\"") || Http.text(answer).contains("\"degraded\":true"));
            assertEquals(200, ready.statusCode(), Http.text(ready));
            for (HttpResponse<byte[]> publicAnswer : List.of(metrics, info, ready)) {
                assertNamesNoAddress(Http.text(publicAnswer));
            }
            JsonObject readiness = Http.json(ready);
            assertEquals("UP", readiness.getString("status"));
            JsonObject redisCheck = check(readiness, "redis");
            assertEquals("UP", redisCheck.getString("status"));
            assertEquals("DOWN", data(redisCheck, "redis"));
            assertEquals("true", data(redisCheck, "degraded"));
            assertTrue(Long.parseLong(data(redisCheck, "response_ms")) < 5_000, redisCheck.toString());

            assertEquals(200, http.get("properties/").statusCode(), "reads go on from PostgreSQL");
            // The gauges keep an INFO reading for up to metrics.redis.info-max-age-ms: wait for a fresh one.
            assertEquals(0.0, await(() -> MetricsScrape.of(http), scrape -> scrape.require("redis_up") == 0.0)
                    .require("redis_up"));
        } finally {
            redis.restart();
            // Leave Redis as the other tests expect it: seen again by readiness and by the metrics' INFO reading.
            await(() -> Http.json(http.get("/health/ready")),
                    json -> "UP".equals(data(check(json, "redis"), "redis")));
            await(() -> MetricsScrape.of(http), scrape -> scrape.require("redis_up") == 1.0);
            // and by the caches, whose circuit breaker closes again on the first command that succeeds.
            await(() -> http.get("cache/info"), answer -> answer.statusCode() == 200);
        }
    }

    /** The error texts of public endpoints say what is wrong, not where Redis is nor what was thrown. */
    private static void assertNamesNoAddress(String body) {
        java.net.URI redis = java.net.URI.create(PayaraMicroEnvironment.services().redisAddress());
        for (String leak : List.of(redis.getHost(), ":" + redis.getPort(), "localhost", "redis://", "Exception",
                "org.redisson", "io.netty", "java.")) {
            assertFalse(body.contains(leak), "\"" + leak + "\" in " + body);
        }
    }

    // ---- health

    @Test
    void aFloodOfReadinessRequestsMakesAFewProbesAndNeverFlipsReadiness() throws Exception {
        TestHooks hooks = new TestHooks(http);
        assertEquals(200, http.get("/health/ready").statusCode());
        long probesBefore = hooks.logged(DATABASE_PROBE);
        java.util.concurrent.atomic.AtomicBoolean flooding = new java.util.concurrent.atomic.AtomicBoolean(true);
        List<String> polled = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread poller = new Thread(() -> {
            while (flooding.get()) {
                HttpResponse<byte[]> ready = http.get("/health/ready");
                polled.add(ready.statusCode() + " " + Http.json(ready).getString("status"));
            }
        });
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        long started = System.nanoTime();
        poller.start();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> flood = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            flood.add(client.sendAsync(java.net.http.HttpRequest.newBuilder(http.base().resolve("/health/ready"))
                    .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        for (java.util.concurrent.CompletableFuture<HttpResponse<String>> answer : flood) {
            HttpResponse<String> ready = answer.get(120, java.util.concurrent.TimeUnit.SECONDS);
            String status = ready.statusCode() + " " + jakarta.json.Json.createReader(
                    new java.io.StringReader(ready.body())).readObject().getString("status");
            outcomes.merge(status, 1, Integer::sum);
        }
        flooding.set(false);
        poller.join(60_000);
        long millis = (System.nanoTime() - started) / 1_000_000;
        long probes = hooks.logged(DATABASE_PROBE) - probesBefore;

        String figures = "500 concurrent /health/ready in " + millis + " ms: " + outcomes + ", " + polled.size()
                + " polls, " + probes + " database probe(s)";
        System.out.println("ObservabilityIT: " + figures);
        assertEquals(java.util.Map.of("200 UP", 500), outcomes, figures);
        assertFalse(polled.isEmpty(), figures);
        assertTrue(polled.stream().allMatch("200 UP"::equals), polled.toString());
        // health.cache-ms is 1000: at most one probe per started second of the flood, plus the one that was due.
        assertTrue(probes <= millis / 1000 + 2, figures);
    }

    // ---- logins and writes, counted by the test hooks

    @Test
    void twoHundredWritesOfOneUserRunPbkdf2AtMostAFewTimes() {
        TestHooks hooks = new TestHooks(http);
        long before = hooks.logged(PBKDF2_DERIVATION);
        HttpResponse<byte[]> wrong = http.as(TestAccounts.ADMIN, "not-the-password").send("POST", "properties/",
                "application/json", "{}");
        assertEquals(401, wrong.statusCode());
        long afterWrong = hooks.logged(PBKDF2_DERIVATION);
        assertEquals(before + 1, afterWrong, "a wrong password costs one PBKDF2 check (and the hooks count it)");

        long started = System.nanoTime();
        long id = create("Written 200 times");
        for (int i = 1; i <= 200; i++) {
            HttpResponse<byte[]> patched = admin.send("PATCH", "properties/" + id, "application/merge-patch+json",
                    "{\"price\":" + i + "}");
            assertEquals(200, patched.statusCode(), Http.text(patched));
        }
        long derivations = hooks.logged(PBKDF2_DERIVATION) - afterWrong;
        String figures = "201 writes by one user (" + PRODUCTION_ITERATIONS + " iterations) in "
                + (System.nanoTime() - started) / 1_000_000 + " ms: " + derivations + " PBKDF2 check(s)";
        System.out.println("ObservabilityIT: " + figures);
        // One per credential per security.credentials-cache.ttl-seconds (60): two if the writes cross an expiry.
        assertTrue(derivations <= 2, figures);
    }

    @Test
    void everyWriteIsAuditedOnOneLineWithoutBodyOrCredentials() {
        TestHooks hooks = new TestHooks(http);
        String marker = "Audited " + System.nanoTime();
        long id = create(marker);
        assertEquals(401, http.send("PATCH", "properties/" + id, "application/merge-patch+json",
                "{\"title\":\"" + marker + "\"}").statusCode());
        assertEquals(204, admin.delete("properties/" + id).statusCode());

        List<String> lines = hooks.auditLines();
        for (String expected : List.of(
                "{\"audit\":\"write\",\"caller\":\"admin\",\"method\":\"POST\",\"property\":" + id + ",\"status\":201}",
                "{\"audit\":\"write\",\"method\":\"PATCH\",\"property\":" + id + ",\"status\":401}",
                "{\"audit\":\"write\",\"caller\":\"admin\",\"method\":\"DELETE\",\"property\":" + id + ",\"status\":204}")) {
            assertTrue(lines.contains(expected), expected + " not in " + lines);
        }
        assertTrue(lines.stream().noneMatch(line -> line.contains(marker) || line.contains(TestAccounts.ADMIN_PASSWORD)),
                lines.toString());
    }

    @Test
    void theTextLogHasNoColourCodesInAFile(ServerConsole console) throws IOException {
        List<String> lines = console.lines();
        assertTrue(lines.size() > 20, "the server's start is logged: " + lines.size() + " lines");
        assertEquals(List.of(), lines.stream().filter(line -> line.indexOf('\u001b') >= 0).limit(5).toList(),
                "lines with ANSI escape codes");
        assertTrue(lines.stream().anyMatch(line -> line.startsWith("[") && line.contains("] [INFO] [")),
                "Payara's text format: " + lines.subList(0, 5));
    }

    @Test
    void liveAndReadyWithBothServicesUp() {
        HttpResponse<byte[]> live = http.get("/health/live");
        assertEquals(200, live.statusCode(), Http.text(live));
        JsonObject liveness = Http.json(live);
        assertEquals("UP", liveness.getString("status"));
        assertEquals("UP", check(liveness, "application").getString("status"));

        HttpResponse<byte[]> ready = http.get("/health/ready");
        assertEquals(200, ready.statusCode(), Http.text(ready));
        JsonObject readiness = Http.json(ready);
        assertEquals("UP", readiness.getString("status"));
        JsonObject database = check(readiness, "database");
        assertEquals("UP", database.getString("status"), database.toString());
        assertEquals("jdbc/properties", data(database, "datasource"));
        JsonObject redis = check(readiness, "redis");
        assertEquals("UP", redis.getString("status"));
        assertEquals("UP", data(redis, "redis"), redis.toString());
        assertEquals("false", data(redis, "degraded"));
    }

    // ---- OpenAPI

    @Test
    void openApiIsVersion3AndNamesEveryResourcePath() throws Exception {
        HttpResponse<byte[]> answer = http.send(http.request("/openapi").header("Accept", "application/json").GET().build());
        assertEquals(200, answer.statusCode(), Http.text(answer));
        // Kept for people who want to read it, like the metrics scrape.
        Files.write(Files.createDirectories(Path.of("target", "monitoring")).resolve("openapi.json"), answer.body());
        JsonObject document = Http.json(answer);

        assertTrue(document.getString("openapi").startsWith("3."), document.getString("openapi"));
        Set<String> described = new TreeSet<>(document.getJsonObject("paths").keySet().stream()
                .map(ObservabilityIT::withoutTrailingSlash).toList());
        for (String path : described) {
            assertTrue(path.matches("(/[A-Za-z0-9_.-]*|/\\{[A-Za-z0-9_]+})+"), "not an OpenAPI path template: " + path);
        }
        Set<String> resources = resourcePaths();
        assertTrue(resources.containsAll(Set.of("/properties", "/properties/{id}", "/cache/metrics", "/cache/info")),
                "resource scan found " + resources);
        for (String path : resources) {
            assertTrue(described.contains(path), path + " missing from /openapi paths " + described);
        }
        JsonObject create = document.getJsonObject("paths").getJsonObject(pathKey(document, "/properties"))
                .getJsonObject("post");
        String errorRef = create.getJsonObject("responses").getJsonObject("400").getJsonObject("content")
                .getJsonObject("application/problem+json").getJsonObject("schema").getString("$ref");
        assertEquals("#/components/schemas/Problem", errorRef);
        JsonObject patch = document.getJsonObject("paths").getJsonObject(pathKey(document, "/properties/{id}"))
                .getJsonObject("patch");
        assertEquals(Set.of("application/merge-patch+json", "application/json"),
                patch.getJsonObject("requestBody").getJsonObject("content").keySet(),
                "the PATCH described is the one that takes a body");
        JsonObject error = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem");
        assertNotNull(error, "no Problem schema");
        assertEquals(Set.of("type", "title", "status", "detail", "instance", "violations"),
                error.getJsonObject("properties").keySet());
        for (String type : List.of("/problems/invalid-request", "/problems/login-throttled",
                "/problems/database-unavailable", "/problems/redis-unavailable")) {
            assertTrue(error.getJsonObject("properties").getJsonObject("type").getString("description").contains(type),
                    type + " is not documented");
        }
        JsonObject metricsResponses = document.getJsonObject("paths").getJsonObject(pathKey(document, "/cache/metrics"))
                .getJsonObject("get").getJsonObject("responses");
        assertNotNull(metricsResponses.getJsonObject("503"), "the Redis-down answer is not described");
        assertEquals("#/components/schemas/CacheMetrics", metricsResponses.getJsonObject("200").getJsonObject("content")
                .getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        // The schema names the keys the endpoint really sends.
        JsonObject metricsSchema = document.getJsonObject("components").getJsonObject("schemas").getJsonObject("CacheMetrics");
        assertEquals(Http.json(http.get("cache/metrics")).keySet(), metricsSchema.getJsonObject("properties").keySet());
    }

    /** Every JAX-RS resource path in the WAR's classes, in OpenAPI's form ({@code {id}} without its regex). */
    static Set<String> resourcePaths() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target", "classes");
        Set<String> paths = new TreeSet<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = classes.relativize(file).toString().replace(File.separatorChar, '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, ObservabilityIT.class.getClassLoader());
                jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
                if (root == null) {
                    continue;
                }
                for (Method method : type.getMethods()) {
                    if (!isResourceMethod(method)) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    paths.add(normalise(root.value() + "/" + (sub == null ? "" : sub.value())));
                }
            }
        }
        return paths;
    }

    private static boolean isResourceMethod(Method method) {
        return Stream.of(method.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(jakarta.ws.rs.HttpMethod.class));
    }

    static String normalise(String path) {
        // A template's regex may hold braces ({id: [0-9]{1,18}}): the variable ends at the brace before a '/'.
        String plain = ("/" + path + "/").replaceAll("\\{\\s*(\\w+)\\s*:.*?}(?=/)", "{$1}").replaceAll("/+", "/");
        return withoutTrailingSlash(plain);
    }

    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String pathKey(JsonObject document, String path) {
        return document.getJsonObject("paths").keySet().stream()
                .filter(key -> withoutTrailingSlash(key).equals(path))
                .findFirst().orElseThrow(() -> new AssertionError(path + " not in /openapi"));
    }

    // ---- helpers

    private static String level(String level) {
        return "level=\"" + level + "\"";
    }

    private static JsonObject level(JsonObject info, String level) {
        return info.getJsonObject("levels").getJsonObject(level);
    }

    private static JsonObject check(JsonObject health, String name) {
        return health.getJsonArray("checks").getValuesAs(JsonObject.class).stream()
                .filter(check -> name.equals(check.getString("name")))
                .findFirst().orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }

    /** A check's data value as text: servers differ in whether they keep numbers and booleans typed. */
    private static String data(JsonObject check, String key) {
        JsonValue value = check.getJsonObject("data").get(key);
        assertNotNull(value, "no " + key + " in " + check);
        return value instanceof jakarta.json.JsonString text ? text.getString() : value.toString();
    }

    private static long calls(String command) {
        String stats = TestRedis.client().getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(RedisNode.InfoSection.COMMANDSTATS).get("cmdstat_" + command);
        return stats == null ? 0 : Long.parseLong(stats.split(",")[0].substring("calls=".length()));
    }

    private JsonObject awaitJson(String path, Predicate<JsonObject> condition) {
        return await(() -> Http.json(http.get(path)), condition);
    }

    private static <T> T await(Supplier<T> read, Predicate<T> condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        T value = read.get();
        while (!condition.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s; last: " + value);
            }
            try {
                Thread.sleep(100); // polling for a condition, bounded by the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            value = read.get();
        }
        return value;
    }

    private long create(String title) {
        HttpResponse<byte[]> response = admin.send("POST", "properties/", "application/json",
                "{\"title\":\"" + title + "\",\"description\":\"A property\",\"price\":1,\"location\":\"Nairobi\"}");
        assertEquals(201, response.statusCode(), Http.text(response));
        return Http.json(response).getJsonNumber("id").longValue();
    }
}
