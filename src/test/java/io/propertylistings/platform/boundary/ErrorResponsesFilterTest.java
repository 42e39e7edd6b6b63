package io.propertylistings.platform.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ErrorResponsesFilterTest {

    @Test
    void pathTemplatesLoseTheirRegularExpressions() {
        assertEquals("/properties/{id}", ErrorResponsesFilter.openApiTemplate("/properties/{id: [0-9]+}"));
        assertEquals("/properties/{id}", ErrorResponsesFilter.openApiTemplate("/properties/{id: [0-9]{1,18}}"));
        assertEquals("/properties/{id}/x", ErrorResponsesFilter.openApiTemplate("/properties/{id: [0-9]{1,18}}/x"));
        assertEquals("/a/{x}/b/{y}", ErrorResponsesFilter.openApiTemplate("/a/{ x :\\d+}/b/{y:[a-z]+}"));
        assertEquals("/cache/metrics", ErrorResponsesFilter.openApiTemplate("/cache/metrics"));
        assertEquals("/properties/{id}", ErrorResponsesFilter.openApiTemplate("/properties/{id}"));
    }
}
