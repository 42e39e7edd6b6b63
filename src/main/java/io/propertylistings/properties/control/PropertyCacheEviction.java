package io.propertylistings.properties.control;

import io.propertylistings.caching.control.CacheWarming;
import io.propertylistings.caching.control.GenerationalCache;
import io.propertylistings.properties.entity.PropertyChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

/**
 * Evicts every level once a change is committed: never for a transaction that rolls back, and never before
 * the new rows are visible to the next loader. One step in Redis for both levels, so no reader can combine a
 * new response with an old list. Then asks for a warm-up, which runs in the background: the writing request
 * does not wait for it.
 */
@ApplicationScoped
public class PropertyCacheEviction {

    @Inject
    GenerationalCache cache;

    @Inject
    CacheWarming warming;

    void evict(@Observes(during = TransactionPhase.AFTER_SUCCESS) PropertyChanged change) {
        cache.evictAll();
        warming.requested();
    }
}
