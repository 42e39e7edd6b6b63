package io.propertylistings.responsecache;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.caching.Cached;
/**
 * The entity a {@code @CachedResponse} method answers with: the stored response, where it came from, whether
 * it is one caller's own, and the cache entry that holds it. {@code CachedResponseWriter} turns it into the
 * HTTP answer for the request at hand (304, gzip or identity).
 */
record CachedRepresentation(StoredResponse stored, Cached.Outcome outcome, boolean personal,
        CacheEntry<?> entry) {
}
