package io.propertylistings.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * A read that callers share without ever taking an answer older than their call: a caller that comes while a
 * read is in flight does not take that read's answer (it may have been read before the caller came, and miss
 * a write acknowledged since), but waits for the next read, which is sent once the one in flight is answered
 * and serves every caller that came in between. Alone, a caller waits for its own read; under load, one round
 * trip serves many callers.
 *
 * <p>A caller waits at most the timeout from its call, however many reads that spans: in a stall a queued
 * caller would otherwise wait for the read in flight and then for its own, twice the timeout.
 */
public final class SharedRead<T> {

    /** The caller's time ran out, or it was interrupted, before its read was answered. */
    public static final class NoAnswer extends RuntimeException {
        NoAnswer(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final Supplier<CompletionStage<T>> read;
    private final long timeoutNanos;
    private CompletableFuture<T> inFlight; // guarded by this
    private long inFlightSince; // guarded by this: System.nanoTime() when inFlight was sent
    private CompletableFuture<T> next; // guarded by this: for the callers that came after inFlight was sent
    private int queued; // guarded by this: how many wait for next

    public SharedRead(Supplier<CompletionStage<T>> read, Duration timeout) {
        this.read = read;
        this.timeoutNanos = timeout.toNanos();
    }

    /**
     * The answer to a read sent after this call began; its failure is thrown as it is, and {@link NoAnswer}
     * once the timeout has passed since the call or the caller is interrupted.
     */
    public T get() {
        long deadline = System.nanoTime() + timeoutNanos;
        CompletableFuture<T> answer;
        boolean send = false;
        synchronized (this) {
            if (inFlight == null) {
                inFlight = answer = new CompletableFuture<>();
                inFlightSince = System.nanoTime();
                send = true;
            } else {
                if (next == null) {
                    next = new CompletableFuture<>();
                }
                answer = next;
                queued++;
            }
        }
        if (send) {
            send(answer);
        }
        try {
            return answer.get(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable failure = e.getCause();
            if (failure instanceof RuntimeException unchecked) {
                throw unchecked;
            }
            if (failure instanceof Error error) {
                throw error;
            }
            throw new CompletionException(failure);
        } catch (TimeoutException e) {
            abandonLateRead();
            throw timedOut(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NoAnswer("interrupted while waiting for the answer", e);
        }
    }

    /** How many callers wait for the next read; for the unit test. */
    synchronized int queued() {
        return queued;
    }

    private void send(CompletableFuture<T> answer) {
        try {
            read.get().whenComplete((value, failure) -> answered(answer, value, failure));
        } catch (Throwable failure) { // an Error too: unanswered, the read would hold every later caller
            answered(answer, null, failure);
        }
    }

    private void answered(CompletableFuture<T> answer, T value, Throwable failure) {
        CompletableFuture<T> following = null;
        synchronized (this) {
            if (inFlight == answer) { // else it was abandoned, and its successor is sent already
                following = sendNext();
            }
        }
        // The waiting callers first: sending the next read can wait the few microseconds their wake-up takes.
        try {
            if (failure == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(failure instanceof CompletionException wrapped
                        && wrapped.getCause() != null ? wrapped.getCause() : failure);
            }
        } finally {
            if (following != null) {
                send(following);
            }
        }
    }

    // A read in flight for longer than the timeout has no caller left that would take its answer (each came
    // before it was sent): the callers queued behind it get a read of their own instead of waiting on a read
    // that may never be answered.
    private void abandonLateRead() {
        CompletableFuture<T> late;
        CompletableFuture<T> following;
        synchronized (this) {
            if (inFlight == null || System.nanoTime() - inFlightSince < timeoutNanos) {
                return;
            }
            late = inFlight;
            following = sendNext();
        }
        late.completeExceptionally(timedOut(null));
        if (following != null) {
            send(following);
        }
    }

    private NoAnswer timedOut(Throwable cause) {
        return new NoAnswer("no answer within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms", cause);
    }

    // Guarded by this: the callers that came during the read in flight get the next one.
    private CompletableFuture<T> sendNext() {
        CompletableFuture<T> following = next;
        next = null;
        queued = 0;
        inFlight = following;
        inFlightSince = System.nanoTime();
        return following;
    }
}
