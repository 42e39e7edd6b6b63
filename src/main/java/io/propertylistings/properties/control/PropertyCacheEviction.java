package io.propertylistings.properties.control;

import io.propertylistings.caching.control.CacheWarming;
import io.propertylistings.caching.control.GenerationalCache;
import io.propertylistings.changes.entity.CommittedChange;
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
 *
 * <p>A write through this service evicts after its commit, before its answer, so its writer reads it next. Every
 * committed change, that one included, is also announced by PostgreSQL ({@link CommittedChange}) to every node:
 * the eviction is made once per transaction, by whichever comes first.
 */
@ApplicationScoped
public class PropertyCacheEviction {

    @Inject
    GenerationalCache cache;

    @Inject
    CacheWarming warming;

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) PropertyChanged change) {
        evict(change.transaction().orElse(""));
    }

    void committed(@Observes CommittedChange change) {
        evict(change.transaction());
    }

    private void evict(String transaction) {
        if (cache.evictAll(transaction)) {
            warming.requested();
        }
    }
}
