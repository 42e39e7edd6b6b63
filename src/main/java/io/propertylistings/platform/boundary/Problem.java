package io.propertylistings.platform.boundary;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.Response;
import java.io.StringReader;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The one error body of this API: RFC 9457 Problem Details, with the field violations of a 400 as the extension
 * member {@code violations}. The {@code type} is {@code about:blank}, whose title is the status' reason phrase,
 * unless a {@link ProblemType} says more than the status. {@code instance} is the request's path; where a problem
 * is made the request may not be at hand, so {@link ProblemResponses} fills it in when the problem is answered.
 * Null members are left out of the JSON.
 */
@Schema(name = "Problem", description = "Every error of this API: RFC 9457 Problem Details, sent as "
        + "application/problem+json (as application/json to a client whose Accept prefers it). A type other than "
        + "about:blank leads to its description.")
@JsonbPropertyOrder({"type", "title", "status", "detail", "instance", "violations"})
public record Problem(
        // ErrorResponsesFilter lists the types in this description.
        @Schema(required = true, description = "the problem type", example = "/problems/invalid-request")
        String type,
        @Schema(description = "the type's summary; for about:blank the status' reason phrase",
                example = "The request is not valid")
        String title,
        @Schema(required = true, description = "the HTTP status", example = "400")
        int status,
        @Schema(description = "what went wrong this time; absent where it would only repeat the title",
                example = "the request is not valid")
        String detail,
        @Schema(description = "the path of the request", example = "/properties/")
        String instance,
        @Schema(description = "extension member of /problems/invalid-request: one per invalid field")
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";
    static final String ABOUT_BLANK = "about:blank";
    /** No cache keeps a problem: a 404 must not outlive the property's creation. */
    static final String CACHE_CONTROL = "no-store";

    @Schema(name = "Violation")
    @JsonbPropertyOrder({"field", "message"})
    public record Violation(
            @Schema(description = "the JSON field or query parameter") String field,
            @Schema(description = "what is wrong with it") String message) {
    }

    /** A problem that the status says all about. */
    public static Problem of(Response.StatusType status, String detail) {
        return new Problem(ABOUT_BLANK, status.getReasonPhrase(), status.getStatusCode(), detail, null, null);
    }

    /** A problem of a bare status, such as the server's own, with no detail. */
    static Problem of(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return new Problem(ABOUT_BLANK, known == null ? null : known.getReasonPhrase(), status, null, null, null);
    }

    public static Problem of(ProblemType type, String detail) {
        return of(type, detail, List.of());
    }

    public static Problem of(ProblemType type, String detail, List<Violation> violations) {
        return new Problem(type.uri(), type.title(), type.status().getStatusCode(), detail, null,
                violations.isEmpty() ? null : List.copyOf(violations));
    }

    /** This problem as it happened at {@code requestPath}. */
    public Problem at(String requestPath) {
        return new Problem(type, title, status, detail, requestPath, violations);
    }

    /**
     * This problem with the members of {@code report} beside its own (RFC 9457 extension members), for an
     * error whose answer still carries figures, such as the cache's without Redis.
     */
    public JsonObject extendedWith(Object report, Jsonb jsonb) {
        JsonObject own = members(this, jsonb);
        JsonObjectBuilder extended = Json.createObjectBuilder(own);
        members(report, jsonb).forEach((name, value) -> {
            if (!own.containsKey(name)) {
                extended.add(name, value);
            }
        });
        return extended.build();
    }

    private static JsonObject members(Object value, Jsonb jsonb) {
        try (JsonReader reader = Json.createReader(new StringReader(jsonb.toJson(value)))) {
            return reader.readObject();
        }
    }

    /** The answer to give: this problem's status and body, as {@code application/problem+json}. */
    public Response.ResponseBuilder response() {
        return Response.status(status).type(MEDIA_TYPE).entity(this);
    }
}
