package io.propertylistings.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Changes made in the database without the service, over plain JDBC, as psql, an import or another service
 * would make them. Each call is one transaction and answers {@link System#nanoTime()} once its commit returned.
 */
public final class OutsideWrites {

    private static volatile long lastCommit = System.nanoTime() - Duration.ofHours(1).toNanos();

    private OutsideWrites() {
    }

    /** {@link System#nanoTime()} when the last commit made here returned (an hour before the first, if none). */
    public static long lastCommit() {
        return lastCommit;
    }

    /** Runs {@code statements} in one transaction and commits it; the time the commit returned. */
    public static long commit(String... statements) throws SQLException {
        try (Connection connection = PayaraMicroEnvironment.services().openDatabase();
                Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            for (String sql : statements) {
                statement.execute(sql);
            }
            connection.commit();
            lastCommit = System.nanoTime();
            return lastCommit;
        }
    }

    /** Inserts one property as another service would; its id. */
    public static long insert(String title, String location, String price) throws SQLException {
        try (Connection connection = PayaraMicroEnvironment.services().openDatabase();
                Statement statement = connection.createStatement();
                ResultSet id = statement.executeQuery("INSERT INTO property (title, description, price, location)"
                        + " VALUES ('" + title + "', 'Inserted outside the service', " + price + ", '" + location
                        + "') RETURNING id")) {
            id.next();
            lastCommit = System.nanoTime(); // auto-commit
            return id.getLong(1);
        }
    }

    /** The number of rows a query counts. */
    public static long count(String sql) throws SQLException {
        try (Connection connection = PayaraMicroEnvironment.services().openDatabase();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
