package io.propertylistings.health.control;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The last outcome of one probe, shared by every readiness request: a probe starts at most once per
 * {@code maxAge}, one at a time, and a request that comes while one runs gets the last outcome instead of
 * waiting or queueing another. So a flood of readiness requests makes no more probes than a quiet minute, and
 * cannot make the probe slow enough to read as DOWN. Only the very first requests, before any outcome
 * exists, wait for the running probe (bounded by the probe's own deadline).
 */
public final class LatestOutcome {

    private record Sample(ProbeOutcome outcome, long startedNanos) {
    }

    private final Supplier<ProbeOutcome> probe;
    private final long maxAgeNanos;
    private final Duration timeout;
    private volatile Sample last;
    private final AtomicReference<CompletableFuture<ProbeOutcome>> running = new AtomicReference<>();

    public LatestOutcome(Supplier<ProbeOutcome> probe, Duration maxAge, Duration timeout) {
        this.probe = probe;
        this.maxAgeNanos = maxAge.toNanos();
        this.timeout = timeout;
    }

    public ProbeOutcome get() {
        Sample sample = last;
        if (sample != null && System.nanoTime() - sample.startedNanos() < maxAgeNanos) {
            return sample.outcome();
        }
        CompletableFuture<ProbeOutcome> mine = new CompletableFuture<>();
        CompletableFuture<ProbeOutcome> other = running.compareAndExchange(null, mine);
        if (other == null) {
            long started = System.nanoTime();
            try {
                ProbeOutcome outcome = probe.get();
                last = new Sample(outcome, started);
                mine.complete(outcome);
                return outcome;
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                throw e;
            } finally {
                running.set(null);
            }
        }
        if (sample != null) {
            return sample.outcome();
        }
        try {
            // The probe gives up at its deadline; the margin covers its thread's hand-over.
            return other.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return new ProbeOutcome(false, timeout.toMillis(), Optional.of("no answer within " + timeout.toMillis() + " ms"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeOutcome(false, 0, Optional.of("interrupted"));
        }
    }
}
