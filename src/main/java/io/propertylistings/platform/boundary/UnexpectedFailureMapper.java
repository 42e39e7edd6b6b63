package io.propertylistings.platform.boundary;

import io.propertylistings.platform.control.DatabaseFailures;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Anything else, logged here and answered without a stack trace or SQL. A database that cannot be reached is
 * a 503 with Retry-After (the client may try again; nothing was written); every other failure a bare 500.
 */
@Provider
public class UnexpectedFailureMapper implements ExceptionMapper<Exception> {

    private static final Logger LOG = Logger.getLogger(UnexpectedFailureMapper.class.getName());
    static final String RETRY_AFTER_SECONDS = "5";

    @Override
    public Response toResponse(Exception exception) {
        if (DatabaseFailures.unreachable(exception)) {
            LOG.warning(() -> "Database unreachable: " + rootCause(exception));
            return Problem.of(ProblemType.DATABASE_UNAVAILABLE, "the database is unavailable, try again shortly")
                    .response()
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.log(Level.SEVERE, "Unexpected failure", exception);
        return Problem.of(Response.Status.INTERNAL_SERVER_ERROR, "the request could not be completed").response().build();
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
