package io.propertylistings.properties.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.caching.control.CacheLevel;
import io.propertylistings.caching.control.CacheStatistics;
import io.propertylistings.properties.boundary.PropertyCatalog;
import io.propertylistings.properties.entity.PropertyChanged;
import io.propertylistings.properties.entity.PropertyDraft;
import io.propertylistings.properties.entity.PropertyJson;
import io.propertylistings.support.BuiltWar;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.math.BigDecimal;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Runs inside Payara Micro, where it can hold a transaction open and roll it back. */
@ExtendWith(ArquillianExtension.class)
class PropertyCacheEvictionIT {

    @Deployment
    static WebArchive war() {
        return BuiltWar.withoutWarming()
                .addClass(ObservedChanges.class);
    }

    @Inject
    PropertyCatalog catalog;

    @Inject
    PropertyListCache listCache;

    @Inject
    CacheStatistics statistics;

    @Inject
    ObservedChanges observed;

    @Inject
    UserTransaction transaction;

    @Test
    void aRolledBackWriteEvictsNothing() throws Exception {
        catalog.all();
        assertTrue(listCache.get().isPresent(), "the list is cached before the write");
        long listEvictions = statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS);
        long responseEvictions = statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.EVICTIONS);
        int eventsBefore = observed.fired().size();

        transaction.begin();
        PropertyJson created = catalog.create(draft("Rolled back"), "in-container-test");
        transaction.rollback();

        List<PropertyChanged> events = observed.fired().subList(eventsBefore, observed.fired().size());
        assertEquals(List.of(new PropertyChanged(created.id(), PropertyChanged.Kind.CREATED)), events,
                "the listener fired inside the transaction");
        assertEquals(listEvictions, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS));
        assertEquals(responseEvictions, statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.EVICTIONS));
        assertTrue(listCache.get().isPresent(), "the cached list survived the rollback");
        assertFalse(catalog.all().stream().anyMatch(p -> p.id() == created.id()), "the row was rolled back");
    }

    @Test
    void aCommittedWriteEvictsBothLevelsOnlyAfterCommit() throws Exception {
        catalog.all();
        long listEvictions = statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS);
        long responseEvictions = statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.EVICTIONS);

        transaction.begin();
        PropertyJson created = catalog.create(draft("Committed"), "in-container-test");
        assertTrue(listCache.get().isPresent(), "nothing is evicted before the commit");
        assertEquals(listEvictions, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS));
        transaction.commit();

        assertEquals(listEvictions + 1, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS));
        assertEquals(responseEvictions + 1, statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.EVICTIONS));
        assertFalse(listCache.get().isPresent(), "the list was evicted on commit");
        assertTrue(catalog.all().stream().anyMatch(p -> p.id() == created.id()));
    }

    private static PropertyDraft draft(String title) {
        return new PropertyDraft(title, "In-container test", new BigDecimal("99.99"), "Lagos");
    }
}
