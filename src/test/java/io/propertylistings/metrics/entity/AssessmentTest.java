package io.propertylistings.metrics.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AssessmentTest {

    @ParameterizedTest
    @CsvSource({"100, EXCELLENT", "90, EXCELLENT", "89.99, GOOD", "80, GOOD", "79.99, FAIR", "70, FAIR",
            "69.99, POOR", "0, POOR"})
    void thresholdsAreInclusive(double hitRatio, Assessment expected) {
        assertEquals(expected, Assessment.of(hitRatio));
    }
}
