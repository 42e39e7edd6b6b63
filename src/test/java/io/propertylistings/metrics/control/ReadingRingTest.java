package io.propertylistings.metrics.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReadingRingTest {

    @Test
    void emptyRingHasNoReadings() {
        assertEquals(0, new ReadingRing(3, 2).readings().length);
    }

    @Test
    void keepsReadingsOldestFirstUntilFull() {
        ReadingRing ring = new ReadingRing(3, 2);
        ring.add(new long[] {1, 10});
        ring.add(new long[] {2, 20});

        assertArrayEquals(new long[][] {{1, 10}, {2, 20}}, ring.readings());
    }

    @Test
    void dropsTheOldestOnceFullAndStaysInOrder() {
        ReadingRing ring = new ReadingRing(3, 2);
        for (long i = 1; i <= 7; i++) {
            ring.add(new long[] {i, i * 10});
        }

        assertArrayEquals(new long[][] {{5, 50}, {6, 60}, {7, 70}}, ring.readings());
        assertEquals(7, ring.added());
    }

    @Test
    void keepsACopyNotTheCallersArray() {
        ReadingRing ring = new ReadingRing(2, 1);
        long[] reading = {1};
        ring.add(reading);
        reading[0] = 99;
        ring.readings()[0][0] = 42;

        assertArrayEquals(new long[][] {{1}}, ring.readings());
    }

    @Test
    void memoryIsFixedAtConstruction() {
        ReadingRing ring = new ReadingRing(180, 30);
        long before = ring.bytes();
        for (int i = 0; i < 1000; i++) {
            ring.add(new long[30]);
        }

        assertEquals(180 * 30 * 8, before);
        assertEquals(before, ring.bytes());
        assertEquals(180, ring.readings().length);
    }

    @Test
    void refusesReadingsOfAnotherWidthAndEmptyRings() {
        ReadingRing ring = new ReadingRing(2, 3);

        assertThrows(IllegalArgumentException.class, () -> ring.add(new long[2]));
        assertThrows(IllegalArgumentException.class, () -> new ReadingRing(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new ReadingRing(3, 0));
        assertEquals(0, ring.readings().length);
    }

    @Test
    void readersSeeWholeReadingsInOrderWhileOneIsAdded() throws Exception {
        ReadingRing ring = new ReadingRing(16, 4);
        ExecutorService threads = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<?> writer = threads.submit(() -> {
                start.await();
                for (long i = 0; i < 20_000; i++) {
                    ring.add(new long[] {i, i, i, i});
                }
                return null;
            });
            List<Future<Void>> readers = new ArrayList<>();
            for (int r = 0; r < 2; r++) {
                readers.add(threads.submit(() -> {
                    start.await();
                    while (!writer.isDone()) {
                        long previous = -1;
                        for (long[] reading : ring.readings()) {
                            // Whole: all four figures of one add; in order: each reading one more than the last.
                            assertEquals(reading[0], reading[3]);
                            if (previous >= 0) {
                                assertEquals(previous + 1, reading[0]);
                            }
                            previous = reading[0];
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            writer.get(30, TimeUnit.SECONDS);
            for (Future<Void> reader : readers) {
                reader.get(30, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }
        assertEquals(19_999, ring.readings()[15][0]);
    }
}
