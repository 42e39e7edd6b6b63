package io.propertylistings.security.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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
    void operationsPaths() {
        assertEquals(true, OperationsAuthorization.operations("cache/info"));
        assertEquals(true, OperationsAuthorization.operations("/dashboard/"));
        assertEquals(false, OperationsAuthorization.operations("properties/"));
        assertEquals(false, OperationsAuthorization.operations("cachex"));
    }
}
