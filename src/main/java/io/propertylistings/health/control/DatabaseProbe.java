package io.propertylistings.health.control;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.util.logging.Logger;
import javax.sql.DataSource;

/** Borrows a connection of {@code jdbc/properties} and asks the driver whether it is valid. */
// Dependent: created with its health check at start-up, in the application's context, not on a health thread.
@Dependent
public class DatabaseProbe {

    @Resource(lookup = "jdbc/properties")
    DataSource dataSource;

    @Inject
    TimedProbe probe;

    /** The FINE message of each probe: tests count it. */
    public static final String PROBED = "Readiness probe of the database";

    private static final Logger LOG = Logger.getLogger(DatabaseProbe.class.getName());

    public ProbeOutcome probe(Duration timeout) {
        LOG.fine(PROBED);
        // isValid counts in whole seconds; the TimedProbe deadline is the real bound.
        int seconds = (int) Math.max(1, timeout.toSeconds());
        return probe.run(() -> {
            try (Connection connection = dataSource.getConnection()) {
                return connection.isValid(seconds);
            }
        }, timeout);
    }
}
