package io.propertylistings.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.Http;
import io.propertylistings.support.Problems;
import io.propertylistings.support.RawHttp;
import io.propertylistings.support.SharedServer;
import io.propertylistings.support.TestAccounts;
import io.propertylistings.support.TestServer;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every error status the API gives, as a client meets it: each an RFC 9457 problem whose status is the answer's.
 * 500 has no request that makes it (ProblemMappingTest), 503 needs a dependency stopped (CacheOutageIT for the
 * database, ObservabilityIT for Redis). On the server whose operations endpoints need a role, for their 401 and
 * 403.
 */
@SharedServer(TestServer.OPERATIONS_ROLE)
class ProblemDetailsIT {

    private static final String VALID = "{\"title\":\"Barn\",\"description\":\"Beams\",\"price\":\"99000.00\","
            + "\"location\":\"Oslo\"}";

    private final Http anonymous;
    private final Http admin;
    private final Http viewer;
    private String property;

    ProblemDetailsIT(Http anonymous) {
        this.anonymous = anonymous;
        this.admin = anonymous.asAdmin();
        this.viewer = anonymous.as(TestAccounts.VIEWER, TestAccounts.VIEWER_PASSWORD);
    }

    @BeforeEach
    void property() {
        HttpResponse<byte[]> created = admin.send("POST", "properties/", "application/json", VALID);
        assertEquals(201, created.statusCode(), Http.text(created));
        property = "properties/" + Http.json(created).getJsonNumber("id").longValue();
    }

    @Test
    void badRequestsNameTheFieldsOfTheQueryAndOfTheBody() {
        JsonObject query = Problems.expect(400, anonymous.get("properties/?size=0&sort=up"));
        assertEquals("/problems/invalid-request", query.getString("type"));
        assertEquals(List.of("size", "sort"), Problems.fields(query).stream().sorted().toList());

        JsonObject body = Problems.expect(400, admin.send("POST", "properties/", "application/json",
                VALID.replace("\"99000.00\"", "\"-1\"")));
        assertEquals("/problems/invalid-request", body.getString("type"));
        assertEquals(List.of("price"), Problems.fields(body));
        Problems.expect(400, admin.send("POST", "properties/", "application/json", "{not json"));
    }

    @Test
    void refusedCredentialsAndRolesOnReadsWritesAndOperations() {
        assertChallenge(anonymous.withAuthorization("Bearer x").get(property));
        assertChallenge(anonymous.as(TestAccounts.ADMIN, "wrong").get("properties/"));
        assertChallenge(anonymous.send("POST", "properties/", "application/json", VALID));
        assertChallenge(anonymous.get("cache/metrics"));
        assertChallenge(anonymous.get("properties/?mine=true"));
        Problems.expect(403, viewer.send("POST", "properties/", "application/json", VALID));
        Problems.expect(403, viewer.get("cache/info"));
    }

    @Test
    void unknownPathsMethodsAndTypes() {
        Problems.expect(404, anonymous.get("properties/999999999"));
        Problems.expect(404, anonymous.get("properties/not-a-number"));
        Problems.expect(404, anonymous.get("no/such/path"));
        Problems.expect(404, anonymous.get("problems/no-such-type"));

        HttpResponse<byte[]> notAllowed = anonymous.send(anonymous.request("properties/").DELETE().build());
        Problems.expect(405, notAllowed);
        assertTrue(notAllowed.headers().firstValue("Allow").orElse("").contains("GET"), notAllowed.headers().toString());

        Problems.expect(406, anonymous.send(anonymous.request(property).header("Accept", "text/html").build()));
        Problems.expect(415, admin.send("POST", "properties/", "text/plain", VALID));
        HttpResponse<byte[]> patch = admin.send("PATCH", property, "text/plain", "{}");
        JsonObject patchProblem = Problems.expect(415, patch);
        assertTrue(patchProblem.getString("detail").contains("application/merge-patch+json"), patchProblem.toString());
        assertEquals("application/merge-patch+json, application/json", patch.headers().firstValue("Accept-Patch").orElse(""));
        Problems.expect(413, admin.send("POST", "properties/", "application/json",
                VALID.replace("Beams", "b".repeat(RequestBodyLimit.MAX_BYTES))));
    }

    @Test
    void errorsOfAnAnswerCachedAheadOfJaxRsAreProblemsToo() {
        // Twice: the second is answered by the early path, which leaves every error to JAX-RS.
        assertEquals(200, anonymous.get(property).statusCode());
        assertEquals(200, anonymous.get(property).statusCode());
        assertChallenge(anonymous.withAuthorization("Basic !!").get(property));
        Problems.expect(406, anonymous.send(anonymous.request(property).header("Accept", "image/png").build()));
        Problems.expect(405, anonymous.send(anonymous.request(property)
                .method("POST", HttpRequest.BodyPublishers.ofString(VALID)).header("Content-Type", "application/json")
                .build()));
    }

    @Test
    void throttledLoginsAreProblemsWithRetryAfter() {
        String address = "127.0.10." + (1 + (int) (System.nanoTime() % 200));
        for (int i = 0; i < TestServer.MAX_FAILED_LOGINS_PER_ADDRESS; i++) {
            Problems.expect(401, RawHttp.send(anonymous.base(), address, "GET", "properties/",
                    TestAccounts.basic("guess-" + i, "guess"), null), anonymous.base().getPath() + "properties/");
        }
        RawHttp.Answer throttled = RawHttp.send(anonymous.base(), address, "GET", "properties/",
                TestAccounts.basic("guess", "guess"), null);
        JsonObject problem = Problems.expect(429, throttled, anonymous.base().getPath() + "properties/");
        assertEquals("/problems/login-throttled", problem.getString("type"));
        assertTrue(Integer.parseInt(throttled.header("Retry-After")) > 0, throttled.headers().toString());
    }

    @Test
    void aClientThatAcceptsOnlyJsonGetsTheSameBodyAsJson() {
        HttpResponse<byte[]> problem = anonymous.get("properties/?size=0");
        HttpResponse<byte[]> json = anonymous.send(anonymous.request("properties/?size=0")
                .header("Accept", "application/json").build());
        assertEquals(400, json.statusCode());
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElse("").split(";")[0]);
        assertEquals(Http.json(problem), Http.json(json));
        Problems.expect(400, anonymous.send(anonymous.request("properties/?size=0")
                .header("Accept", "application/json;q=0.5, application/problem+json").build()));
    }

    @Test
    void aProblemTypeLeadsToItsDescription() {
        String type = Http.json(anonymous.get("properties/?size=0")).getString("type");
        HttpResponse<byte[]> described = anonymous.get(type.substring(1));
        assertEquals(200, described.statusCode(), Http.text(described));
        JsonObject description = Http.json(described);
        assertEquals(type, description.getString("type"));
        assertEquals(400, description.getInt("status"));
        assertTrue(description.getString("description").contains("violations"), description.toString());
    }

    @Test
    void theServersOwnErrorPageIsAProblem() {
        Problems.expect(404, anonymous.get("error"));
    }

    private static void assertChallenge(HttpResponse<byte[]> response) {
        Problems.expect(401, response);
        assertTrue(response.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic realm="),
                response.headers().toString());
    }
}
