/**
 * Whole HTTP responses in the cache: {@link io.propertylistings.responsecache.CachedResponse} on a JAX-RS
 * method caches its 200 answers, keyed by the method's arguments in canonical form ({@link
 * io.propertylistings.responsecache.CacheKeyed}). A response is stored once as bytes with its ETag, and sent
 * as gzip or identity, or as a 304, for each request. A request seen answered before is answered again by
 * {@link io.propertylistings.responsecache.EarlyHitFilter} ahead of JAX-RS, through the same confirmation with
 * Redis.
 */
package io.propertylistings.responsecache;
