package io.propertylistings.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyspaceFiguresTest {

    @Test
    void ratiosArePercentWithTwoDecimals() {
        KeyspaceFigures figures = KeyspaceFigures.from(Map.of("keyspace_hits", "1250", "keyspace_misses", "150"));
        assertEquals(1400, figures.totalOperations());
        assertEquals(89.29, figures.hitRatio());
        assertEquals(10.71, figures.missRatio());
    }

    @Test
    void thirdsRoundHalfUp() {
        KeyspaceFigures figures = new KeyspaceFigures(2, 1);
        assertEquals(66.67, figures.hitRatio());
        assertEquals(33.33, figures.missRatio());
    }

    @Test
    void noOperationsMeansZeroRatios() {
        assertEquals(0.0, KeyspaceFigures.from(Map.of()).hitRatio());
        assertEquals(0.0, KeyspaceFigures.NONE.missRatio());
        assertEquals(0, KeyspaceFigures.from(Map.of("keyspace_hits", "0", "keyspace_misses", "0")).totalOperations());
    }

    @Test
    void mastersOfAClusterAddUp() {
        KeyspaceFigures sum = KeyspaceFigures.from(Map.of("keyspace_hits", "10", "keyspace_misses", "2"))
                .plus(KeyspaceFigures.from(Map.of("keyspace_hits", "5", "keyspace_misses", "3")))
                .plus(KeyspaceFigures.NONE);
        assertEquals(new KeyspaceFigures(15, 5), sum);
        assertEquals(75.0, sum.hitRatio());
    }
}
