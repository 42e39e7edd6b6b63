package io.propertylistings.support;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * How tests wait for a state, never for a time: at most 10 s, then the test fails; and the pause between two
 * polls of those that poll with a deadline of their own.
 */
public final class Waiting {

    private static final long LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

    private Waiting() {
    }

    /** Until {@code latch} opens. */
    public static void await(CountDownLatch latch) {
        try {
            if (!latch.await(LIMIT_NANOS, TimeUnit.NANOSECONDS)) {
                throw new AssertionError("the test never opened the latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Until {@code figure} reaches {@code count}; {@code state} says what was seen when it does not. */
    public static void awaitAtLeast(IntSupplier figure, int count, Supplier<String> state) {
        long deadline = System.nanoTime() + LIMIT_NANOS;
        while (figure.getAsInt() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(state.get());
            }
            Thread.yield();
        }
    }

    /**
     * A pause between two polls of a condition by a caller that bounds the polling with its own deadline: not a
     * wait for anything by itself.
     */
    public static void betweenPolls(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
