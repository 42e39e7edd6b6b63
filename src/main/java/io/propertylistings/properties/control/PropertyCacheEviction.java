package io.propertylistings.properties.control;

import io.propertylistings.caching.CacheWarming;
import io.propertylistings.caching.Eviction;
import io.propertylistings.caching.GenerationalCache;
import io.propertylistings.changes.entity.CommittedChange;
import io.propertylistings.properties.entity.PropertyChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Evicts once a change is committed: never for a transaction that rolls back, and never before
 * the new rows are visible to the next loader. One step in Redis for both levels, so no reader can combine a
 * new response with an old list. Then asks for a warm-up, which runs in the background: the writing request
 * does not wait for it.
 *
 * <p>A write through this service evicts after its commit, before its answer, so its writer reads it next. Every
 * committed change, that one included, is also announced by PostgreSQL ({@link CommittedChange}) to every node:
 * the eviction is made once per change, by whichever comes first. What it evicts: every answer built from the
 * set of rows, and the details of the rows the change names (of every row, for a bulk change or TRUNCATE).
 */
@ApplicationScoped
public class PropertyCacheEviction {

    @Inject
    GenerationalCache cache;

    @Inject
    CacheWarming warming;

    void written(@Observes(during = TransactionPhase.AFTER_SUCCESS) PropertyChanged change) {
        // Named as its notification will name it; without a name (a write that did not ask), evicted anyway.
        evict(change.transaction().map(transaction -> CommittedChange.ofRow(transaction, change.id()))
                .map(PropertyCacheEviction::eviction)
                .orElse(Eviction.rows("", List.of(change.id()))));
    }

    void committed(@Observes CommittedChange change) {
        evict(eviction(change));
    }

    private static Eviction eviction(CommittedChange change) {
        return change.everyRow() ? Eviction.everything(change.name()) : Eviction.rows(change.name(), change.rows());
    }

    private void evict(Eviction eviction) {
        if (cache.evict(eviction)) {
            warming.requested();
        }
    }
}
