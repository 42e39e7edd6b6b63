package io.propertylistings.platform.boundary;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A body that is not JSON, or JSON of the wrong types: 400, without the parser's internals. */
@Provider
public class UnreadableBodyMapper implements ExceptionMapper<ProcessingException> {

    @Override
    public Response toResponse(ProcessingException exception) {
        return Problem.of(ProblemType.INVALID_REQUEST, "the body is not valid JSON for this resource").response().build();
    }
}
