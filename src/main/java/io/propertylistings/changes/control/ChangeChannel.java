package io.propertylistings.changes.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * One connection that LISTENs on the channel the trigger notifies ({@code V3__notify_property_changes.sql}),
 * through pgjdbc's {@link PGConnection} unwrapped from the container's pooled connection, so no connection
 * setting is written twice. PostgreSQL delivers a notification at commit, in commit order, never for a
 * rollback; it sends those of every commit before a query ahead of that query's answer, which is how
 * {@link #sync} knows it has heard everything committed before it was called.
 */
public final class ChangeChannel implements AutoCloseable {

    public static final String NAME = "property_changes";
    /** How the listening session shows in {@code pg_stat_activity}. */
    public static final String APPLICATION_NAME = "property-changes-listener";

    private final Connection connection;
    private final PGConnection notifications;
    private final Statement heartbeat;

    private ChangeChannel(Connection connection, PGConnection notifications, Statement heartbeat) {
        this.connection = connection;
        this.notifications = notifications;
        this.heartbeat = heartbeat;
    }

    /**
     * Listens on {@code connection}, which the channel owns from now on (closed by {@link #close}). A round trip
     * that takes longer than {@code timeoutMillis} fails (a network cut would otherwise hang it for minutes).
     */
    public static ChangeChannel listen(Connection connection, int timeoutMillis) throws SQLException {
        try {
            PGConnection notifications = connection.unwrap(PGConnection.class);
            networkTimeout(connection, notifications, timeoutMillis);
            if (!connection.getAutoCommit()) {
                connection.setAutoCommit(true); // LISTEN takes effect at commit
            }
            Statement heartbeat = connection.createStatement();
            heartbeat.execute("SET application_name = '" + APPLICATION_NAME + "'");
            heartbeat.execute("LISTEN " + NAME);
            return new ChangeChannel(connection, notifications, heartbeat);
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** The payloads of every change committed before this call and not returned yet; one round trip. */
    public List<String> sync() throws SQLException {
        heartbeat.execute("SELECT 1");
        return payloads(notifications.getNotifications());
    }

    /** The payloads that arrive within {@code millis} (more than 0); returns as soon as one does. */
    public List<String> await(int millis) throws SQLException {
        return payloads(notifications.getNotifications(millis));
    }

    /**
     * On pgjdbc's own connection where the server hands it out (Payara, WildFly), else on the server's wrapper
     * (OpenLiberty unwraps to a proxy of PGConnection alone). Where neither takes it, a hung round trip is still
     * bounded for readers: the node stops reading the cache once its heartbeat is late.
     */
    private static void networkTimeout(Connection connection, PGConnection notifications, int millis) {
        Connection target = notifications instanceof Connection physical ? physical : connection;
        try {
            target.setNetworkTimeout(Runnable::run, millis);
        } catch (SQLException | RuntimeException unsupported) {
            // see above
        }
    }

    private static List<String> payloads(PGNotification[] received) {
        List<String> payloads = new ArrayList<>();
        if (received != null) {
            for (PGNotification notification : received) {
                if (NAME.equals(notification.getName())) {
                    payloads.add(notification.getParameter());
                }
            }
        }
        return payloads;
    }

    @Override
    public void close() {
        try {
            // A connection that goes back to the pool listens no more.
            heartbeat.execute("UNLISTEN *");
            heartbeat.execute("RESET application_name");
            networkTimeout(connection, notifications, 0);
        } catch (SQLException | RuntimeException brokenAnyway) {
            // the pool's validation drops a broken connection
        }
        try {
            connection.close();
        } catch (SQLException | RuntimeException brokenAnyway) {
            // nothing else to release
        }
    }
}
