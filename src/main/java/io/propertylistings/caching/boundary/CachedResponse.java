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
}
