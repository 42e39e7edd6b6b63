package io.propertylistings.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DurationWindowTest {

    private static final long MS = 1_000_000L;

    @Test
    void emptyWindowReadsZero() {
        assertEquals(new DurationWindow.Summary(0, 0, 0, 0, 0), new DurationWindow(8).summary());
    }

    @Test
    void nearestRankPercentilesOfOneToHundredMilliseconds() {
        DurationWindow window = new DurationWindow(100);
        // Recorded out of order: the summary must sort.
        for (int i = 100; i >= 1; i--) {
            window.record(i * MS);
        }
        DurationWindow.Summary summary = window.summary();
        assertEquals(100, summary.count());
        assertEquals(50.0, summary.p50Millis());
        assertEquals(95.0, summary.p95Millis());
        assertEquals(99.0, summary.p99Millis());
        assertEquals(100.0, summary.maxMillis());
    }

    @Test
    void oldSamplesLeaveTheWindowButStayCounted() {
        DurationWindow window = new DurationWindow(4);
        window.record(1_000 * MS);
        for (int i = 0; i < 4; i++) {
            window.record(2 * MS);
        }
        DurationWindow.Summary summary = window.summary();
        assertEquals(5, summary.count());
        assertEquals(2.0, summary.maxMillis(), "the slow load has left the window");
        assertEquals(2.0, summary.p99Millis());
    }

    @Test
    void microsecondResolution() {
        DurationWindow window = new DurationWindow(1);
        window.record(1_234_567);
        assertEquals(1.235, window.summary().p50Millis());
    }

    @Test
    void negativeDurationsCountAsZeroAndCapacityMustBePositive() {
        DurationWindow window = new DurationWindow(2);
        window.record(-5);
        assertEquals(0.0, window.summary().maxMillis());
        assertThrows(IllegalArgumentException.class, () -> new DurationWindow(0));
    }
}
