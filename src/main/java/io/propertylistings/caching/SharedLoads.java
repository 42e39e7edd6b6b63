package io.propertylistings.caching;

import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Loads of one key that callers share without ever taking one that began before they came, the rule of {@link
 * SharedRead}: a caller that comes while a load is in flight does not take its value (it may have read the
 * database before a write acknowledged to the caller), but waits for the next load, which begins once the one
 * in flight ends and serves every caller that came in between. So a key has at most one load in flight on this
 * node, and each value is as fresh as the caller's own load would have been.
 *
 * <p>A load runs on the thread of a caller that waits for it, since it needs that request's context: one of the
 * callers queued for the next load runs it, never the thread that ran the one before, which returns its own
 * value at once. A failed load throws its exception to every caller it served. Waits are bounded: past the bound
 * a caller loads on its own. A key is held only while a load of it is in flight or queued.
 */
final class SharedLoads {

    /** The loads of one key: the one in flight (or due and about to begin), and the one queued after it. */
    private static final class Line {
        Load current; // guarded by this
        Load next; // guarded by this
        boolean retired; // guarded by this: removed from the map, a caller that still finds it takes a new one
    }

    /** One load and the callers it serves. */
    private static final class Load {
        final CompletableFuture<Void> due = new CompletableFuture<>(); // the load before it has ended
        final CompletableFuture<Object> result = new CompletableFuture<>();
        int waiting; // guarded by the line: callers queued for it that have not given up
        boolean started; // guarded by the line
    }

    private final ConcurrentHashMap<String, Line> lines = new ConcurrentHashMap<>();
    private final long boundNanos;

    SharedLoads() {
        this(Duration.ofSeconds(SingleFlight.WAIT_SECONDS));
    }

    /** {@code bound}: how long a caller waits for a shared load before it loads on its own. */
    SharedLoads(Duration bound) {
        this.boundNanos = bound.toNanos();
    }

    /**
     * The value of a load of {@code key} that began after this call did: this caller's own when no load of the
     * key is in flight, otherwise the next one, shared. Every caller of a key must pass a loader that loads the
     * same thing; the one that runs counts as the load of all it serves.
     */
    <T> T load(String key, Supplier<T> loader) {
        long arrived = System.nanoTime();
        while (true) {
            Line line = lines.computeIfAbsent(key, k -> new Line());
            Load load;
            boolean alone;
            synchronized (line) {
                if (line.retired) {
                    continue;
                }
                alone = line.current == null;
                if (alone) {
                    load = line.current = new Load();
                    load.started = true;
                } else {
                    if (line.next == null) {
                        line.next = new Load();
                    }
                    load = line.next;
                    load.waiting++;
                }
            }
            return alone ? run(key, line, load, loader) : await(key, line, load, arrived, loader);
        }
    }

    /** How many callers wait for the next load of {@code key}; for the unit tests. */
    int queued(String key) {
        Line line = lines.get(key);
        if (line == null) {
            return 0;
        }
        synchronized (line) {
            return line.next == null ? 0 : line.next.waiting;
        }
    }

    /** How many keys are held; for the unit tests. */
    int keys() {
        return lines.size();
    }

    private <T> T await(String key, Line line, Load load, long arrived, Supplier<T> loader) {
        try {
            load.due.get(left(arrived), TimeUnit.NANOSECONDS);
        } catch (TimeoutException pastTheBound) {
            // decided below, under the line's lock: the load may have become due meanwhile
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException never) {
            throw new IllegalStateException(never); // due is only ever completed normally
        }
        boolean due;
        boolean runHere = false;
        synchronized (line) {
            due = load.due.isDone();
            if (due) {
                // The first of its callers here runs it; even one past the bound, so that it never lacks one.
                runHere = !load.started;
                load.started = true;
            } else if (--load.waiting == 0 && line.next == load) {
                line.next = null; // nobody left to serve: it is not run at all
            }
        }
        if (runHere) {
            return run(key, line, load, loader);
        }
        return due ? result(load, arrived, loader) : loader.get();
    }

    @SuppressWarnings("unchecked")
    private <T> T result(Load load, long arrived, Supplier<T> loader) {
        try {
            return (T) load.result.get(left(arrived), TimeUnit.NANOSECONDS);
        } catch (ExecutionException failed) {
            throw rethrown(failed.getCause());
        } catch (TimeoutException pastTheBound) {
            return loader.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return loader.get();
        }
    }

    // Whatever the loader throws, the next load is handed over and this one's callers are answered.
    private <T> T run(String key, Line line, Load load, Supplier<T> loader) {
        try {
            T value = loader.get();
            load.result.complete(value);
            return value;
        } catch (Throwable failure) {
            load.result.completeExceptionally(failure);
            throw failure;
        } finally {
            handOver(key, line);
        }
    }

    // Due under the lock: a caller that gives up decides by it whether the load still needs it.
    private void handOver(String key, Line line) {
        synchronized (line) {
            Load following = line.next;
            line.next = null;
            line.current = following;
            if (following == null) {
                line.retired = true;
                lines.remove(key, line);
            } else {
                following.due.complete(null);
            }
        }
    }

    private long left(long arrived) {
        return boundNanos - (System.nanoTime() - arrived);
    }

    private static RuntimeException rethrown(Throwable failure) {
        if (failure instanceof RuntimeException unchecked) {
            throw unchecked;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        return new UndeclaredThrowableException(failure);
    }
}
