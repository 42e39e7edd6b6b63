package io.propertylistings.caching.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class RequestKeyTest {

    private static final String LIST = RequestKey.of("GET", "/properties/", "page=1", "application/json");

    @Test
    void sameRequestSameKey() {
        assertEquals(LIST, RequestKey.of("GET", "/properties/", "page=1", "application/json"));
    }

    @Test
    void pathQueryAndAcceptEachMakeTheirOwnEntry() {
        assertNotEquals(LIST, RequestKey.of("GET", "/properties", "page=1", "application/json"));
        assertNotEquals(LIST, RequestKey.of("GET", "/properties/", "page=2", "application/json"));
        assertNotEquals(LIST, RequestKey.of("GET", "/properties/", "page=1", "*/*"));
        assertNotEquals(LIST, RequestKey.of("GET", "/properties/", null, "application/json"));
    }

    @Test
    void partsCannotBeShiftedIntoEachOther() {
        assertNotEquals(RequestKey.of("GET", "/a", "b", null), RequestKey.of("GET", "/a\nb", null, null));
    }

    @Test
    void headSharesTheGetEntry() {
        assertEquals(LIST, RequestKey.of("HEAD", "/properties/", "page=1", "application/json"));
    }

    @Test
    void aHugeQueryStillMakesAShortKey() {
        assertEquals(64, RequestKey.of("GET", "/properties/", "x=" + "y".repeat(100_000), null).length());
    }

    @Test
    void eachUserHasTheirOwnKeyThatDoesNotNameThem() {
        String alice = RequestKey.ofUser("GET", "/properties/", "page=1", "application/json", "alice");
        String bob = RequestKey.ofUser("GET", "/properties/", "page=1", "application/json", "bob");
        assertNotEquals(LIST, alice);
        assertNotEquals(alice, bob);
        assertEquals(alice, RequestKey.ofUser("GET", "/properties/", "page=1", "application/json", "alice"));
        assertEquals(64, alice.length());
        assertFalse(alice.contains("alice"));
    }
}
