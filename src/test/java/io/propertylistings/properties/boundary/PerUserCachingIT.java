package io.propertylistings.properties.boundary;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.Http;
import io.propertylistings.support.MetricsScrape;
import io.propertylistings.support.Problems;
import io.propertylistings.support.PayaraMicroEnvironment;
import io.propertylistings.support.SharedServer;
import io.propertylistings.support.TestAccounts;
import io.propertylistings.support.TestServer;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Two writers, alice and bob (role property-admin, from properties.users), and anonymous readers: each caller's
 * own answers ({@code mine=true}) are cached for that caller only and sent as private; an answer that does not
 * depend on who asks is one shared entry for every caller, with credentials or without.
 * Warming is off so that what a read after a write finds is decided by the reads alone.
 */
@SharedServer(TestServer.WARMING_OFF)
class PerUserCachingIT {

    private final Http anonymous;
    private final Http alice;
    private final Http bob;

    PerUserCachingIT(Http anonymous) {
        this.anonymous = anonymous;
        alice = anonymous.as(TestAccounts.ALICE, TestAccounts.ALICE_PASSWORD);
        bob = anonymous.as(TestAccounts.BOB, TestAccounts.BOB_PASSWORD);
    }

    @Test
    void eachUserGetsTheirOwnPropertiesCachedForThemAlone() throws Exception {
        long ofAlice = create(alice, "Alice's flat");
        long ofBob = create(bob, "Bob's house");
        assertEquals(TestAccounts.ALICE, ownerInDatabase(ofAlice), "the creator is stored as the owner");

        HttpResponse<byte[]> aliceFirst = alice.get("properties/?mine=true");
        HttpResponse<byte[]> bobFirst = bob.get("properties/?mine=true");
        HttpResponse<byte[]> aliceSecond = alice.get("properties/?mine=true");
        HttpResponse<byte[]> bobSecond = bob.get("properties/?mine=true");

        assertEquals("MISS", cache(aliceFirst));
        assertEquals("MISS", cache(bobFirst), "bob was not served alice's entry");
        assertEquals("HIT", cache(aliceSecond));
        assertEquals("HIT", cache(bobSecond));
        assertTrue(ids(aliceFirst).contains(ofAlice) && !ids(aliceFirst).contains(ofBob));
        assertEquals(ids(aliceFirst), ids(aliceSecond));
        assertTrue(ids(bobFirst).contains(ofBob) && !ids(bobFirst).contains(ofAlice));
        assertEquals(ids(bobFirst), ids(bobSecond));
        assertEquals(TestAccounts.ALICE, owners(aliceSecond), "only alice's properties");
        assertEquals(TestAccounts.BOB, owners(bobSecond), "only bob's properties");
        assertNotEquals(ids(aliceSecond), ids(bobSecond));
        for (HttpResponse<byte[]> own : List.of(aliceFirst, aliceSecond, bobSecond)) {
            assertEquals("private, no-cache", header(own, "Cache-Control"));
            assertTrue(header(own, "Vary").contains("Authorization"), header(own, "Vary"));
        }

        // Revalidation of the own entry keeps it private.
        HttpResponse<byte[]> revalidated = alice.send(alice.request("properties/?mine=true")
                .header("If-None-Match", header(aliceSecond, "ETag")).GET().build());
        assertEquals(304, revalidated.statusCode());
        assertTrue(header(revalidated, "Cache-Control").startsWith("private"));
        assertTrue(header(revalidated, "Vary").contains("Authorization"));
    }

    @Test
    void aWriteByOneUserEvictsTheirEntryAndTheSharedList() {
        create(alice, "Alice's first");
        alice.get("properties/?mine=true");
        anonymous.get("properties/");
        assertEquals("HIT", cache(alice.get("properties/?mine=true")));
        assertEquals("HIT", cache(anonymous.get("properties/")));

        long added = create(alice, "Alice's second");

        HttpResponse<byte[]> mine = alice.get("properties/?mine=true");
        HttpResponse<byte[]> shared = anonymous.get("properties/");
        assertEquals("MISS", cache(mine));
        assertTrue(ids(mine).contains(added));
        assertEquals("MISS", cache(shared));
        assertTrue(ids(shared).contains(added));
        HttpResponse<byte[]> bobs = bob.get("properties/?mine=true");
        assertFalse(ids(bobs).contains(added), "bob's list never has alice's property");
    }

    @Test
    void mineWithoutCredentialsIsA401() {
        HttpResponse<byte[]> refused = anonymous.get("properties/?mine=true");

        JsonObject problem = Problems.expect(401, refused);
        assertEquals("credentials are required for mine=true", problem.getString("detail"));
        assertTrue(header(refused, "WWW-Authenticate").startsWith("Basic realm="));
        assertEquals(400, alice.get("properties/?mine=yes").statusCode());
    }

