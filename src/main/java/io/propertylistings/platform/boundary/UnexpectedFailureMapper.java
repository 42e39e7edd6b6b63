package io.propertylistings.platform.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Anything else: logged here, answered as a bare 500 so no stack trace or SQL reaches a client. */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());

    @Override
    public Response toResponse(Exception exception) {
        LOG.log(Level.SEVERE, "Unexpected failure", exception);
        return ErrorResponse.of(Response.Status.INTERNAL_SERVER_ERROR, "the request could not be completed");
    }
}
