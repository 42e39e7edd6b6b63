package io.propertylistings.platform.boundary;

import jakarta.json.bind.annotation.JsonbPropertyOrder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The one error shape of this API: {@code {"status":400,"error":"Bad Request","message":"…","violations":[…]}}. */
@JsonbPropertyOrder({"status", "error", "message", "violations"})
public record ErrorResponse(int status, String error, String message, List<Violation> violations) {

    @JsonbPropertyOrder({"field", "message"})
    public record Violation(String field, String message) {
    }

    public static Response of(Response.StatusType status, String message, List<Violation> violations) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ErrorResponse(status.getStatusCode(), status.getReasonPhrase(), message, violations))
                .build();
    }

    public static Response of(Response.StatusType status, String message) {
        return of(status, message, List.of());
    }
}
