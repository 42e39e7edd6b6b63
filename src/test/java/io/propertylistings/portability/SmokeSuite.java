package io.propertylistings.portability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.BackingServices;
import io.propertylistings.support.Http;
import io.propertylistings.support.MetricsScrape;
import io.propertylistings.support.Problems;
import io.propertylistings.support.TestAccounts;
import io.propertylistings.support.Waiting;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The same black-box checks for every server: writes need the admin (the WAR's Basic filter), the list and the
 * detail, a write that evicts the cached responses, ETag revalidation, a rejected invalid write, the metrics
 * where the server has MicroProfile Metrics (and their absence where it has not), cache warming and the writer's
 * own list, a change made in the database without the service, the API page, and readiness. Titles carry
 * the server's name, so data left by an earlier server cannot make a check pass.
 */
final class SmokeSuite {

    // database.changes.max-lag-ms as configured by default: every read that starts later sees a commit.
    private static final long CHANGE_BOUND_NANOS = Duration.ofMillis(250).toNanos();

    private final AppServer server;
    private final BackingServices services;
    private final Http app;
    private final Http admin;

    SmokeSuite(AppServer server, BackingServices services) {
        this.server = server;
        this.services = services;
        this.app = new Http(server.application());
        this.admin = app.asAdmin();
    }

    /** Runs every check; returns the id of the property its first write created, which the audit log names. */
    long run() {
        writesNeedTheAdmin();
        long id = writeEvictsAndTheListIsCachedAgain();
        detailIsCachedAndRevalidated(id);
        updateAndDeleteAreSeenByTheNextRead(id);
        aChangeMadeInTheDatabaseIsSeenWithinTheBound();
        writesAreWarmedUpAndOwned();
        invalidWriteIsRejected();
        metrics();
        apiPage();
        ready();
        return id;
    }

    /** The WAR's own accounts: no credentials or a wrong password is a 401. */
    private void writesNeedTheAdmin() {
        String body = draft("Not allowed on " + server.name(), "1");
        HttpResponse<byte[]> anonymous = app.send("POST", "properties/", "application/json", body);
        assertEquals(401, anonymous.statusCode(), () -> "POST without credentials: " + Http.text(anonymous));
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));
        HttpResponse<byte[]> wrong = app.as(TestAccounts.ADMIN, "not-the-password")
                .send("POST", "properties/", "application/json", body);
        assertEquals(401, wrong.statusCode(), () -> "POST with a wrong password: " + Http.text(wrong));
    }

    private long writeEvictsAndTheListIsCachedAgain() {
        String title = "Portability check on " + server.name();
        HttpResponse<byte[]> created = admin.send("POST", "properties/", "application/json",
                draft(title, "123456.7"));
        assertEquals(201, created.statusCode(), () -> "POST: " + Http.text(created));
        JsonObject property = Http.json(created);
        // The JSON-B names and order; a server that serialised with Jackson would write createdAt.
        assertEquals(List.of("id", "title", "description", "price", "location", "created_at"),
                List.copyOf(property.keySet()), "the JSON of a property");
        long id = property.getJsonNumber("id").longValue();
        assertEquals("123456.70", property.getString("price"), "price as a string with two decimals");
        assertTrue(property.getString("created_at").endsWith("Z"), "created_at in UTC");
        assertTrue(created.headers().firstValue("Location").orElseThrow().endsWith("/properties/" + id));

        long earlyHits = earlyHits();
        HttpResponse<byte[]> first = app.get("properties/");
        HttpResponse<byte[]> second = app.get("properties/");

        assertTrue(earlyHits() > earlyHits, "the repeated read was answered before JAX-RS (EarlyHitFilter)");
        assertEquals(200, first.statusCode());
        // MISS, or HIT when the background warm-up after the write was quicker than this read: either way the
        // write is in it (below).
        assertTrue(List.of("MISS", "HIT").contains(xCache(first)), "X-Cache: " + xCache(first));
        assertEquals(title, find(Http.json(first), id).orElseThrow(() -> new AssertionError("new property not listed"))
                .getString("title"));
        JsonObject list = Http.json(first);
        assertEquals(list.getJsonArray("properties").size(), list.getInt("count"));
        assertEquals("HIT", xCache(second), "the second read comes from the response cache");
        assertArrayEquals(first.body(), second.body());
        return id;
    }

    private void detailIsCachedAndRevalidated(long id) {
        HttpResponse<byte[]> first = app.get("properties/" + id);
        HttpResponse<byte[]> second = app.get("properties/" + id);
        assertEquals(200, first.statusCode());
        assertEquals("Portability check on " + server.name(), Http.json(first).getString("title"));
        assertEquals("HIT", xCache(second));
        String etag = second.headers().firstValue("ETag").orElseThrow(() -> new AssertionError("no ETag on a cached GET"));
        HttpResponse<byte[]> revalidated = app.send(app.request("properties/" + id).header("If-None-Match", etag).GET().build());
        assertEquals(304, revalidated.statusCode());
        assertEquals(404, app.get("properties/999999999").statusCode());
    }

    private void updateAndDeleteAreSeenByTheNextRead(long id) {
        patchesAsClientsSendThem(id);
        String title = "Updated on " + server.name();
        HttpResponse<byte[]> replaced = admin.send("PUT", "properties/" + id, "application/json", draft(title, "99.5"));
        assertEquals(200, replaced.statusCode(), () -> "PUT: " + Http.text(replaced));
        HttpResponse<byte[]> afterUpdate = app.get("properties/");
        assertTrue(List.of("MISS", "HIT").contains(xCache(afterUpdate)), "X-Cache: " + xCache(afterUpdate));
        JsonObject updated = find(Http.json(afterUpdate), id).orElseThrow();
        assertEquals(title, updated.getString("title"));
        assertEquals("99.50", updated.getString("price"));
        assertEquals(title, Http.json(app.get("properties/" + id)).getString("title"), "the detail was evicted too");

        assertEquals("HIT", xCache(app.get("properties/")));
        assertEquals(204, admin.delete("properties/" + id).statusCode());
        assertTrue(find(Http.json(app.get("properties/")), id).isEmpty(), "deleted property still listed");
        assertEquals(404, app.get("properties/" + id).statusCode());
        assertEquals(404, admin.delete("properties/" + id).statusCode());
    }

    /** A PATCH in application/json is a merge patch; another type is a 415 that says what a PATCH takes. */
    private void patchesAsClientsSendThem(long id) {
        HttpResponse<byte[]> patched = admin.send("PATCH", "properties/" + id, "application/json", "{\"price\":\"77.00\"}");
        assertEquals(200, patched.statusCode(), () -> "PATCH: " + Http.text(patched));
        assertEquals("77.00", Http.json(app.get("properties/" + id)).getString("price"));
        HttpResponse<byte[]> refused = admin.send("PATCH", "properties/" + id, "text/plain", "{}");
        assertEquals(415, refused.statusCode(), () -> "PATCH as text/plain: " + Http.text(refused));
        assertEquals("application/merge-patch+json, application/json", refused.headers().firstValue("Accept-Patch")
                .orElse(null), () -> "415 headers: " + refused.headers().map());
    }

    /**
     * The warm-up after a write (CDI events, the managed scheduler, the resource called through CDI) works on this
     * server: once /cache/metrics shows it done, the list is a HIT with the write; the writer's own list is theirs.
     */
    private void writesAreWarmedUpAndOwned() {
        HttpResponse<byte[]> created = admin.send("POST", "properties/", "application/json",
                draft("Warmed on " + server.name(), "5"));
        assertEquals(201, created.statusCode(), () -> "POST: " + Http.text(created));
        long id = Http.json(created).getJsonNumber("id").longValue();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!warmUpsDone(Http.json(app.get("cache/metrics")))) {
            assertTrue(System.nanoTime() < deadline, "no warm-up within 60 s of the write");
            Waiting.betweenPolls(20);
        }
        HttpResponse<byte[]> list = app.get("properties/");
        assertEquals("HIT", xCache(list), "the warm-up after the write stored the list");
        assertTrue(find(Http.json(list), id).isPresent());

        HttpResponse<byte[]> mine = admin.get("properties/?mine=true");
        assertEquals(200, mine.statusCode(), () -> "mine=true: " + Http.text(mine));
        assertTrue(find(Http.json(mine), id).isPresent(), "the admin's own list has what the admin created");
        assertTrue(mine.headers().firstValue("Cache-Control").orElse("").startsWith("private"));
        assertEquals(401, app.get("properties/?mine=true").statusCode());
        assertEquals(204, admin.delete("properties/" + id).statusCode());
    }

    /**
     * An UPDATE over plain JDBC, outside the service: the server's node hears it from PostgreSQL (LISTEN through
     * the unwrapped pgjdbc connection), and a read that starts more than the bound after the commit shows it.
     */
    private void aChangeMadeInTheDatabaseIsSeenWithinTheBound() {
        HttpResponse<byte[]> created = admin.send("POST", "properties/", "application/json",
                "{\"title\":\"Changed outside on " + server.name() + "\",\"description\":\"Smoke\",\"price\":1,"
                        + "\"location\":\"Outside\"}");
        assertEquals(201, created.statusCode(), () -> "POST: " + Http.text(created));
        long id = Http.json(created).getJsonNumber("id").longValue();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!"HIT".equals(xCache(app.get("properties/" + id)))) {
            assertTrue(System.nanoTime() < deadline, "the detail is cached within 30 s (the node hears the database)");
            Waiting.betweenPolls(20);
        }
        long committed;
        try (Connection connection = services.openDatabase();
                Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE property SET price = 7 WHERE id = " + id);
            committed = System.nanoTime();
        } catch (SQLException e) {
            throw new AssertionError("the outside UPDATE failed", e);
        }
        long started;
        do {
            started = System.nanoTime();
            HttpResponse<byte[]> read = app.get("properties/" + id);
            assertEquals(200, read.statusCode());
            boolean shown = "7.00".equals(Http.json(read).getString("price"));
            assertTrue(shown || started - committed <= CHANGE_BOUND_NANOS, "a read "
                    + (started - committed) / 1_000_000 + " ms after the outside commit showed the old price");
        } while (started - committed <= CHANGE_BOUND_NANOS);
        assertEquals(204, admin.delete("properties/" + id).statusCode());
    }

    private long earlyHits() {
        return Http.json(app.get("cache/metrics")).getJsonObject("levels").getJsonObject("response")
                .getJsonNumber("early_hits").longValue();
    }

    // Every request for a warm-up (the deployment's, one per eviction) ran one or joined one already due.
    private static boolean warmUpsDone(JsonObject metrics) {
        JsonObject warming = metrics.getJsonObject("warming");
        assertTrue(warming.getBoolean("enabled"));
        long evictions = metrics.getJsonObject("levels").getJsonObject("response").getJsonNumber("evictions").longValue();
        return warming.getJsonNumber("warmups").longValue() + warming.getJsonNumber("skipped").longValue() == evictions + 1;
    }


    /** Problems the same on every server: from a resource, from a filter, and from the server's own error page. */
    private void invalidWriteIsRejected() {
        HttpResponse<byte[]> invalid = admin.send("POST", "properties/", "application/json", draft("Negative", "-1"));
        assertEquals(400, invalid.statusCode(), () -> "Bean Validation is not active: " + Http.text(invalid));
        assertEquals(List.of("price"), Problems.fields(Problems.expect(400, invalid)));
        Problems.expect(404, app.get("no/such/path"));
        Problems.expect(401, app.withAuthorization("Bearer x").get("properties/"));
        Problems.expect(404, app.get("error"));
    }

    private void metrics() {
        Optional<URI> metrics = server.metrics();
        if (metrics.isEmpty()) {
            // No MicroProfile Metrics on this server: the WAR runs without /metrics rather than failing there.
            assertEquals(404, app.get("metrics").statusCode(), "/metrics on a server without MicroProfile Metrics");
            return;
        }
        HttpResponse<byte[]> response = get(metrics.get());
        assertEquals(200, response.statusCode(), () -> metrics.get() + ": " + Http.text(response));
        MetricsScrape scrape = new MetricsScrape(Http.text(response));
        double hits = scrape.require("redis_keyspace_hits");
        double misses = scrape.require("redis_keyspace_misses");
        assertTrue(hits >= 1, "Redis saw the cache hits of this run (-1 would mean Redis could not be asked): " + hits);
        assertEquals(hits + misses, scrape.require("redis_total_operations"));
        double ratio = scrape.require("redis_hit_ratio");
        assertTrue(ratio > 0 && ratio <= 100, "hit ratio in percent: " + ratio);
        assertTrue(scrape.cache("hits", "response") >= 2, "the two HITs of this run");
        assertTrue(scrape.cache("evictions", "response") >= 3, "the POST, PUT and DELETE of this run");
        assertTrue(scrape.cache("evictions", "list") >= 3);
        assertTrue(scrape.cache("loads", "list") >= 1);
    }

    /** The API page, its Swagger UI bundle, and the document it reads, with its Basic scheme. */
    private void apiPage() {
        HttpResponse<byte[]> page = app.get("api-docs/");
        assertEquals(200, page.statusCode(), () -> "/api-docs/: " + Http.text(page));
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        HttpResponse<byte[]> bundle = app.get("webjars/swagger-ui/5.35.0/swagger-ui-bundle.js");
        assertEquals(200, bundle.statusCode(), "Swagger UI from the WAR's WebJar");
        assertTrue(bundle.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        HttpResponse<byte[]> described = app.send(app.request("openapi").header("Accept", "application/json").GET().build());
        assertEquals(200, described.statusCode(), () -> "/openapi: " + Http.text(described));
        assertEquals("basic", Http.json(described).getJsonObject("components").getJsonObject("securitySchemes")
                .getJsonObject("basic").getString("scheme"), "the scheme that locks the writes on the page");
    }

    private void ready() {
        HttpResponse<byte[]> response = get(server.readiness());
        assertEquals(200, response.statusCode(), () -> server.readiness() + ": " + Http.text(response));
        assertEquals("UP", Http.json(response).getString("status"));
    }

    /** An absolute URL, which may be on another port than the application (WildFly's management interface). */
    private HttpResponse<byte[]> get(URI uri) {
        return app.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private static String xCache(HttpResponse<byte[]> response) {
        return response.headers().firstValue("X-Cache").orElse("(none)");
    }

    private static Optional<JsonObject> find(JsonObject list, long id) {
        return list.getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                .filter(item -> item.getJsonNumber("id").longValue() == id)
                .findFirst();
    }

    private static String draft(String title, String price) {
        assertFalse(title.contains("\""));
        return "{\"title\":\"" + title + "\",\"description\":\"Deployed unchanged on every server.\",\"price\":"
                + price + ",\"location\":\"Lisbon\"}";
    }
}
