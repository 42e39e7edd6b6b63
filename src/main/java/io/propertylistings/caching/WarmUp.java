package io.propertylistings.caching;

/**
 * Entries to rebuild after an eviction, implemented by the feature that owns them. It must load through the
 * cache's own path ({@link GenerationalCache#get}, directly or through a {@code @CachedResponse} method), so
 * the single flight and the generation check hold for warm-ups too.
 */
public interface WarmUp {

    void warm();
}
