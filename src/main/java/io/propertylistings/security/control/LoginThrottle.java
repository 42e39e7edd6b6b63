package io.propertylistings.security.control;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Counts failed logins per key (a user name, or a client address) in a window that starts with the first
 * failure: after {@code maxFailures} in it, the key is refused until the window ends. In this JVM only.
 * Bounded: beyond {@code maxKeys} keys, expired windows go first, then the oldest.
 */
public final class LoginThrottle {

    private static final class Window {
        final long startNanos;
        int failures;

        Window(long startNanos) {
            this.startNanos = startNanos;
        }
    }

    private final int maxFailures;
    private final long windowNanos;
    private final int maxKeys;
    private final LongSupplier clock;
    private final LinkedHashMap<Object, Window> windows = new LinkedHashMap<>();

    /** {@code maxFailures} 0 or less: never throttles. */
    public LoginThrottle(int maxFailures, long windowMillis, int maxKeys, LongSupplier nanoClock) {
        this.maxFailures = maxFailures;
        this.windowNanos = windowMillis * 1_000_000;
        this.maxKeys = maxKeys;
        this.clock = nanoClock;
    }

    /** How long the key is still refused, in nanoseconds; empty when it may try. */
    public synchronized OptionalLong refusedFor(Object key) {
        if (maxFailures <= 0) {
            return OptionalLong.empty();
        }
        Window window = current(key, clock.getAsLong());
        if (window == null || window.failures < maxFailures) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(window.startNanos + windowNanos - clock.getAsLong());
    }

    /** Counts a failure; true when it is the one that starts a lock-out. */
    public synchronized boolean failed(Object key) {
        if (maxFailures <= 0) {
            return false;
        }
        long now = clock.getAsLong();
        Window window = current(key, now);
        if (window == null) {
            window = new Window(now);
            windows.put(key, window);
            bound(now);
        }
        window.failures++;
        return window.failures == maxFailures;
    }

    public synchronized int keys() {
        return windows.size();
    }

    private Window current(Object key, long now) {
        Window window = windows.get(key);
        if (window != null && now - window.startNanos >= windowNanos) {
            windows.remove(key);
            return null;
        }
        return window;
    }

    private void bound(long now) {
        if (windows.size() <= maxKeys) {
            return;
        }
        // Insertion order is start order: the expired windows are at the front.
        for (Iterator<Map.Entry<Object, Window>> oldest = windows.entrySet().iterator();
                oldest.hasNext() && windows.size() > maxKeys; ) {
            oldest.next();
            oldest.remove();
        }
    }
}
