package io.propertylistings.caching.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedReadTest {

    /** Reads answered by the test: each read is a future it completes with the value current when it chooses. */
    private final List<CompletableFuture<Integer>> sent = new ArrayList<>();
    private final SharedRead<Integer> shared = new SharedRead<>(this::send);
    private final ExecutorService callers = Executors.newCachedThreadPool();

    private synchronized CompletionStage<Integer> send() {
        CompletableFuture<Integer> read = new CompletableFuture<>();
        sent.add(read);
        notifyAll();
        return read;
    }

    private synchronized CompletableFuture<Integer> awaitSent(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sent.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("read " + count + " was never sent");
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return sent.get(count - 1);
    }

    private synchronized int sentCount() {
        return sent.size();
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    @Test
    void aLoneCallerGetsItsOwnRead() throws Exception {
        Future<Integer> caller = callers.submit(shared::get);
        awaitSent(1).complete(7);
        assertEquals(7, caller.get(10, TimeUnit.SECONDS));
        Future<Integer> again = callers.submit(shared::get);
        awaitSent(2).complete(8);
        assertEquals(8, again.get(10, TimeUnit.SECONDS));
    }

    @Test
    void callersThatComeDuringAReadShareTheNextOneNeverTheOneInFlight() throws Exception {
        Future<Integer> first = callers.submit(shared::get);
        CompletableFuture<Integer> inFlight = awaitSent(1);
        List<Future<Integer>> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(callers.submit(shared::get));
        }
        awaitQueued(5);
        // A write lands here; the read in flight may have been answered before it.
        inFlight.complete(1);
        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        awaitSent(2).complete(2);
        for (Future<Integer> caller : later) {
            assertEquals(2, caller.get(10, TimeUnit.SECONDS), "a caller took a read sent before it came");
        }
        assertEquals(2, sentCount(), "one read for the five that came during the first");
    }

    @Test
    void aFailedReadFailsItsCallersWithItsOwnExceptionAndTheNextCallerReadsAgain() throws Exception {
        Future<Integer> caller = callers.submit(shared::get);
        IllegalStateException timeout = new IllegalStateException("Redis timed out");
        awaitSent(1).completeExceptionally(timeout);
        Exception thrown = assertThrows(Exception.class, () -> caller.get(10, TimeUnit.SECONDS));
        assertSame(timeout, thrown.getCause());
        Future<Integer> next = callers.submit(shared::get);
        awaitSent(2).complete(3);
        assertEquals(3, next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aReadThatCannotBeSentFailsOnlyItsCallers() {
        SharedRead<Integer> refusing = new SharedRead<>(() -> {
            throw new IllegalStateException("no connection");
        });
        assertEquals("no connection", assertThrows(IllegalStateException.class, refusing::get).getMessage());
        assertEquals("no connection", assertThrows(IllegalStateException.class, refusing::get).getMessage());
    }

    private void awaitQueued(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (shared.queued() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the callers never came");
            }
            Thread.yield();
        }
    }
}
