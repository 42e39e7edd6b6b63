package io.propertylistings.properties.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.BuiltWar;
import io.propertylistings.support.Http;
import io.propertylistings.support.MetricsScrape;
import io.propertylistings.support.Problems;
import io.propertylistings.support.RawHttp;
import io.propertylistings.support.SharedServer;
import io.propertylistings.support.TestAccounts;
import io.propertylistings.support.TestServer;
import jakarta.json.JsonObject;
import java.net.URI;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes as a client and a security reviewer see them: who may write, what every bad request gets, and how
 * failed logins are throttled and timed. The test servers' throttle is loose enough for the timing test's
 * 50 failures of one name, and has a short window so that a lock-out is seen to lift; the tests that count
 * failures per address play their clients from addresses of their own (127.0.x.y, see {@link RawHttp}). The
 * operations endpoints are restricted to the role property-admin here, which the other servers leave public
 * ({@link TestServer#OPERATIONS_ROLE}).
 */
@SharedServer(TestServer.OPERATIONS_ROLE)
class PropertyWritesIT {

    private static final int MAX_FAILURES_PER_NAME = TestServer.MAX_FAILED_LOGINS_PER_NAME;
    private static final int MAX_FAILURES_PER_ADDRESS = TestServer.MAX_FAILED_LOGINS_PER_ADDRESS;
    private static final int WINDOW_SECONDS = TestServer.FAILED_LOGIN_WINDOW_SECONDS;

    private static final String VALID = "{\"title\":\"Cottage\",\"description\":\"Stone walls\",\"price\":\"120000.50\","
            + "\"location\":\"Accra\"}";

    private final URI base;
    private final Http anonymous;
    private final Http admin;
    private long existing;

    PropertyWritesIT(Http anonymous) {
        this.anonymous = anonymous;
        this.base = anonymous.base();
        this.admin = anonymous.asAdmin();
    }

    @BeforeEach
    void existing() {
        HttpResponse<byte[]> created = admin.send("POST", "properties/", "application/json", VALID);
        assertEquals(201, created.statusCode(), Http.text(created));
        existing = Http.json(created).getJsonNumber("id").longValue();
    }

    @Test
    void writesNeedTheAdminRole() throws Exception {
        long rows = BuiltWar.propertyRows();
        for (Http client : List.of(anonymous, anonymous.as(TestAccounts.ADMIN, "wrong-password"),
                anonymous.as("nobody", "nothing"), anonymous.withAuthorization("Bearer x"),
                anonymous.withAuthorization("Basic not-base64!"))) {
            for (HttpResponse<byte[]> response : everyWrite(client)) {
                assertEquals(401, response.statusCode());
                assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
                assertEquals(401, Http.json(response).getInt("status"));
            }
        }
        for (HttpResponse<byte[]> response : everyWrite(anonymous.as(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD))) {
            assertEquals(403, response.statusCode());
            Problems.expect(403, response);
        }
        assertEquals(rows, BuiltWar.propertyRows());
        assertEquals("Cottage", Http.json(anonymous.get("properties/" + existing)).getString("title"));
        assertEquals(200, anonymous.as(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD).get("properties/").statusCode(),
                "reads stay open to everyone");
    }

    @Test
    void writesAnswerWithTheResource() {
        HttpResponse<byte[]> replaced = admin.send("PUT", "properties/" + existing, "application/json",
                VALID.replace("Cottage", "Barn"));
        assertEquals(200, replaced.statusCode());
        assertEquals("Barn", Http.json(replaced).getString("title"));

        HttpResponse<byte[]> patched = admin.send("PATCH", "properties/" + existing, "application/merge-patch+json",
                "{\"price\":7.5,\"location\":\"Kumasi\"}");
        assertEquals(200, patched.statusCode(), Http.text(patched));
        JsonObject body = Http.json(patched);
        assertEquals("Barn", body.getString("title"), "a merge patch keeps what it does not name");
        assertEquals("7.50", body.getString("price"));
        assertEquals("Kumasi", body.getString("location"));

        HttpResponse<byte[]> asJson = admin.send("PATCH", "properties/" + existing, "application/json",
                "{\"location\":\"Tamale\"}");
        assertEquals(200, asJson.statusCode(), "a PATCH in application/json is the same merge patch");
        assertEquals("7.50", Http.json(asJson).getString("price"));
        assertEquals("Tamale", Http.json(anonymous.get("properties/" + existing)).getString("location"));

        HttpResponse<byte[]> nulled = admin.send("PATCH", "properties/" + existing, "application/merge-patch+json",
                "{\"title\":null}");
        assertEquals(400, nulled.statusCode(), "null removes the title, which is required");
        assertEquals(List.of("title"), fields(nulled));
        assertEquals("Barn", Http.json(anonymous.get("properties/" + existing)).getString("title"));

        assertEquals(204, admin.delete("properties/" + existing).statusCode());
        assertEquals(404, anonymous.get("properties/" + existing).statusCode());
    }

    @Test
    void optionsOfAPropertySayWhatAPatchTakes() {
        HttpResponse<byte[]> options = anonymous.send(anonymous.request("properties/" + existing)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, options.statusCode());
        assertTrue(options.headers().firstValue("Allow").orElse("").contains("PATCH"), options.headers().map().toString());
        assertEquals(Optional.of("application/merge-patch+json, application/json"),
                options.headers().firstValue("Accept-Patch"));
        HttpResponse<byte[]> ofTheList = anonymous.send(anonymous.request("properties/")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(Optional.empty(), ofTheList.headers().firstValue("Accept-Patch"), "the list takes no PATCH");
    }

    @Test
    void everyBadRequestGetsItsStatusAndChangesNothing() throws Exception {
        long rows = BuiltWar.propertyRows();
        String before = Http.text(anonymous.get("properties/" + existing));
        long evictions = MetricsScrape.of(anonymous).cache("evictions", "list");

        expect(400, admin.send("POST", "properties/", "application/json", "{\"title\":"), List.of());
        expect(400, admin.send("POST", "properties/", "application/json",
                "{\"title\":1,\"description\":[],\"price\":\"cheap\",\"location\":{}}"),
                List.of("description", "location", "price", "title"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("}", ",\"owner\":\"me\"}")),
                List.of("owner"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("\"120000.50\"", "-1")),
                List.of("price"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("\"120000.50\"", "123456789")),
                List.of("price"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("\"120000.50\"", "1.005")),
                List.of("price"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("Cottage", "t".repeat(201))),
                List.of("title"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("Accra", "l".repeat(101))),
                List.of("location"));
        expect(400, admin.send("POST", "properties/", "application/json",
                VALID.replace("Cottage", " ").replace("Stone walls", "")), List.of("description", "title"));
        expect(400, admin.send("POST", "properties/", "application/json", VALID.replace("Cottage", "a\\u0000b")),
                List.of("title"));
        expect(415, admin.send("POST", "properties/", "text/plain", VALID), List.of());
        HttpResponse<byte[]> unsupportedPatch = admin.send("PATCH", "properties/" + existing, "text/plain",
                "{\"price\":1}");
        expect(415, unsupportedPatch, List.of());
        assertEquals(Optional.of("application/merge-patch+json, application/json"),
                unsupportedPatch.headers().firstValue("Accept-Patch"), "a 415 for a PATCH says what it takes");
        assertTrue(Http.json(unsupportedPatch).getString("detail").contains("application/merge-patch+json"),
                Http.text(unsupportedPatch));
        expect(413, admin.send("POST", "properties/", "application/json",
                VALID.replace("Stone walls", "x".repeat(70_000))), List.of());
        assertEquals(413, chunkedPost(VALID.replace("Stone walls", "y".repeat(70_000))), "a chunked body over 64 KiB");
        expect(404, admin.send("PUT", "properties/999999999", "application/json", VALID), List.of());
        expect(404, admin.delete("properties/999999999"), List.of());
        HttpResponse<byte[]> notAllowed = admin.send("POST", "properties/" + existing, "application/json", VALID);
        expect(405, notAllowed, List.of());
        assertTrue(notAllowed.headers().firstValue("Allow").isPresent(), "405 says what is allowed");

        assertEquals(rows, BuiltWar.propertyRows(), "a rejected request changed the row count");
        assertEquals(before, Http.text(anonymous.get("properties/" + existing)));
        assertEquals(evictions, MetricsScrape.of(anonymous).cache("evictions", "list"), "a rejected request evicted");
    }

    @Test
    void hostileBodiesNeverCause5xxNorChangeARow() throws Exception {
        long rows = BuiltWar.propertyRows();
        String before = Http.text(anonymous.get("properties/" + existing));
        List<String> bodies = HostileBodies.generate(220);
        List<String> failures = new ArrayList<>();
        for (String body : bodies) {
            for (HttpResponse<byte[]> response : List.of(
                    admin.send("POST", "properties/", "application/json", body),
                    admin.send("PUT", "properties/" + existing, "application/json", body),
                    admin.send("PATCH", "properties/" + existing, "application/merge-patch+json", body))) {
                String text = Http.text(response);
                boolean leaks = text.contains("Exception") || text.contains("SQL") || text.contains("\tat ")
                        || text.contains("io.propertylistings");
                if (response.statusCode() >= 500 || response.statusCode() < 400 || leaks) {
                    failures.add(response.request().method() + " " + response.statusCode() + " " + abbreviate(body)
                            + " -> " + abbreviate(text));
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(rows, BuiltWar.propertyRows());
        JsonObject after = Http.json(anonymous.get("properties/" + existing));
        JsonObject original = jakarta.json.Json.createReader(new java.io.StringReader(before)).readObject();
        assertEquals(original.getString("title"), after.getString("title"));
        assertEquals(original.getString("price"), after.getString("price"));
    }

    @Test
    void theOperationsEndpointsCanBeRestrictedToARole() {
        for (String path : List.of("cache/info", "cache/metrics", "dashboard/")) {
            HttpResponse<byte[]> anonymousAnswer = anonymous.get(path);
            assertEquals(401, anonymousAnswer.statusCode(), path);
            assertTrue(anonymousAnswer.headers().firstValue("WWW-Authenticate").isPresent());
            assertEquals(403, anonymous.as(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD).get(path).statusCode(), path);
            assertTrue(Set.of(200, 503).contains(anonymous.as(TestAccounts.ALICE, TestAccounts.ALICE_PASSWORD)
                    .get(path).statusCode()), path);
        }
        assertEquals(200, anonymous.get("properties/").statusCode(), "the API stays public");
    }

    @Test
    void anEntryThatRepeatsItsRoleAuthenticates() {
        Http carol = anonymous.as(TestAccounts.CAROL, TestAccounts.CAROL_PASSWORD);
        HttpResponse<byte[]> created = carol.send("POST", "properties/", "application/json", VALID);
        assertEquals(201, created.statusCode(), Http.text(created));
        assertEquals(200, carol.get("properties/?mine=true").statusCode());
    }

    @Test
    void aFailedLoginTakesAsLongForAnUnknownNameAsForAKnownOne() {
        int tries = 50;
        // Warm-up, not measured: the JIT compiles both paths.
        for (int i = 0; i < 8; i++) {
            failedLogin("127.0.3." + (200 + i), TestAccounts.ALICE);
            failedLogin("127.0.4." + (200 + i), "ghost-warm-" + i);
        }
        long[] known = new long[tries];
        long[] unknown = new long[tries];
        for (int i = 0; i < tries; i++) {
            // Interleaved, taking turns at going first, each from an address of its own: the machine's load
            // falls on both alike, and no address reaches its limit.
            if (i % 2 == 0) {
                known[i] = failedLogin("127.0.3." + (i + 1), TestAccounts.ALICE);
                unknown[i] = failedLogin("127.0.4." + (i + 1), "ghost-" + i);
            } else {
                unknown[i] = failedLogin("127.0.4." + (i + 1), "ghost-" + i);
                known[i] = failedLogin("127.0.3." + (i + 1), TestAccounts.ALICE);
            }
        }
        double knownMedian = median(known) / 1e6;
        double unknownMedian = median(unknown) / 1e6;
        String figures = String.format(java.util.Locale.ROOT, "median failed login over %d tries: known name %.2f ms, "
                + "unknown name %.2f ms (%+.1f %%)", tries, knownMedian, unknownMedian,
                100 * (unknownMedian - knownMedian) / knownMedian);
        System.out.println("PropertyWritesIT: " + figures);
        assertTrue(Math.abs(unknownMedian - knownMedian) <= 0.2 * knownMedian, figures);
    }

    @Test
    void failedLoginsForOneNameAreThrottledWhetherOrNotItExistsAndTheLockOutLifts() throws Exception {
        String password = TestAccounts.BOB_PASSWORD;
        String ghost = "ghost-" + System.nanoTime();
        long started = System.nanoTime();
        for (int i = 0; i < MAX_FAILURES_PER_NAME; i++) {
            // Spread over addresses, each far below its own limit: only the name is counted here.
            String address = "127.0.5." + (i % 20 + 1);
            assertEquals(401, RawHttp.send(base, address, "GET", "properties/", basic(TestAccounts.BOB, "wrong-" + i), null).status());
            assertEquals(401, RawHttp.send(base, address, "GET", "properties/", basic(ghost, "wrong-" + i), null).status());
        }

        RawHttp.Answer bobLocked = RawHttp.send(base, "127.0.6.1", "GET", "properties/", basic(TestAccounts.BOB, "wrong"), null);
        RawHttp.Answer ghostLocked = RawHttp.send(base, "127.0.6.2", "GET", "properties/", basic(ghost, "wrong"), null);
        assertTooManyRequests(bobLocked);
        assertTooManyRequests(ghostLocked);
        assertEquals(bobLocked.body(), ghostLocked.body(), "the answer does not tell which name exists");
        // Intended: during the lock-out the right password is refused too. Letting it through would make the
        // lock-out an oracle (a guess that is not refused is the password), and it is never hashed meanwhile.
        RawHttp.Answer rightPassword = RawHttp.send(base, "127.0.6.3", "POST", "properties/", basic(TestAccounts.BOB, password), VALID);
        assertTooManyRequests(rightPassword);

        long lifted = awaitNot429(() -> RawHttp.send(base, "127.0.6.4", "GET", "properties/?mine=true",
                basic(TestAccounts.BOB, password), null), 200);
        double seconds = (lifted - started) / 1e9;
        assertTrue(seconds >= WINDOW_SECONDS - 0.2, "lifted after " + seconds + " s, before the window of " + WINDOW_SECONDS + " s");
        assertEquals(201, RawHttp.send(base, "127.0.6.5", "POST", "properties/", basic(TestAccounts.BOB, password), VALID).status());
    }

    @Test
    void failedLoginsFromOneAddressAreThrottledForEveryNameAndTheLockOutLifts() throws Exception {
        String address = "127.0.8." + (1 + (int) (System.nanoTime() % 200));
        long started = System.nanoTime();
        for (int i = 0; i < MAX_FAILURES_PER_ADDRESS; i++) {
            assertEquals(401, RawHttp.send(base, address, "GET", "properties/", basic("guess-" + i, "guess"), null).status());
        }
        assertTooManyRequests(RawHttp.send(base, address, "GET", "properties/", basic("guess-fresh", "guess"), null));
        assertTooManyRequests(RawHttp.send(base, address, "GET", "properties/",
                basic(TestAccounts.ALICE, TestAccounts.ALICE_PASSWORD), null));
        assertEquals(200, RawHttp.send(base, "127.0.9.1", "GET", "properties/",
                basic(TestAccounts.ALICE, TestAccounts.ALICE_PASSWORD), null).status(), "other addresses are not throttled");

        long lifted = awaitNot429(() -> RawHttp.send(base, address, "GET", "properties/",
                basic(TestAccounts.ALICE, TestAccounts.ALICE_PASSWORD), null), 200);
        double seconds = (lifted - started) / 1e9;
        assertTrue(seconds >= WINDOW_SECONDS - 0.2, "lifted after " + seconds + " s, before the window of " + WINDOW_SECONDS + " s");
    }

    private long failedLogin(String address, String name) {
        RawHttp.Answer answer = RawHttp.send(base, address, "GET", "properties/?size=1", basic(name, "not-the-password"), null);
        assertEquals(401, answer.status(), answer.body());
        return answer.nanos();
    }

    private void assertTooManyRequests(RawHttp.Answer answer) {
        assertEquals(429, answer.status(), answer.body());
        long retryAfter = Long.parseLong(answer.header("Retry-After"));
        assertTrue(retryAfter >= 1 && retryAfter <= WINDOW_SECONDS, "Retry-After: " + retryAfter);
        JsonObject problem = Problems.expect(429, answer, base.getPath() + "properties/");
        assertEquals("/problems/login-throttled", problem.getString("type"));
    }

    /** Polls until the answer is not a 429, then expects {@code status}; the time it was first seen. */
    private static long awaitNot429(java.util.function.Supplier<RawHttp.Answer> request, int status) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(WINDOW_SECONDS + 20);
        while (true) {
            RawHttp.Answer answer = request.get();
            if (answer.status() != 429) {
                assertEquals(status, answer.status(), answer.body());
                return System.nanoTime();
            }
            assertTrue(System.nanoTime() < deadline, "still 429 after " + (WINDOW_SECONDS + 20) + " s");
            Thread.sleep(100); // between polls of the condition, bounded by the deadline
        }
    }

    private static String basic(String user, String password) {
        return TestAccounts.basic(user, password);
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
    }

    /** A body without Content-Length, in chunks, over a plain socket: the status code the server answers. */
    private int chunkedPost(String body) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            String head = "POST " + base.getPath() + "properties/ HTTP/1.1\r\nHost: " + base.getHost() + "\r\n"
                    + "Authorization: " + TestAccounts.basic(TestAccounts.ADMIN, TestAccounts.ADMIN_PASSWORD) + "\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            try {
                for (int offset = 0; offset < bytes.length; offset += 8192) {
                    int length = Math.min(8192, bytes.length - offset);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(bytes, offset, length);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (java.io.IOException closedEarly) {
                // the server may answer and close before the whole body is sent
            }
            String statusLine = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }

    private List<HttpResponse<byte[]>> everyWrite(Http client) {
        return List.of(
                client.send("POST", "properties/", "application/json", VALID),
                client.send("PUT", "properties/" + existing, "application/json", VALID.replace("Cottage", "Taken")),
                client.send("PATCH", "properties/" + existing, "application/merge-patch+json", "{\"title\":\"Taken\"}"),
                client.delete("properties/" + existing));
    }

    private static void expect(int status, HttpResponse<byte[]> response, List<String> fields) {
        JsonObject problem = Problems.expect(status, response);
        assertEquals(fields, Problems.fields(problem).stream().distinct().toList());
    }

    private static List<String> fields(HttpResponse<byte[]> response) {
        JsonObject error = Http.json(response);
        if (!error.containsKey("violations")) {
            return List.of();
        }
        return error.getJsonArray("violations").getValuesAs(JsonObject.class).stream()
                .map(violation -> violation.getString("field")).distinct().toList();
    }

    private static String abbreviate(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }

}
