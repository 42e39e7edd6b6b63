package io.propertylistings.platform.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** 404, 405, 406, 413, 415 and the other statuses JAX-RS raises, as problems. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        Response.StatusType status = original.getStatusInfo();
        Response.ResponseBuilder mapped = Problem.of(status, message(exception, status)).response();
        // Keep what the client needs to recover, such as Allow on a 405.
        original.getStringHeaders().forEach((name, values) -> {
            if (!"Content-Type".equalsIgnoreCase(name)) {
                values.forEach(value -> mapped.header(name, value));
            }
        });
        return mapped.build();
    }

    /** What the exception says beyond its status, or null (no detail) when it only repeats the status. */
    private static String message(WebApplicationException exception, Response.StatusType status) {
        // Server errors keep their details in the log; client errors say what was wrong.
        String message = exception.getMessage();
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR || message == null
                || message.startsWith("HTTP " + status.getStatusCode())) {
            return null;
        }
        return message;
    }
}
