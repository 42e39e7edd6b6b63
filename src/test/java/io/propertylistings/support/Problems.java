package io.propertylistings.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

/** What every error of the API is: an RFC 9457 problem, checked member by member against the answer's status. */
public final class Problems {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final Set<String> MEMBERS = Set.of("type", "title", "status", "detail", "instance", "violations");

    private Problems() {
    }

    /** The problem of {@code response}, which must be a {@code status} sent as problem+json. */
    public static JsonObject expect(int status, HttpResponse<byte[]> response) {
        assertEquals(status, response.statusCode(), Http.text(response));
        assertEquals(MEDIA_TYPE, response.headers().firstValue("Content-Type").orElse("").split(";")[0],
                "Content-Type of " + Http.text(response));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""), "a problem is not cached");
        return members(status, Http.json(response), response.request().uri().getRawPath());
    }

    /** The same, for an answer read off a raw socket, whose request path the caller knows. */
    public static JsonObject expect(int status, RawHttp.Answer answer, String path) {
        assertEquals(status, answer.status(), answer.body());
        assertEquals(MEDIA_TYPE, answer.header("Content-Type").split(";")[0], answer.body());
        try (JsonReader reader = Json.createReader(new StringReader(answer.body()))) {
            return members(status, reader.readObject(), path);
        }
    }

    /** The field of each violation, in order. */
    public static List<String> fields(JsonObject problem) {
        return problem.containsKey("violations")
                ? problem.getJsonArray("violations").getValuesAs(JsonObject.class).stream()
                        .map(violation -> violation.getString("field")).toList()
                : List.of();
    }

    private static JsonObject members(int status, JsonObject problem, String path) {
        assertEquals(status, problem.getInt("status"), problem.toString());
        String type = problem.getString("type");
        assertTrue(type.equals("about:blank") || type.startsWith("/problems/"), problem.toString());
        assertFalse(problem.getString("title").isBlank(), problem.toString());
        assertEquals(path, problem.getString("instance"), problem.toString());
        if (problem.containsKey("detail")) {
            assertFalse(problem.getString("detail").isBlank(), problem.toString());
        }
        assertTrue(MEMBERS.containsAll(problem.keySet()) || !type.equals("about:blank"),
                "an about:blank problem has no extension members: " + problem);
        return problem;
    }
}
