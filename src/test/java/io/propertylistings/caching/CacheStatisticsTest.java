package io.propertylistings.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CacheStatisticsTest {

    private final CacheStatistics statistics = new CacheStatistics();
    private final List<String> heard = new ArrayList<>();

    CacheStatisticsTest() {
        statistics.addListener(new CacheStatistics.Listener() {
            @Override
            public void counted(CacheLevel level, CacheStatistics.Figure figure) {
                heard.add(level.tag() + " " + figure);
            }
        });
    }

    @Test
    void aTimedLoadIsCountedTimedAndHeard() {
        String loaded = statistics.load(CacheLevel.LIST, () -> "rows");

        assertEquals("rows", loaded);
        assertEquals(1, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.LOADS));
        assertEquals(0, statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.LOADS));
        assertEquals(1, statistics.loadTimes(CacheLevel.LIST).count());
        assertEquals(0, statistics.loadTimes(CacheLevel.RESPONSE).count());
        assertEquals(List.of("list LOADS"), heard);
    }

    @Test
    void aFailedLoadIsTimedToo() {
        assertThrows(IllegalStateException.class, () -> statistics.load(CacheLevel.LIST, () -> {
            throw new IllegalStateException("database down");
        }));
        assertEquals(1, statistics.loadTimes(CacheLevel.LIST).count());
    }

    @Test
    void everyFigureIsCountedPerLevelAndHeard() {
        statistics.hit(CacheLevel.RESPONSE);
        statistics.hit(CacheLevel.RESPONSE);
        statistics.miss(CacheLevel.LIST);
        statistics.eviction(CacheLevel.LIST);
        statistics.error(CacheLevel.RESPONSE, "lookup", new RuntimeException("timeout"));
        statistics.load(CacheLevel.RESPONSE, () -> "rows");

        assertEquals(2, statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.HITS));
        assertEquals(0, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.HITS));
        assertEquals(1, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.MISSES));
        assertEquals(1, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS));
        assertEquals(1, statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.ERRORS));
        assertEquals(1, statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.LOADS));
        assertEquals(1, statistics.loadTimes(CacheLevel.RESPONSE).count());
        assertEquals(List.of("response HITS", "response HITS", "list MISSES", "list EVICTIONS", "response ERRORS",
                "response LOADS"), heard);
    }

    @Test
    void everyLevelHasFiguresFromTheStart() {
        for (CacheLevel level : CacheLevel.values()) {
            for (CacheStatistics.Figure figure : CacheStatistics.Figure.values()) {
                assertEquals(0, statistics.count(level, figure));
            }
            assertTrue(statistics.loadTimes(level).count() == 0);
        }
    }
}
