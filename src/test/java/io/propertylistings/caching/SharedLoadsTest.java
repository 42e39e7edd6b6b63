package io.propertylistings.caching;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.support.Waiting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SharedLoadsTest {

    private static final String KEY = "list:v2:all_properties";

    /** Long enough never to end a wait in these tests, unless the test is about the bound. */
    private final SharedLoads shared = new SharedLoads(Duration.ofMinutes(5));
    private final ExecutorService callers = Executors.newCachedThreadPool();
    private final AtomicInteger loads = new AtomicInteger();

    @AfterEach
    void stop() {
        callers.shutdownNow();
    }

    /** A loader numbering its loads: load n returns "load n"; the first waits for {@code first} to open. */
    private Supplier<String> loader(CountDownLatch firstStarted, CountDownLatch first) {
        return () -> {
            int load = loads.incrementAndGet();
            if (load == 1) {
                firstStarted.countDown();
                Waiting.await(first);
            }
            return "load " + load;
        };
    }

    @Test
    void aLoneCallerLoadsAtOnceAndLeavesNothingBehind() {
        assertEquals("mine", shared.load(KEY, () -> "mine"));
        assertEquals(0, shared.keys());
        assertEquals("again", shared.load(KEY, () -> "again"), "a load that ended is not shared");
    }

    @Test
    void callersThatComeDuringALoadShareTheNextOneNeverTheOneInFlight() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        Future<String> alone = callers.submit(() -> shared.load(KEY, loader(firstStarted, first)));
        Waiting.await(firstStarted);
        List<Future<String>> later = submit(20, () -> shared.load(KEY, loader(firstStarted, first)));
        awaitQueued(20);
        // A write is acknowledged here; load 1 may have read the rows before it.
        first.countDown();
        assertEquals("load 1", alone.get(10, TimeUnit.SECONDS));
        for (Future<String> caller : later) {
            assertEquals("load 2", caller.get(10, TimeUnit.SECONDS), "a caller took a load begun before it came");
        }
        assertEquals(2, loads.get(), "one load for the twenty that came during the first");
        assertEquals(0, shared.keys());
    }

    @Test
    void theNextLoadRunsOnAWaitingCallerWhileTheOneBeforeReturnsAtOnce() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        CountDownLatch second = new CountDownLatch(1);
        Thread[] ranSecond = new Thread[1];
        Future<Thread> alone = callers.submit(() -> {
            shared.load(KEY, () -> {
                firstStarted.countDown();
                Waiting.await(first);
                return "load 1";
            });
            return Thread.currentThread();
        });
        Waiting.await(firstStarted);
        List<Future<String>> later = submit(3, () -> shared.load(KEY, () -> {
            ranSecond[0] = Thread.currentThread();
            secondStarted.countDown();
            Waiting.await(second);
            return "load 2";
        }));
        awaitQueued(3);
        first.countDown();
        Thread firstThread = alone.get(10, TimeUnit.SECONDS); // while load 2 is still running
        Waiting.await(secondStarted);
        assertNotSame(firstThread, ranSecond[0], "the thread that ended load 1 ran load 2");
        second.countDown();
        for (Future<String> caller : later) {
            assertEquals("load 2", caller.get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFailedLoadFailsTheCallersItServedWithItsExceptionAndTheNextCallerLoadsAfresh() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        IllegalStateException refused = new IllegalStateException("the database refused");
        Future<String> alone = callers.submit(() -> shared.load(KEY, loader(firstStarted, first)));
        Waiting.await(firstStarted);
        List<Future<String>> later = submit(5, () -> shared.load(KEY, () -> {
            loads.incrementAndGet();
            throw refused;
        }));
        awaitQueued(5);
        first.countDown();
        assertEquals("load 1", alone.get(10, TimeUnit.SECONDS));
        for (Future<String> caller : later) {
            ExecutionException thrown = assertThrows(ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS));
            assertSame(refused, thrown.getCause());
        }
        assertEquals(2, loads.get(), "the five shared the failed load");
        assertEquals(0, shared.keys());
        assertEquals("fresh", shared.load(KEY, () -> "fresh"));
    }

    @Test
    void anErrorInALoadLeavesNoCallerWaiting() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        Future<String> alone = callers.submit(() -> shared.load(KEY, () -> {
            firstStarted.countDown();
            Waiting.await(first);
            throw new StackOverflowError("load 1");
        }));
        Waiting.await(firstStarted);
        List<Future<String>> second = submit(5, () -> shared.load(KEY, () -> {
            throw new OutOfMemoryError("load 2");
        }));
        awaitQueued(5);
        first.countDown();
        assertEquals("load 1", assertThrows(ExecutionException.class, () -> alone.get(10, TimeUnit.SECONDS))
                .getCause().getMessage());
        for (Future<String> caller : second) {
            ExecutionException thrown = assertThrows(ExecutionException.class, () -> caller.get(10, TimeUnit.SECONDS),
                    "a caller still waits after an Error");
            assertTrue(thrown.getCause() instanceof OutOfMemoryError, thrown.getCause().toString());
        }
        assertEquals(0, shared.keys(), "the key is dropped");
        assertEquals("after", shared.load(KEY, () -> "after"));
    }

    @Test
    void aCallerPastTheBoundLoadsOnItsOwn() throws Exception {
        SharedLoads bounded = new SharedLoads(Duration.ofMillis(200));
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        Future<String> stuck = callers.submit(() -> bounded.load(KEY, loader(firstStarted, first)));
        Waiting.await(firstStarted);
        Future<String> waiter = callers.submit(() -> bounded.load(KEY, loader(firstStarted, first)));
        assertEquals("load 2", waiter.get(10, TimeUnit.SECONDS), "it waited for load 1 beyond the bound");
        assertFalse(stuck.isDone());
        assertEquals(0, bounded.queued(KEY), "the caller that gave up is no longer queued");
        first.countDown();
        assertEquals("load 1", stuck.get(10, TimeUnit.SECONDS));
        assertEquals(2, loads.get(), "no load ran for the caller that left");
        assertEquals(0, bounded.keys());
    }

    @Test
    void underContentionEveryCallerGetsALoadBegunAfterItCameAndOneLoadAtATimeRuns() throws Exception {
        AtomicInteger clock = new AtomicInteger();
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostRunning = new AtomicInteger();
        Supplier<Integer> loader = () -> {
            int started = clock.incrementAndGet();
            mostRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
            loads.incrementAndGet();
            Thread.yield();
            running.decrementAndGet();
            return started;
        };
        int threads = 8;
        int calls = 2_000;
        List<Future<String>> workers = submit(threads, () -> {
            for (int i = 0; i < calls; i++) {
                int arrived = clock.incrementAndGet();
                int started = shared.load(KEY, loader);
                if (started <= arrived) {
                    return "a caller that came at " + arrived + " took the load begun at " + started;
                }
            }
            return "ok";
        });
        for (Future<String> worker : workers) {
            assertEquals("ok", worker.get(60, TimeUnit.SECONDS));
        }
        assertEquals(1, mostRunning.get(), "loads of one key in flight at once");
        assertEquals(0, shared.keys());
        System.out.printf("%d calls, %d loads%n", threads * calls, loads.get());
    }

    @Test
    void differentKeysDoNotWaitForEachOther() throws Exception {
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch first = new CountDownLatch(1);
        Future<String> blocked = callers.submit(() -> shared.load(KEY, loader(firstStarted, first)));
        Waiting.await(firstStarted);
        assertEquals("detail", shared.load("response:v3:detail", () -> "detail"));
        first.countDown();
        assertEquals("load 1", blocked.get(10, TimeUnit.SECONDS));
    }

    private List<Future<String>> submit(int count, java.util.concurrent.Callable<String> call) {
        List<Future<String>> submitted = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            submitted.add(callers.submit(call));
        }
        return submitted;
    }

    private void awaitQueued(int count) {
        Waiting.awaitAtLeast(() -> shared.queued(KEY), count, () -> shared.queued(KEY) + " of " + count + " callers queued");
    }

}
