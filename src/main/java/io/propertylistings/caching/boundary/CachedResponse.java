package io.propertylistings.caching.boundary;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the whole response of a JAX-RS GET method in Redis (level 1). The method must return
 * {@code jakarta.ws.rs.core.Response}. The TTL can be overridden with the MicroProfile Config key
 * {@code caching.response.<name>.ttl-seconds}.
 *
 * <p>An entry is shared by every anonymous client. A request with credentials is never served from a shared
 * entry nor stored in one (its answer may depend on who asks): with {@code perUser} it gets an entry of its
 * own, keyed by the caller's name, and {@code Cache-Control: private}; without, it is answered uncached.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CachedResponse {

    /** Names this cached response in configuration. */
    @Nonbinding
    String name();

    @Nonbinding
    long ttlSeconds() default 900;

    /** Authenticated callers get entries of their own rather than no caching at all. */
    @Nonbinding
    boolean perUser() default false;
}
