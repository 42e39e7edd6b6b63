package io.propertylistings.metrics.control;

import java.util.Arrays;

/**
 * The most recent readings, each a fixed number of {@code long} figures, oldest dropped first. All of it is one
 * array allocated up front, so its memory is {@code capacity * width * 8} bytes from the first reading to the
 * last, however long the service runs.
 */
public final class ReadingRing {

    private final int capacity;
    private final int width;
    private final long[] figures;
    private long added;

    public ReadingRing(int capacity, int width) {
        if (capacity < 1 || width < 1) {
            throw new IllegalArgumentException("capacity and width must be positive: " + capacity + ", " + width);
        }
        this.capacity = capacity;
        this.width = width;
        this.figures = new long[Math.multiplyExact(capacity, width)];
    }

    /** Keeps a copy of {@code reading}, in place of the oldest once the ring is full. */
    public synchronized void add(long[] reading) {
        if (reading.length != width) {
            throw new IllegalArgumentException("a reading has " + width + " figures, not " + reading.length);
        }
        System.arraycopy(reading, 0, figures, (int) (added % capacity) * width, width);
        added++;
    }

    /** Copies of the readings held, oldest first. */
    public synchronized long[][] readings() {
        int held = (int) Math.min(added, capacity);
        long[][] copies = new long[held][];
        long first = added - held;
        for (int i = 0; i < held; i++) {
            int start = (int) ((first + i) % capacity) * width;
            copies[i] = Arrays.copyOfRange(figures, start, start + width);
        }
        return copies;
    }

    public int capacity() {
        return capacity;
    }

    public int width() {
        return width;
    }

    /** Every reading ever added, including those dropped since. */
    public synchronized long added() {
        return added;
    }

    /** What the figures take, without the object header: fixed at construction. */
    public long bytes() {
        return (long) figures.length * Long.BYTES;
    }
}
