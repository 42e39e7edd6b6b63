package io.propertylistings.caching.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WarmUpUriInfoTest {

    @Test
    void queryParametersAreDecodedAndRepeatsKept() {
        WarmUpUriInfo uri = new WarmUpUriInfo("/app", "properties/", "location=New%20York&sort=-price&page=1&page=2");

        assertEquals(List.of("New York"), uri.getQueryParameters().get("location"));
        assertEquals(List.of("-price"), uri.getQueryParameters().get("sort"));
        assertEquals(List.of("1", "2"), uri.getQueryParameters().get("page"));
        assertEquals(List.of("New%20York"), uri.getQueryParameters(false).get("location"));
    }

    @Test
    void theRequestUriIsUnderTheContextPath() {
        WarmUpUriInfo uri = new WarmUpUriInfo("/app", "properties/", "page=1");

        assertEquals("/app/properties/", uri.getRequestUri().getRawPath());
        assertEquals("page=1", uri.getRequestUri().getRawQuery());
        assertEquals("/app/", uri.getBaseUri().getRawPath());
    }

    @Test
    void noQueryMeansNoParameters() {
        WarmUpUriInfo uri = new WarmUpUriInfo("", "properties/", null);

        assertTrue(uri.getQueryParameters().isEmpty());
        assertNull(uri.getRequestUri().getRawQuery());
        assertEquals("/properties/", uri.getRequestUri().getRawPath());
        assertNull(WarmUpUriInfo.ANONYMOUS.getUserPrincipal());
    }
}
