package io.propertylistings.responsecache;

import jakarta.enterprise.util.Nonbinding;
import jakarta.interceptor.InterceptorBinding;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Caches the whole response of a CDI method that returns {@code jakarta.ws.rs.core.Response} (level 1). The
 * method's answer must depend on its arguments only: they are its key, in canonical form (see {@code
 * CacheKeyed}), so every request that asks the same thing shares one entry, with or without credentials. An
 * argument that names an owner makes the entry that caller's own, sent as {@code Cache-Control: private}.
 * The TTL can be overridden with the MicroProfile Config key {@code caching.response.<name>.ttl-seconds}.
 */
@InterceptorBinding
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface CachedResponse {

    /** Names this cached response in configuration and in its keys. */
    @Nonbinding
    String name();

    @Nonbinding
    long ttlSeconds() default 900;
}
