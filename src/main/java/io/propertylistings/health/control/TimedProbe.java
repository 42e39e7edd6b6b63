package io.propertylistings.health.control;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.Dependent;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Runs a probe with a hard deadline. Driver and client timeouts do not cover every wait (a pool waiting for a
 * free connection, a TCP connect to a host that drops packets), and a health endpoint that hangs is read as
 * dead by an orchestrator: so the probe runs on a thread of its own and is given up on in time.
 * <p>
 * Not the server's managed executor: health checks are called from the server's own threads, outside this
 * application's context, and a managed executor refuses tasks submitted from there ("module is disabled").
 * One thread per probe owner (dependent scope); a probe that hangs past its deadline is interrupted, and
 * while it still hangs the next probes time out or are refused, which is the truth.
 */
@Dependent
public class TimedProbe {

    private static final Logger LOG = Logger.getLogger(TimedProbe.class.getName());

    private final AtomicInteger threads = new AtomicInteger();
    // One thread and room for one waiting probe: a probe that hangs holds up one more, and every probe after
    // that is refused at once (DOWN, which is the truth) instead of piling up in an unbounded queue.
    private final ExecutorService executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1), task -> {
                Thread thread = new Thread(task, "health-probe-" + threads.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    public ProbeOutcome run(Callable<Boolean> probe, Duration timeout) {
        long started = System.nanoTime();
        Future<Boolean> answer;
        try {
            answer = executor.submit(probe);
        } catch (RejectedExecutionException e) {
            return outcome(false, started, executor.isShutdown() ? "not probed, the application is stopping"
                    : "not probed, the previous probe still hangs");
        }
        try {
            boolean up = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return outcome(up, started, up ? null : "answered, but reported itself unusable");
        } catch (TimeoutException e) {
            answer.cancel(true);
            return outcome(false, started, "no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            // The cause may name a host, a port or a class: the log has it, the public health answer does not.
            // One line without the stack: probes run every health.cache-ms through an outage.
            LOG.warning(() -> "Readiness probe failed: " + e.getCause());
            return outcome(false, started, "the probe failed (see the server log)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return outcome(false, started, "interrupted");
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    private static ProbeOutcome outcome(boolean up, long startedNanos, String failure) {
        return new ProbeOutcome(up, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos),
                Optional.ofNullable(failure));
    }
}
