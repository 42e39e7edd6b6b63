package io.propertylistings.caching.control;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * A read that callers share without ever taking an answer older than their call: a caller that comes while a
 * read is in flight does not take that read's answer (it may have been read before the caller came, and miss
 * a write acknowledged since), but waits for the next read, which is sent once the one in flight is answered
 * and serves every caller that came in between. Alone, a caller waits for its own read; under load, one round
 * trip serves many callers.
 */
final class SharedRead<T> {

    private final Supplier<CompletionStage<T>> read;
    private CompletableFuture<T> inFlight; // guarded by this
    private CompletableFuture<T> next; // guarded by this: for the callers that came after inFlight was sent
    private int queued; // guarded by this: how many wait for next

    SharedRead(Supplier<CompletionStage<T>> read) {
        this.read = read;
    }

    /** The answer to a read sent after this call began; its failure is thrown as it is. */
    T get() {
        CompletableFuture<T> answer;
        boolean send = false;
        synchronized (this) {
            if (inFlight == null) {
                inFlight = answer = new CompletableFuture<>();
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
            return answer.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    /** How many callers wait for the next read; for the unit test. */
    synchronized int queued() {
        return queued;
    }

    private void send(CompletableFuture<T> answer) {
        CompletionStage<T> sent;
        try {
            sent = read.get();
        } catch (RuntimeException failure) {
            sent = CompletableFuture.failedFuture(failure);
        }
        sent.whenComplete((value, failure) -> {
            CompletableFuture<T> following;
            synchronized (this) {
                following = next;
                next = null;
                queued = 0;
                inFlight = following;
            }
            // The waiting callers first: sending the next read can wait the few microseconds their wake-up takes.
            if (failure == null) {
                answer.complete(value);
            } else {
                answer.completeExceptionally(failure instanceof CompletionException wrapped
                        && wrapped.getCause() != null ? wrapped.getCause() : failure);
            }
            if (following != null) {
                send(following);
            }
        });
    }
}
