package io.propertylistings.metrics.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.propertylistings.support.Chromium;
import io.propertylistings.support.Http;
import io.propertylistings.support.LocalRedis;
import io.propertylistings.support.PayaraMicroEnvironment;
import io.propertylistings.support.SharedServer;
import io.propertylistings.support.TestRedis;
import io.propertylistings.support.TestServer;
import io.propertylistings.support.Waiting;
import io.propertylistings.support.WarmUps;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.redisson.api.redisnode.RedisNode;
import org.redisson.api.redisnode.RedisNodes;

/**
 * The dashboard and the readings behind it, on the WAR as built with a short reading interval, with real
 * PostgreSQL and Redis (stopped and started again by the browser test), and warming on, so warm-ups show
 * ({@link TestServer#WARMING_ON}).
 */
@SharedServer(TestServer.WARMING_ON)
class DashboardIT {

    private static final long INTERVAL_MS = TestServer.DASHBOARD_READING_INTERVAL_MS;
    private static final List<String> LEVELS = List.of("response", "list", "detail");
    private static final List<String> CHARTS = List.of("hit-ratio", "lookups", "load-time", "events");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private final URI base;
    private final Http http;

    DashboardIT(Http http) {
        this.http = http;
        this.base = http.base();
    }

    // ---- the readings

    @Test
    void readingsGoOnWithNobodyAskingOnePerInterval() {
        // The first reading is taken once the application has started, on the scheduler's thread.
        awaitHistory(0, readings -> !readings.isEmpty());
        long quietFrom = System.currentTimeMillis();

        // No request to the service from here: Redis' count of INFO commands (one per reading at most, as the
        // keyspace figures are read) shows the service at work. Each poll is an INFO of its own, taken off.
        long infoAtStart = infoCalls();
        int polls = 0;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (infoCalls() - infoAtStart - ++polls < 3) {
            assertTrue(System.nanoTime() < deadline, "the service sent no INFO to Redis for " + DEADLINE);
            Waiting.betweenPolls(50);
        }
        long quietTo = System.currentTimeMillis();

        JsonObject after = history(0);
        List<Long> quiet = times(after.getJsonArray("readings")).stream()
                .filter(time -> time > quietFrom && time <= quietTo).toList();
        long intervals = (quietTo - quietFrom) / INTERVAL_MS;
        assertTrue(quiet.size() >= 3, "readings while nobody asked: " + quiet);
        // One per interval: a schedule, not a reading per request.
        assertTrue(quiet.size() <= intervals + 2, quiet.size() + " readings in " + (quietTo - quietFrom) + " ms");
        assertEquals(INTERVAL_MS, after.getJsonNumber("interval_ms").longValue());
        assertEquals(180, after.getInt("capacity"));

        // Asking often makes no more readings.
        long askedFrom = System.currentTimeMillis();
        long last = lastTime(after);
        int asked = 0;
        JsonObject latest = after;
        while (System.currentTimeMillis() - askedFrom < 5 * INTERVAL_MS || asked < 20) {
            latest = history(last);
            asked++;
        }
        long askedFor = System.currentTimeMillis() - askedFrom;
        int fresh = latest.getJsonArray("readings").size();
        assertTrue(fresh <= askedFor / INTERVAL_MS + 2, fresh + " readings for " + asked + " requests in " + askedFor + " ms");
    }

