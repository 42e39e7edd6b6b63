package io.propertylistings.caching.control;

/**
 * Entries to rebuild after an eviction, implemented by the feature that owns them. It must load through the
 * caches' own path (the response cache's interceptor under {@link WarmUpScope}, a cache-aside loader), so the
 * single flight and the generation check hold for warm-ups too.
 */
public interface WarmUp {

    void warm();
}
