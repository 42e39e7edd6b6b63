package io.propertylistings.platform.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404, 405, 415 and the other statuses JAX-RS raises, in the API's error shape. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Response.ResponseBuilder mapped = Response.fromResponse(ErrorResponse.of(status, message(exception, status)));
        // Keep what the client needs to recover, such as Allow on a 405.
        original.getStringHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(value -> mapped.header(name, value));
            }
        });
        return mapped.build();
    }

    private static String message(WebApplicationException exception, Response.StatusType status) {
        // Server errors keep their details in the log; client errors say what was wrong.
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR || exception.getMessage() == null) {
            return status.getReasonPhrase();
        }
        String message = exception.getMessage();
        return message.startsWith("HTTP " + status.getStatusCode()) ? status.getReasonPhrase() : message;
    }
}
