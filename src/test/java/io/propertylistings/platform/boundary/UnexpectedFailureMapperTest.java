package io.propertylistings.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

class UnexpectedFailureMapperTest {

    @Test
    void connectionFailuresAnywhereInTheChainAre503() {
        assertTrue(UnexpectedFailureMapper.databaseUnreachable(
                new RuntimeException(new IllegalStateException(new ConnectException("refused")))));
        assertTrue(UnexpectedFailureMapper.databaseUnreachable(new SQLException("gone", "08006")));
        assertTrue(UnexpectedFailureMapper.databaseUnreachable(new SQLException("shutting down", "57P01")));
        assertTrue(UnexpectedFailureMapper.databaseUnreachable(
                new SQLException("Error in allocating a connection. Cause: Connection could not be allocated")));
    }

    @Test
    void otherFailuresAreNotTakenForAnOutage() {
        assertFalse(UnexpectedFailureMapper.databaseUnreachable(new SQLException("duplicate key", "23505")));
        assertFalse(UnexpectedFailureMapper.databaseUnreachable(new SQLException("no state")));
        assertFalse(UnexpectedFailureMapper.databaseUnreachable(new IllegalStateException("bug")));
    }
}
