package io.propertylistings.platform.control;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class DatabaseFailuresTest {

    @Test
    void connectionFailuresAnywhereInTheChainAre503() {
        assertTrue(DatabaseFailures.unreachable(
                new RuntimeException(new IllegalStateException(new ConnectException("refused")))));
        assertTrue(DatabaseFailures.unreachable(new SQLException("gone", "08006")));
        assertTrue(DatabaseFailures.unreachable(new SQLException("shutting down", "57P01")));
        assertTrue(DatabaseFailures.unreachable(
                new SQLException("Error in allocating a connection. Cause: Connection could not be allocated")));
    }

    @Test
    void otherFailuresAreNotTakenForAnOutage() {
        assertFalse(DatabaseFailures.unreachable(new SQLException("duplicate key", "23505")));
        assertFalse(DatabaseFailures.unreachable(new SQLException("no state")));
        assertFalse(DatabaseFailures.unreachable(new IllegalStateException("bug")));
    }
}