    @Test
    void anAnswerThatDoesNotDependOnTheCallerIsOneSharedEntry() {
        long id = create(bob, "Read with and without credentials");

        HttpResponse<byte[]> aliceFirst = alice.get("properties/");
        HttpResponse<byte[]> anonymousFirst = anonymous.get("properties/");
        HttpResponse<byte[]> bobDetail = bob.get("properties/" + id);
        HttpResponse<byte[]> anonymousDetail = anonymous.get("properties/" + id);

        assertEquals("MISS", cache(aliceFirst));
        assertEquals("HIT", cache(anonymousFirst), "the list's arguments name no caller: one entry for all");
        assertArrayEquals(aliceFirst.body(), anonymousFirst.body());
        assertEquals("public, no-cache", header(aliceFirst, "Cache-Control"));
        assertFalse(header(aliceFirst, "Vary").contains("Authorization"));
        assertEquals("MISS", cache(bobDetail));
        assertEquals("HIT", cache(anonymousDetail));
        assertArrayEquals(bobDetail.body(), anonymousDetail.body());
    }

    /**
     * The choice for an Authorization header that authenticates nobody: a 401, on reads too (not the anonymous
     * answer), given before any resource runs. So such requests never reach the database, however many come.
     */
    @Test
    void aHeaderThatAuthenticatesNobodyIsA401BeforeAnyLoad() throws Exception {
        String coldQuery = "properties/?min_price=" + (System.nanoTime() % 100_000) + "&sort=-price";
        MetricsScrape before = MetricsScrape.of(anonymous);

        Http bearer = anonymous.withAuthorization("Bearer x");
        List<java.util.concurrent.CompletableFuture<HttpResponse<byte[]>>> burst = new java.util.ArrayList<>();
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 100; i++) {
            burst.add(client.sendAsync(bearer.request(coldQuery).GET().build(), HttpResponse.BodyHandlers.ofByteArray()));
        }
        for (java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> answer : burst) {
            assertRefused(answer.get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        for (String authorization : List.of("Basic !!!", "Basic " + java.util.Base64.getEncoder()
                        .encodeToString("no-colon".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                TestAccounts.basic(TestAccounts.ALICE, "wrong"), TestAccounts.basic("nobody", "wrong"))) {
            assertRefused(anonymous.withAuthorization(authorization).get(coldQuery));
        }

        MetricsScrape after = MetricsScrape.of(anonymous);
        for (String level : List.of("response", "list")) {
            assertEquals(before.cache("loads", level), after.cache("loads", level), level + " loads");
            assertEquals(before.cache("misses", level), after.cache("misses", level), level + " misses");
        }
        assertEquals(200, anonymous.get(coldQuery).statusCode(), "without the header the query is answered");
        assertEquals(before.cache("loads", "response") + 1, MetricsScrape.of(anonymous).cache("loads", "response"),
                "the query was cold: the refused requests filled nothing");
    }

    private static void assertRefused(HttpResponse<byte[]> response) {
        assertEquals(401, response.statusCode(), Http.text(response));
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElseThrow().startsWith("Basic realm="));
        assertEquals(401, Http.json(response).getInt("status"));
    }

    private static long create(Http as, String title) {
        HttpResponse<byte[]> created = as.send("POST", "properties/", "application/json",
                "{\"title\":\"" + title + "\",\"description\":\"Per-user test\",\"price\":\"500\",\"location\":\"Lima\"}");
        assertEquals(201, created.statusCode(), Http.text(created));
        JsonObject property = Http.json(created);
        assertEquals(List.of("id", "title", "description", "price", "location", "created_at"),
                List.copyOf(property.keySet()), "the owner is not part of the JSON");
        return property.getJsonNumber("id").longValue();
    }

    private static String ownerInDatabase(long id) throws Exception {
        try (Connection connection = PayaraMicroEnvironment.services().openDatabase();
                PreparedStatement select = connection.prepareStatement("SELECT owner FROM property WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                return row.getString(1);
            }
        }
    }

    /** The one owner of every property in the answer, from the database; fails when there are several. */
    private static String owners(HttpResponse<byte[]> list) throws Exception {
        Set<String> owners = new java.util.HashSet<>();
        for (long id : ids(list)) {
            owners.add(ownerInDatabase(id));
        }
        assertEquals(1, owners.size(), "owners: " + owners);
        return owners.iterator().next();
    }

    private static Set<Long> ids(HttpResponse<byte[]> list) {
        assertEquals(200, list.statusCode(), Http.text(list));
        return Http.json(list).getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                .map(item -> item.getJsonNumber("id").longValue()).collect(Collectors.toSet());
    }

    private static String cache(HttpResponse<byte[]> response) {
        return header(response, "X-Cache");
    }

    private static String header(HttpResponse<byte[]> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name));
    }
}
