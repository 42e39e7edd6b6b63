package io.propertylistings.caching.control;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The warm-up this thread is running. A warm-up calls the cached resource method itself, through its CDI bean,
 * so the response is made by the same code, interceptor and single flight as a request's; the interceptor
 * reads the request from here because a warm-up thread has no HTTP request.
 */
public final class WarmUpScope {

    private static final ThreadLocal<CachedRequest> CURRENT = new ThreadLocal<>();

    private WarmUpScope() {
    }

    public static <T> T run(CachedRequest request, Supplier<T> work) {
        CachedRequest outer = CURRENT.get();
        CURRENT.set(request);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    public static Optional<CachedRequest> current() {
        return Optional.ofNullable(CURRENT.get());
    }
}
