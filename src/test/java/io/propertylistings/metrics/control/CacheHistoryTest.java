package io.propertylistings.metrics.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.propertylistings.caching.CacheLevel;
import io.propertylistings.caching.CacheStatistics;
import io.propertylistings.metrics.entity.CacheHistoryReport;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CacheHistoryTest {

    private final CacheStatistics statistics = new CacheStatistics();
    private Optional<KeyspaceFigures> keyspace = Optional.of(new KeyspaceFigures(7, 3));
    private CacheHistory history;

    @BeforeEach
    void history() {
        history = new CacheHistory();
        history.statistics = statistics;
        history.keyspace = new RedisKeyspace() {
            @Override
            public Optional<KeyspaceFigures> figures() {
                return keyspace;
            }
        };
        history.intervalMillis = 5000;
        history.nodeName = Optional.empty();
        history.allocate();
    }

    @Test
    void theNodeIsItsHostUnlessNodeNameNamesIt() {
        CacheHistoryReport unnamed = history.history(0);
        assertEquals(unnamed.host(), unnamed.node());

        history.nodeName = Optional.of("node-2");
        history.allocate();
        CacheHistoryReport named = history.history(0);
        assertEquals("node-2", named.node());
        assertEquals(unnamed.host(), named.host());
    }

    @Test
    void aReadingHasEveryLevelsTotalsAndTheKeyspace() {
        statistics.hit(CacheLevel.RESPONSE);
        statistics.hit(CacheLevel.RESPONSE);
        statistics.miss(CacheLevel.RESPONSE);
        statistics.eviction(CacheLevel.RESPONSE);
        statistics.warmedUp(CacheLevel.RESPONSE, 1_000_000);
        statistics.load(CacheLevel.LIST, () -> "rows");
        statistics.error(CacheLevel.DETAIL, "GET", new IllegalStateException("down"));

        history.ring().add(history.take(1_000));
        CacheHistoryReport.Reading reading = history.history(0).readings().get(0);

        assertEquals(1_000, reading.time());
        assertEquals("UP", reading.redis());
        assertEquals(7L, reading.keyspaceHits());
        assertEquals(3L, reading.keyspaceMisses());
        assertEquals(List.of("response", "list", "detail"), List.copyOf(reading.levels().keySet()));
        CacheHistoryReport.LevelReading response = reading.levels().get("response");
        assertEquals(new CacheHistoryReport.LevelReading(2, 1, 0, 1, 0, 1, new CacheHistoryReport.LoadTime(0, 0, 0, 0)),
                response);
        CacheHistoryReport.LevelReading list = reading.levels().get("list");
        assertEquals(1, list.loads());
        assertEquals(1, list.loadTime().count());
        double p99 = list.loadTime().p99();
        assertEquals(statistics.loadTimes(CacheLevel.LIST).p99Millis(), p99, 0.0005);
        assertEquals(1, reading.levels().get("detail").errors());
    }

    @Test
    void withoutRedisTheKeyspaceIsNullAndTheLevelsStay() {
        statistics.miss(CacheLevel.RESPONSE);
        keyspace = Optional.empty();

        history.ring().add(history.take(2_000));
        CacheHistoryReport.Reading reading = history.history(0).readings().get(0);

        assertEquals("DOWN", reading.redis());
        assertNull(reading.keyspaceHits());
        assertNull(reading.keyspaceMisses());
        assertEquals(1, reading.levels().get("response").misses());
    }

    @Test
    void sinceGivesOnlyLaterReadingsOldestFirst() {
        for (long time = 1; time <= 5; time++) {
            history.ring().add(history.take(time * 1000));
        }

        assertEquals(List.of(4000L, 5000L), history.history(3000).readings().stream()
                .map(CacheHistoryReport.Reading::time).toList());
        assertEquals(5, history.history(0).readings().size());
        assertEquals(0, history.history(5000).readings().size());
        assertEquals(CacheHistory.CAPACITY, history.history(0).capacity());
        assertEquals(5000, history.history(0).intervalMs());
    }

    @Test
    void aReadingIs264BytesAndTheRingIsFixed() {
        assertEquals(33 * 8 * CacheHistory.CAPACITY, history.bytes());
        for (int i = 0; i < CacheHistory.CAPACITY * 2; i++) {
            history.read();
        }
        assertEquals(CacheHistory.CAPACITY, history.history(0).readings().size());
        assertEquals(33 * 8 * CacheHistory.CAPACITY, history.bytes());
    }

    @Test
    void aFailedReadingKeepsTheSchedule() {
        history.keyspace = new RedisKeyspace() {
            @Override
            public Optional<KeyspaceFigures> figures() {
                throw new IllegalStateException("broken");
            }
        };

        history.read();

        assertEquals(0, history.history(0).readings().size());
    }
}
