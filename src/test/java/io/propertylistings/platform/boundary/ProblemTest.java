package io.propertylistings.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.net.ConnectException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @AfterAll
    static void close() throws Exception {
        JSONB.close();
    }

    @Test
    void aBareStatusIsAboutBlankWithItsReasonPhraseAndNoEmptyMembers() {
        JsonObject json = json(Problem.of(Response.Status.NOT_FOUND, null).at("/properties/7"));
        assertEquals("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"instance\":\"/properties/7\"}",
                json.toString());
        assertNull(Problem.of(499).title());
    }

    @Test
    void violationsAreAnExtensionMemberOfTheInvalidRequestType() {
        JsonObject json = json(Problem.of(ProblemType.INVALID_REQUEST, "the request is not valid",
                List.of(new Problem.Violation("price", "must be a decimal number"))));
        assertEquals(List.of("type", "title", "status", "detail", "violations"), List.copyOf(json.keySet()));
        assertEquals("/problems/invalid-request", json.getString("type"));
        assertEquals("price", json.getJsonArray("violations").getJsonObject(0).getString("field"));
        assertFalse(json(Problem.of(ProblemType.INVALID_REQUEST, "not JSON")).containsKey("violations"));
    }

    @Test
    void unexpectedFailuresAre500WithoutTheirDetailsAndAnUnreachableDatabaseA503() {
        Response failed = new UnexpectedFailureMapper().toResponse(new IllegalStateException("SELECT secret"));
        assertEquals(500, failed.getStatus());
        assertEquals(Problem.MEDIA_TYPE, failed.getMediaType().toString());
        Problem problem = (Problem) failed.getEntity();
        assertEquals("about:blank", problem.type());
        assertFalse(problem.detail().contains("SELECT"));

        Response unavailable = new UnexpectedFailureMapper().toResponse(new RuntimeException(new ConnectException()));
        assertEquals(503, unavailable.getStatus());
        assertEquals(ProblemType.DATABASE_UNAVAILABLE.uri(), ((Problem) unavailable.getEntity()).type());
        assertEquals(UnexpectedFailureMapper.RETRY_AFTER_SECONDS, unavailable.getHeaderString("Retry-After"));
    }

    @Test
    void aReportRidesAlongAsExtensionMembersAfterTheProblemsOwn() {
        JsonObject json = Problem.of(ProblemType.REDIS_UNAVAILABLE, "Redis cannot be reached")
                .extendedWith(new Report("DOWN", "Redis cannot be reached", 3), JSONB);
        assertEquals(List.of("type", "title", "status", "detail", "redis", "error", "entries"), List.copyOf(json.keySet()));
        assertEquals(503, json.getInt("status"));
        assertEquals("DOWN", json.getString("redis"));
    }

    @JsonbPropertyOrder({"redis", "error", "entries"})
    public record Report(String redis, String error, int entries) {
    }

    private static JsonObject json(Problem problem) {
        return Json.createReader(new StringReader(JSONB.toJson(problem))).readObject();
    }
}
