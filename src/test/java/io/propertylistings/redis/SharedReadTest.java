package io.propertylistings.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.Waiting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedReadTest {

    /** Reads answered by the test: each read is a future it completes with the value current when it chooses. */
    private final List<CompletableFuture<Integer>> sent = new ArrayList<>();
    // A timeout no test waits out, but for those that construct their own.
    private final SharedRead<Integer> shared = new SharedRead<>(this::send, Duration.ofSeconds(60));
    private final ExecutorService callers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable);
        thread.setDaemon(true); // a caller that never returns fails its test, not the JVM's exit
        return thread;
    });
    /** Thrown by the next send instead of sending, then cleared. */
    private Error refuseNext;

    private synchronized CompletionStage<Integer> send() {
        if (refuseNext != null) {
            Error refusal = refuseNext;
            refuseNext = null;
            throw refusal;
        }
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

    private synchronized void refuseNext(Error refusal) {
        refuseNext = refusal;
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
        awaitQueued(shared, 5);
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
        }, Duration.ofSeconds(60));
        assertEquals("no connection", assertThrows(IllegalStateException.class, refusing::get).getMessage());
        assertEquals("no connection", assertThrows(IllegalStateException.class, refusing::get).getMessage());
    }

    @Test
    void anErrorSendingAReadFailsItsCallerAndTheNextCallerReadsAgain() throws Exception {
        Error refusal = new NoClassDefFoundError("io/netty/Something");
        refuseNext(refusal);
        Future<Integer> caller = callers.submit(shared::get);
        assertSame(refusal, assertThrows(ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS)).getCause());
        Future<Integer> next = callers.submit(shared::get);
        awaitSent(1).complete(3);
        assertEquals(3, next.get(10, TimeUnit.SECONDS));
    }

    @Test
    void anErrorSendingTheNextReadFailsItsCallersAndTheNextCallerReadsAgain() throws Exception {
        Future<Integer> first = callers.submit(shared::get);
        CompletableFuture<Integer> inFlight = awaitSent(1);
        Future<Integer> queued = callers.submit(shared::get);
        awaitQueued(shared, 1);
        Error refusal = new OutOfMemoryError("direct buffer memory");
        refuseNext(refusal); // thrown while the answer to the first read sends the next
        inFlight.complete(1);
        assertEquals(1, first.get(10, TimeUnit.SECONDS));
        assertSame(refusal, assertThrows(ExecutionException.class, () -> queued.get(10, TimeUnit.SECONDS)).getCause());
        Future<Integer> later = callers.submit(shared::get);
        awaitSent(2).complete(5);
        assertEquals(5, later.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aCallerGivesUpAfterTheTimeoutAndAReadThatNeverAnswersHoldsNoLaterCaller() throws Exception {
        SharedRead<Integer> impatient = new SharedRead<>(this::send, Duration.ofMillis(500));
        Future<Integer> caller = callers.submit(impatient::get);
        awaitSent(1); // and never answered
        assertInstanceOf(SharedRead.NoAnswer.class,
                assertThrows(ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS)).getCause());
        Future<Integer> next = callers.submit(impatient::get);
        awaitSent(2).complete(2);
        assertEquals(2, next.get(10, TimeUnit.SECONDS), "its own read, not one queued behind the lost one");
    }

    @Test
    void anInterruptedCallerGivesUpAndKeepsItsInterrupt() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                thrown.complete(new AssertionError("answered " + shared.get()));
            } catch (Throwable e) {
                thrown.complete(e);
            }
            interrupted.complete(Thread.currentThread().isInterrupted());
        });
        caller.setDaemon(true);
        caller.start();
        awaitSent(1);
        caller.interrupt();
        assertInstanceOf(SharedRead.NoAnswer.class, thrown.get(10, TimeUnit.SECONDS));
        assertTrue(interrupted.get(10, TimeUnit.SECONDS), "the interrupt is kept");
    }

    @Test
    void aCallerQueuedInAStallWaitsOneTimeoutInAllNotOneForEachRead() throws Exception {
        Duration timeout = Duration.ofMillis(500);
        CompletableFuture<Integer> first = new CompletableFuture<>();
        CountDownLatch firstSent = new CountDownLatch(1);
        // The first read is answered by hand; every later one fails after the timeout, as the Redis client
        // fails a command while Redis stalls.
        SharedRead<Integer> stalled = new SharedRead<>(() -> {
            if (firstSent.getCount() > 0) {
                firstSent.countDown();
                return first;
            }
            CompletableFuture<Integer> read = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .execute(() -> read.completeExceptionally(new IllegalStateException("command timed out")));
            return read;
        }, timeout);
        callers.submit(stalled::get);
        assertTrue(firstSent.await(10, TimeUnit.SECONDS));
        Future<Integer> queued = callers.submit(stalled::get);
        awaitQueued(stalled, 1);
        // The read in flight ends a timeout after the queued caller came, when the caller's time is up.
        CompletableFuture.delayedExecutor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> first.completeExceptionally(new IllegalStateException("command timed out")));
        Throwable failure = assertThrows(ExecutionException.class, () -> queued.get(10, TimeUnit.SECONDS)).getCause();
        assertInstanceOf(SharedRead.NoAnswer.class, failure,
                "gave up at its own deadline, not after the next read's timeout as well");
    }

    private static void awaitQueued(SharedRead<?> read, int count) {
        Waiting.awaitAtLeast(read::queued, count, () -> "the callers never came");
    }
}
