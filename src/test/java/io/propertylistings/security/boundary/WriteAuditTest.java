package io.propertylistings.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.Test;

class WriteAuditTest {

    @Test
    void auditNamesThePropertyFromThePathOrTheLocation() {
        assertEquals("42", WriteAudit.propertyId("properties/42", null));
        assertEquals("42", WriteAudit.propertyId("/properties/42/", null));
        assertEquals("7", WriteAudit.propertyId("properties/", "http://h/app/properties/7"));
        assertNull(WriteAudit.propertyId("properties/abc", null));
        assertNull(WriteAudit.propertyId("properties/", null));
    }

    @Test
    void aWriteIsOneReadableMessageWithItsFieldsAsAMapParameter() {
        LogRecord record = WriteAudit.record("PUT", "alice", "42", 200);

        assertEquals(Level.INFO, record.getLevel());
        assertEquals("io.propertylistings.audit", record.getLoggerName());
        // What every formatter writes as the message (text, OpenLiberty's and WildFly's JSON).
        assertEquals("Audit: PUT on property 42 by \"alice\": 200", new SimpleFormatter().formatMessage(record));
        // What Payara's JSON formatter writes as members of the line.
        Object[] parameters = record.getParameters();
        assertEquals(Map.of("audit", "write", "caller", "alice", "method", "PUT", "property", 42L, "status", 200),
                parameters[parameters.length - 1]);
        assertEquals("{audit=write, caller=alice, method=PUT, property=42, status=200}",
                parameters[parameters.length - 1].toString(), "the fields in a fixed order");
    }

    @Test
    void aRefusedWriteHasNoCallerAndACreationNoPropertyYet() {
        LogRecord record = WriteAudit.record("POST", null, null, 401);

        assertEquals("Audit: POST on properties by nobody authenticated: 401",
                new SimpleFormatter().formatMessage(record));
        Object[] parameters = record.getParameters();
        assertEquals(Map.of("audit", "write", "method", "POST", "status", 401), parameters[parameters.length - 1]);
    }

    @Test
    void aCallerNameCannotForgeALine() {
        LogRecord record = WriteAudit.record("DELETE", "eve\nAudit: DELETE on property 1 by \"admin\": 204", "1", 204);

        String message = new SimpleFormatter().formatMessage(record);
        assertEquals(1, message.lines().count(), message);
        assertEquals("Audit: DELETE on property 1 by \"eve\\nAudit: DELETE on property 1 by \\\"admin\\\": 204\": 204",
                message);
    }

    @Test
    void operationsPaths() {
        assertEquals(true, OperationsAuthorization.operations("cache/info"));
        assertEquals(true, OperationsAuthorization.operations("/dashboard/"));
        assertEquals(false, OperationsAuthorization.operations("properties/"));
        assertEquals(false, OperationsAuthorization.operations("cachex"));
    }
}
