package io.propertylistings.redis;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Stops calling Redis once it fails, so that requests go straight to the database instead of each waiting for
 * a timeout. The rules are MicroProfile Fault Tolerance's {@code @CircuitBreaker}: open when at least half of
 * the last {@code window} calls failed; after {@code delay}, one trial call; its success closes the breaker,
 * its failure opens it again. Kept by hand because it sits on every cache hit: a closed breaker whose window
 * holds no failure costs two volatile reads, where the Fault Tolerance interceptor cost about as much CPU as
 * the Redis call it guarded (BENCHMARKS.md). Of the RuntimeExceptions only those {@code countsAsFailure} accepts
 * count: an error that Redis answered at once (a store refused at {@code maxmemory}, a command its ACL refuses)
 * costs no waiting, and opening the breaker for it would turn every other command away too. An Error counts.
 */
public final class CircuitBreaker {

    /** Thrown instead of calling while the breaker is open; callers treat it as any Redis failure. */
    public static final class Open extends RuntimeException {
        Open() {
            super("circuit breaker open: Redis failed recently", null, false, false);
        }
    }

    private enum State { CLOSED, OPEN, HALF_OPEN }

    private final boolean[] failed;
    private final int threshold;
    private final long delayNanos;
    private final LongSupplier nanoTime;
    private final Predicate<RuntimeException> countsAsFailure;
    private final AtomicBoolean trialRunning = new AtomicBoolean();

    private volatile State state = State.CLOSED;
    private volatile int failures;
    private volatile int calls;
    private int next;
    private long openedAt;

    public CircuitBreaker(int window, double failureRatio, Duration delay, LongSupplier nanoTime,
            Predicate<RuntimeException> countsAsFailure) {
        this.countsAsFailure = countsAsFailure;
        this.failed = new boolean[window];
        this.threshold = (int) Math.ceil(window * failureRatio);
        this.delayNanos = delay.toNanos();
        this.nanoTime = nanoTime;
    }

    public <T> T call(Supplier<T> command) {
        boolean trial = admit();
        // A failure unless the command returned or Redis answered: an Error counts too, and must end a trial,
        // which left running would keep every later trial out and the cache off until a restart.
        boolean failure = true;
        try {
            T result = command.get();
            failure = false;
            return result;
        } catch (RuntimeException e) {
            failure = countsAsFailure.test(e);
            throw e;
        } finally {
            if (failure) {
                failed(trial);
            } else {
                succeeded(trial);
            }
        }
    }

    private boolean admit() {
        if (state == State.CLOSED) {
            return false;
        }
        synchronized (this) {
            if (state == State.OPEN && nanoTime.getAsLong() - openedAt >= delayNanos) {
                state = State.HALF_OPEN;
            }
        }
        if (state == State.HALF_OPEN && trialRunning.compareAndSet(false, true)) {
            return true;
        }
        throw new Open();
    }

    private void succeeded(boolean trial) {
        if (!trial && failures == 0 && calls == failed.length) {
            return; // a window of successes stays one: nothing to record
        }
        synchronized (this) {
            if (trial) {
                reset(State.CLOSED);
            } else if (state == State.CLOSED) {
                record(false);
            }
        }
    }

    private synchronized void failed(boolean trial) {
        if (trial) {
            open();
        } else if (state == State.CLOSED) {
            record(true);
            if (calls == failed.length && failures >= threshold) {
                open();
            }
        }
    }

    private void record(boolean failure) {
        if (calls == failed.length && failed[next]) {
            failures--;
        }
        failed[next] = failure;
        if (failure) {
            failures++;
        }
        next = (next + 1) % failed.length;
        calls = Math.min(calls + 1, failed.length);
    }

    private void open() {
        reset(State.OPEN);
        openedAt = nanoTime.getAsLong();
    }

    private void reset(State to) {
        Arrays.fill(failed, false);
        failures = 0;
        calls = 0;
        next = 0;
        trialRunning.set(false);
        state = to;
    }
}
