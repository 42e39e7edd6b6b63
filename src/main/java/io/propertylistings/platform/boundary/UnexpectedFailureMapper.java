package io.propertylistings.platform.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
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
        if (databaseUnreachable(exception)) {
            LOG.warning(() -> "Database unreachable: " + rootCause(exception));
            return Response.fromResponse(ErrorResponse.of(Response.Status.SERVICE_UNAVAILABLE,
                            "the database is unavailable, try again shortly"))
                    .header("Retry-After", RETRY_AFTER_SECONDS)
                    .build();
        }
        LOG.log(Level.SEVERE, "Unexpected failure", exception);
        return ErrorResponse.of(Response.Status.INTERNAL_SERVER_ERROR, "the request could not be completed");
    }

    /** Connection failures by their SQL state (class 08, or 57P for a server shutting down) or their type. */
    static boolean databaseUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException || cause instanceof SQLNonTransientConnectionException
                    || cause instanceof ConnectException) {
                return true;
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
            // A pool that cannot open a connection says so in its message, with no SQL state.
            if (cause instanceof SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("allocating a connection")) {
                return true;
            }
        }
        return false;
    }

    private static String rootCause(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }
}
