package io.propertylistings.caching.boundary;

import io.propertylistings.caching.control.CacheLevel;
import io.propertylistings.caching.control.CacheStatistics;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Times the loads of the response level. It runs inside {@link CachedResponseInterceptor} (a higher priority
 * number is called later), which proceeds to the resource method only on a miss, or without Redis: exactly the
 * calls that interceptor counts as loads. The count stays there; the duration is measured here.
 */
@CachedResponse(name = "")
@Interceptor
@Priority(Interceptor.Priority.APPLICATION + 10)
public class ResponseLoadTimer {

    @Inject
    CacheStatistics statistics;

    @Inject
    HttpServletRequest request;

    @AroundInvoke
    public Object time(InvocationContext invocation) throws Exception {
        String method = request.getMethod();
        if (!"GET".equals(method) && !"HEAD".equals(method)) {
            return invocation.proceed();
        }
        long started = System.nanoTime();
        try {
            return invocation.proceed();
        } finally {
            statistics.loadTime(CacheLevel.RESPONSE, System.nanoTime() - started);
        }
    }
}
