package io.propertylistings.platform.control;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/** Tells a database that cannot be reached from other failures, wherever it shows in a chain of causes. */
public final class DatabaseFailures {

    private DatabaseFailures() {
    }

    /** Connection failures by their SQL state (class 08, or 57P for a server shutting down) or their type. */
    public static boolean unreachable(Throwable failure) {
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
}