    @Test
    void historyIsOrderedDescribedAndRefusesANonsenseSince() {
        JsonObject all = history(0);
        List<Long> times = times(all.getJsonArray("readings"));
        for (int i = 1; i < times.size(); i++) {
            assertTrue(times.get(i - 1) < times.get(i), "not oldest first: " + times);
        }
        assertTrue(times.size() <= 180);
        JsonObject reading = all.getJsonArray("readings").getJsonObject(times.size() - 1);
        assertEquals(List.of("time", "redis", "keyspace_hits", "keyspace_misses", "levels"), List.copyOf(reading.keySet()));
        assertEquals(LEVELS, List.copyOf(reading.getJsonObject("levels").keySet()));
        for (String level : LEVELS) {
            JsonObject figures = reading.getJsonObject("levels").getJsonObject(level);
            assertEquals(List.of("hits", "misses", "loads", "evictions", "errors", "warmups", "load_time_ms"),
                    List.copyOf(figures.keySet()), level);
            assertEquals(List.of("count", "p50", "p95", "p99"), List.copyOf(figures.getJsonObject("load_time_ms").keySet()));
        }
        assertEquals(List.of("node", "host", "pid", "interval_ms", "capacity", "readings"), List.copyOf(all.keySet()));
        assertFalse(all.getString("host").isBlank());
        assertEquals(all.getString("host"), all.getString("node"), "without node.name a node is named by its host");

        long middle = times.get(times.size() / 2);
        List<Long> later = times(history(middle).getJsonArray("readings"));
        assertTrue(later.stream().allMatch(time -> time > middle) && later.containsAll(times.subList(times.size() / 2 + 1, times.size())),
                later.toString());
        HttpResponse<byte[]> refused = http.get("cache/history?since=yesterday");
        assertEquals(400, refused.statusCode(), Http.text(refused));
        assertEquals("since", Http.json(refused).getJsonArray("violations").getJsonObject(0).getString("field"));

        HttpResponse<byte[]> described = http.send(http.request("/openapi").header("Accept", "application/json").GET().build());
        JsonObject document = Http.json(described);
        JsonObject operation = document.getJsonObject("paths").getJsonObject("/cache/history").getJsonObject("get");
        assertEquals("#/components/schemas/CacheHistory", operation.getJsonObject("responses").getJsonObject("200")
                .getJsonObject("content").getJsonObject("application/json").getJsonObject("schema").getString("$ref"));
        assertEquals("since", operation.getJsonArray("parameters").getJsonObject(0).getString("name"));
        JsonObject schemas = document.getJsonObject("components").getJsonObject("schemas");
        assertEquals(all.keySet(), schemas.getJsonObject("CacheHistory").getJsonObject("properties").keySet());
        assertEquals(reading.keySet(), schemas.getJsonObject("CacheReading").getJsonObject("properties").keySet());
    }

    // ---- the page

    @Test
    void chartsShowTheLastMinutesWithARedisOutageInChromium() throws Exception {
        Chromium chromium = Chromium.require();
        Http admin = http.asAdmin();
        assertEquals(307, http.get("dashboard").statusCode());
        assertEquals(404, http.get("dashboard/secret.properties").statusCode());
        HttpResponse<byte[]> uplot = http.get("webjars/uplot/1.6.30/dist/uPlot.esm.js");
        assertEquals(200, uplot.statusCode(), "uPlot from the WAR's WebJar");
        assertTrue(uplot.headers().firstValue("Content-Type").orElseThrow().startsWith("text/javascript"));
        assertEquals(404, http.get("webjars/uplot/1.6.30/dist/package.json").statusCode());
        assertEquals(404, http.get("webjars/uplot/0.0.1/dist/uPlot.esm.js").statusCode());

        // Traffic with Redis up: a write (an eviction, then a warm-up) and reads of every level; and a steady
        // trickle of reads in the background all along, as a service has.
        long id = create(admin, "Shown on the dashboard");
        ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
        try {
            String[] paths = {"properties/", "properties/" + id, "properties/?page=1", "properties/?location=Nairobi"};
            AtomicInteger next = new AtomicInteger();
            trickle.scheduleWithFixedDelay(() -> {
                try {
                    http.get(paths[next.getAndIncrement() % paths.length]);
                } catch (RuntimeException e) {
                    // the service's answers are checked elsewhere; this only makes lookups
                }
            }, 0, 100, TimeUnit.MILLISECONDS);
            showTheLastMinutes(chromium, admin, id);
        } finally {
            trickle.shutdownNow();
        }
    }

