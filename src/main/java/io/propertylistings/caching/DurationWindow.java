package io.propertylistings.caching;

import java.util.Arrays;

/**
 * The most recent durations of one kind, and their percentiles. A fixed ring of samples keeps memory and the
 * cost of a reading bounded, and lets old figures age out, as a sliding-window reservoir does. Plain Java on
 * purpose: the figures feed the JSON endpoints on every server, with or without MicroProfile Metrics.
 */
public final class DurationWindow {

    /** Percentiles in milliseconds over the window; {@code count} is every sample since start. */
    public record Summary(long count, double p50Millis, double p95Millis, double p99Millis, double maxMillis) {
    }

    private final long[] samples;
    private long recorded;

    public DurationWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        samples = new long[capacity];
    }

    public synchronized void record(long nanos) {
        samples[(int) (recorded % samples.length)] = Math.max(0, nanos);
        recorded++;
    }

    public Summary summary() {
        long[] sorted;
        long count;
        synchronized (this) {
            count = recorded;
            sorted = Arrays.copyOf(samples, (int) Math.min(recorded, samples.length));
        }
        if (sorted.length == 0) {
            return new Summary(0, 0, 0, 0, 0);
        }
        Arrays.sort(sorted);
        return new Summary(count, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.95)), millis(rank(sorted, 0.99)),
                millis(sorted[sorted.length - 1]));
    }

    /** Nearest rank: the smallest sample that at least {@code quantile} of the samples do not exceed. */
    static long rank(long[] sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double millis(long nanos) {
        // Three decimals: microsecond resolution is all a load time needs.
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }
}