    private void showTheLastMinutes(Chromium chromium, Http admin, long id) throws Exception {
        assertEquals(0, count(history(0).getJsonArray("readings").getValuesAs(JsonObject.class), "DOWN"),
                "Redis was down in the readings the page will draw besides this test's outage: no other class on this"
                        + " server may stop Redis (TestServer.WARMING_ON)");
        traffic(id);
        WarmUps.awaitAllDone(http);
        long beforeOutage = lastTime(awaitHistory(0, readings -> readings.size() >= 3));

        LocalRedis redis = PayaraMicroEnvironment.services().localRedis().orElseThrow();
        long stoppedAt = System.currentTimeMillis();
        redis.stop();
        long restartedAt;
        try {
            traffic(id);
            JsonObject down = awaitHistory(beforeOutage, readings -> count(readings, "DOWN") >= 3).getJsonArray("readings")
                    .getValuesAs(JsonObject.class).stream().filter(reading -> "DOWN".equals(reading.getString("redis")))
                    .findFirst().orElseThrow();
            assertEquals(List.of("time", "redis", "keyspace_hits", "keyspace_misses", "levels"), List.copyOf(down.keySet()));
            assertEquals(JsonValue.ValueType.NULL, down.get("keyspace_hits").getValueType(), down.toString());

            // The page while /cache/metrics answers 503: it says so, and the charts go on.
            Chromium.Run outage = chromium.run("outage", "--window-size=1280,720", "--dump-dom", page());
            String during = outage.dom();
            assertTrue(during.contains("data-state=\"redis-down\""), "the page does not say Redis is down:\n" + during);
            assertTrue(during.matches("(?s).*<p id=\"status\" role=\"status\" class=\"redis-down\">Redis cannot be "
                    + "reached: .*Reads are answered from PostgreSQL.*"), during);
            assertTrue(during.matches("(?s).*<p id=\"redis\" class=\"figure down\">DOWN</p>.*"), during);
            assertTrue(summary(during).getJsonObject("charts").getJsonObject("lookups").getInt("points") > 0, during);
            assertEquals(List.of(), outage.console(base), "console messages while Redis is down");
        } finally {
            restartedAt = System.currentTimeMillis();
            redis.restart();
        }
        awaitHistory(restartedAt, readings -> count(readings, "UP") >= 2);
        // Caching in use again (the caches' circuit breaker closes on the first command that succeeds).
        await(() -> http.get("cache/info"), answer -> answer.statusCode() == 200);
        create(admin, "After the outage");
        traffic(id);
        WarmUps.awaitAllDone(http);
        traffic(id);
        JsonObject seen = history(0);
        long seenLast = lastTime(seen);
        awaitHistory(seenLast, readings -> readings.size() >= 3);
        seen = history(0);

        String page = page();
        Path target = chromium.target();
        Chromium.Run wide = chromium.run("wide", "--window-size=1280,720", "--dump-dom", page);
        Chromium.Run phone = chromium.run("phone", "--window-size=390,844", "--dump-dom", page);
        Chromium.Run shot = chromium.run("screenshot", "--window-size=1280,720",
                "--screenshot=" + target.resolve("dashboard.png"), page);
        chromium.run("screenshot-phone", "--window-size=390,844",
                "--screenshot=" + target.resolve("dashboard-phone.png"), page);
        chromium.run("screenshot-dark", "--window-size=1280,720", "--blink-settings=preferredColorScheme=0",
                "--screenshot=" + target.resolve("dashboard-dark.png"), page);

        String html = wide.dom();
        JsonObject summary = summary(html);
        Files.writeString(target.resolve("summary.json"), summary.toString());
        assertEquals(List.of(), summary.getJsonArray("errors").getValuesAs(JsonValue.class), "errors on the page");
        assertEquals(List.of(), wide.console(base), "console messages");
        assertEquals(List.of(), phone.console(base), "console messages on a phone-sized viewport");
        assertEquals(seen.getString("node"), summary.getString("node"));
        assertTrue(html.contains("data-state=\"live\""), "the page does not say it is live:\n" + html);
        assertTrue(html.matches("(?s).*<p id=\"redis\" class=\"figure up\">UP</p>.*"), html);
        assertTrue(html.matches("(?s).*<p id=\"keyspace-hit-ratio\" class=\"figure\">\\d+\\.\\d\\d %</p>.*"), html);
        assertTrue(html.contains("<strong id=\"node\">" + seen.getString("node") + " (pid " + seen.getJsonNumber("pid") + ")</strong>"),
                "the node is not named");
        for (String level : LEVELS) {
            String row = html.replaceAll("(?s).*(<tr id=\"level-" + level + "\">.*?</tr>).*", "$1");
            assertTrue(row.matches(".*<td class=\"hit-ratio\">\\d+\\.\\d\\d %</td>.*"), row);
            assertTrue(row.matches(".*<td class=\"loads\">[1-9]\\d*</td>.*"), row);
            assertTrue(row.matches(".*<td class=\"evictions\">\\d+( \\(\\d+ of everything, \\d+ rows\\))?</td>.*"), row);
        }

        // What the page shows, against what the service had read: from the page's first reading on, every
        // reading the test saw is on the page (the ring may have dropped older ones since).
        long first = summary.getJsonNumber("first").longValue();
        List<JsonObject> shown = seen.getJsonArray("readings").getValuesAs(JsonObject.class).stream()
                .filter(reading -> reading.getJsonNumber("time").longValue() >= first).toList();
        assertTrue(first <= stoppedAt, "the page starts after the outage: " + first);
        Expected expected = new Expected(shown);
        JsonObject charts = summary.getJsonObject("charts");
        assertEquals(CHARTS, List.copyOf(charts.keySet()));
        for (String chart : CHARTS) {
            JsonObject drawn = charts.getJsonObject(chart);
            assertTrue(drawn.getInt("points") >= shown.size(), chart + ": " + drawn + ", expected " + shown.size() + " readings");
            assertTrue(drawn.getInt("outagesDrawn") >= 1, chart + " has no outage band: " + drawn);
            assertTrue(drawn.getBoolean("hover"), chart + " shows no values on hover");
            assertEquals("local time", drawn.getJsonArray("axes").getString(0));
        }
        for (String level : LEVELS) {
            atLeast(charts, "lookups", level, shown.size() - 1);
            atLeast(charts, "hit-ratio", level, expected.lookedUp(level));
            for (String p : List.of("p50", "p95", "p99")) {
                atLeast(charts, "load-time", level + " " + p, expected.loadTimed(level));
            }
        }
        assertTrue(expected.lookedUp("response") >= 3 && expected.loadTimed("list") >= 3, "too little traffic to show");
        // Units on the axes.
        assertEquals(List.of("hit ratio (%)", "lookups/s", "load time (ms)", "per reading"), CHARTS.stream()
                .map(chart -> charts.getJsonObject(chart).getJsonArray("axes").getString(1)).toList());
        atLeast(charts, "hit-ratio", "keyspace", expected.keyspace());
        atLeast(charts, "events", "evictions", expected.events("evictions"));
        atLeast(charts, "events", "warm-ups", expected.events("warmups"));
        assertTrue(expected.events("evictions") >= 2 && expected.events("warmups") >= 2, "two writes, two warm-ups");

        // The outage is one band, within the time Redis was stopped (readings see it up to an interval late).
        List<long[]> outages = summary.getJsonArray("outages").getValuesAs(JsonArray.class).stream()
                .map(band -> new long[] {band.getJsonNumber(0).longValue(), band.getJsonNumber(1).longValue()}).toList();
        assertEquals(1, outages.size(), summary.getJsonArray("outages").toString());
        assertTrue(outages.get(0)[0] >= stoppedAt && outages.get(0)[1] > restartedAt
                && outages.get(0)[0] < restartedAt, "band " + outages.get(0)[0] + ".." + outages.get(0)[1]
                + " for Redis stopped " + stoppedAt + ".." + restartedAt);

        assertFalse(summary(phone.dom()).getBoolean("overflow"), "wider than a phone");
        assertEquals(0, shot.exitCode(), shot.report());
        assertTrue(Files.size(target.resolve("dashboard.png")) > 30_000, "the screenshot is empty");
        assertTrue(Files.size(target.resolve("dashboard-phone.png")) > 10_000, "the phone screenshot is empty");
        // The dashboard's picture in docs/operations.md comes from here, on request (-Ddocs.refresh=true): a test run leaves the
        // checkout as it was.
        Path docs = Path.of("docs");
        if (Boolean.getBoolean("docs.refresh") && Files.isDirectory(docs)) {
            Files.copy(target.resolve("dashboard.png"), docs.resolve("dashboard.png"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void thePageSaysWhenTheServiceStopsAnsweringAndKeepsItsCharts() throws Exception {
        Chromium chromium = Chromium.require();
        // The page's first two requests to /cache/ (history and metrics) are answered, the rest are not.
        try (CuttingProxy proxy = new CuttingProxy(base, 2)) {
            Chromium.Run run = chromium.run("unreachable", "--window-size=1280,720", "--dump-dom",
                    proxy.address().resolve(base.getPath() + "dashboard/").toString());
            String html = run.dom();
            JsonObject summary = summary(html);

            assertTrue(proxy.refused() >= 1, "the page asked nothing more after its first two requests");
            assertTrue(html.contains("data-state=\"unreachable\""), "the page does not say the service is gone:\n" + html);
            assertTrue(html.matches("(?s).*<p id=\"status\" role=\"status\" class=\"unreachable\">The service has not "
                    + "answered since .*"), html);
            assertTrue(summary.getJsonObject("charts").getJsonObject("lookups").getInt("points") >= 2,
                    "the charts were dropped: " + summary);
            assertEquals(List.of(), summary.getJsonArray("errors").getValuesAs(JsonValue.class), "errors on the page");
        }
    }

    /**
     * Passes the page's requests on to the service, except that after the first {@code passes} requests to
     * {@code /cache/} it closes their connections without an answer, as a service that went away would.
     */
    private static final class CuttingProxy implements AutoCloseable {

        private final HttpServer server;
        private final AtomicInteger passes;
        private final AtomicInteger refused = new AtomicInteger();

        CuttingProxy(URI service, int passes) throws IOException {
            this.passes = new AtomicInteger(passes);
            Http http = new Http(service.resolve("/"));
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                try (exchange) {
                    String path = exchange.getRequestURI().toString();
                    if (path.contains("/cache/") && this.passes.getAndDecrement() <= 0) {
                        refused.incrementAndGet();
                        return; // closed without a status line
                    }
                    HttpResponse<byte[]> answer = http.get(path.substring(1));
                    answer.headers().firstValue("Content-Type")
                            .ifPresent(type -> exchange.getResponseHeaders().add("Content-Type", type));
                    exchange.sendResponseHeaders(answer.statusCode(), answer.body().length == 0 ? -1 : answer.body().length);
                    exchange.getResponseBody().write(answer.body());
                }
            });
            server.start();
        }

        URI address() {
            return URI.create("http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort() + "/");
        }

        int refused() {
            return refused.get();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    // ---- expected points, from the readings the test saw

    /** How many values each series must have, computed here as the page should from the same readings. */
    private record Expected(List<JsonObject> readings) {

        int lookedUp(String level) {
            return intervals((then, now) -> lookups(level(then, level)) != lookups(level(now, level)));
        }

        int loadTimed(String level) {
            return (int) readings.stream()
                    .filter(r -> level(r, level).getJsonObject("load_time_ms").getJsonNumber("count").longValue() > 0).count();
        }

        int keyspace() {
            return intervals((then, now) -> "UP".equals(then.getString("redis")) && "UP".equals(now.getString("redis"))
                    && (then.getJsonNumber("keyspace_hits").longValue() + then.getJsonNumber("keyspace_misses").longValue())
                    != (now.getJsonNumber("keyspace_hits").longValue() + now.getJsonNumber("keyspace_misses").longValue()));
        }

        int events(String figure) {
            return intervals((then, now) -> LEVELS.stream().anyMatch(level -> level(then, level).getJsonNumber(figure)
                    .longValue() != level(now, level).getJsonNumber(figure).longValue()));
        }

        private int intervals(java.util.function.BiPredicate<JsonObject, JsonObject> counted) {
            int count = 0;
            for (int i = 1; i < readings.size(); i++) {
                if (counted.test(readings.get(i - 1), readings.get(i))) {
                    count++;
                }
            }
            return count;
        }

        private static long lookups(JsonObject level) {
            return level.getJsonNumber("hits").longValue() + level.getJsonNumber("misses").longValue();
        }

        private static JsonObject level(JsonObject reading, String level) {
            return reading.getJsonObject("levels").getJsonObject(level);
        }
    }

    private static void atLeast(JsonObject charts, String chart, String series, int expected) {
        JsonObject drawn = charts.getJsonObject(chart).getJsonObject("series");
        assertNotNull(drawn.get(series), chart + " has no series " + series + ": " + drawn);
        assertTrue(drawn.getInt(series) >= expected, chart + " / " + series + ": " + drawn.getInt(series)
                + " points, expected at least " + expected);
    }

    private static JsonObject summary(String html) {
        Matcher found = Pattern.compile("(?s)<script type=\"application/json\" id=\"chart-summary\">(.*?)</script>").matcher(html);
        assertTrue(found.find(), "no chart summary in:\n" + html);
        try (JsonReader reader = Json.createReader(new StringReader(found.group(1)))) {
            JsonObject summary = reader.readObject();
            assertNotNull(summary.get("charts"), "the charts were never drawn: " + summary + "\n" + html);
            return summary;
        }
    }

    // ---- helpers

    private String page() {
        return base.resolve("dashboard/").toString();
    }

    private void traffic(long id) {
        for (int i = 0; i < 5; i++) {
            http.get("properties/");
            http.get("properties/" + id);
            http.get("properties/?page=1");
            http.get("properties/?location=Nairobi&page=" + (i + 1));
        }
    }

    private JsonObject history(long since) {
        HttpResponse<byte[]> answer = http.get("cache/history?since=" + since);
        assertEquals(200, answer.statusCode(), Http.text(answer));
        return Http.json(answer);
    }

    private JsonObject awaitHistory(long since, Predicate<List<JsonObject>> condition) {
        return await(() -> history(since), json -> condition.test(json.getJsonArray("readings").getValuesAs(JsonObject.class)));
    }

    private static long count(List<JsonObject> readings, String redis) {
        return readings.stream().filter(reading -> redis.equals(reading.getString("redis"))).count();
    }

    private static List<Long> times(JsonArray readings) {
        return readings.getValuesAs(JsonObject.class).stream().map(r -> r.getJsonNumber("time").longValue()).toList();
    }

    private static long lastTime(JsonObject history) {
        List<Long> times = times(history.getJsonArray("readings"));
        return times.isEmpty() ? 0 : times.get(times.size() - 1);
    }

    private static long infoCalls() {
        String stats = TestRedis.client().getRedisNodes(RedisNodes.SINGLE).getInstance()
                .info(RedisNode.InfoSection.COMMANDSTATS).get("cmdstat_info");
        return stats == null ? 0 : Long.parseLong(stats.split(",")[0].substring("calls=".length()));
    }

    private static <T> T await(Supplier<T> read, Predicate<T> condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        T value = read.get();
        while (!condition.test(value)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + DEADLINE + "; last: " + value);
            }
            Waiting.betweenPolls(50);
            value = read.get();
        }
        return value;
    }


    private static long create(Http admin, String title) {
        HttpResponse<byte[]> response = admin.send("POST", "properties/", "application/json",
                "{\"title\":\"" + title + "\",\"description\":\"A property\",\"price\":1,\"location\":\"Nairobi\"}");
        assertEquals(201, response.statusCode(), Http.text(response));
        return Http.json(response).getJsonNumber("id").longValue();
    }
}
