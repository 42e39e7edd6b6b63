package io.propertylistings.properties.boundary;

import io.propertylistings.caching.CacheLevel;
import io.propertylistings.caching.CacheStatistics;
import io.propertylistings.caching.GenerationalCache;
import io.propertylistings.gzip.Gzip;
import io.propertylistings.properties.control.PropertyListCache;
import io.propertylistings.properties.control.PropertyStore;
import io.propertylistings.properties.control.WriteTransactions;
import io.propertylistings.properties.entity.PropertyDraft;
import io.propertylistings.properties.entity.PropertyJson;
import io.propertylistings.properties.entity.PropertyListBody;
import io.propertylistings.properties.entity.PropertyQuery;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.Optional;

/**
 * The property list and every write to it. Reads are cache-aside (level 2); writes run in a transaction
 * whose commit evicts both levels (see {@code PropertyCacheEviction}).
 */
@Singleton
// The state lives in PostgreSQL and Redis; container locking would only serialise the requests.
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class PropertyCatalog {

    private static final int LIST_GZIP_GUESS = 256 * 1024;
    // A cold request of a client without gzip then sends the bytes it wrote instead of inflating the gzip; past
    // this size (some 30,000 properties) the copy would cost more heap than the inflating saves time.
    private static final int LIST_IDENTITY_KEPT_UP_TO = 8 << 20;

    @Inject
    PropertyStore store;

    @Inject
    GenerationalCache cache;

    @Inject
    PropertyListCache list;

    @Inject
    PropertyDraftReader drafts;

    @Inject
    CacheStatistics statistics;

    @Inject
    WriteTransactions transactions;

    /**
     * Every property as the gzipped body of {@code GET /properties/}, cache-aside: this bean says what to load,
     * the cache does the rest. A load streams the rows into the gzip: no entity and no object per row, and the
     * only compression of the list (the response level stores this gzip as it is, see {@code PropertyListing}).
     */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PropertyListBody all() {
        return cache.get(list.entry(), () -> {
            Gzip.Writer gzip = Gzip.writer(LIST_GZIP_GUESS, LIST_IDENTITY_KEPT_UP_TO);
            int count = store.writeAll(gzip);
            return new PropertyListBody(gzip.gzip(), count, gzip.identity());
        }).value();
    }

    /** A filtered, ordered or paged listing, straight from the database; the response cache is in front of it. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public PropertyPage search(PropertyQuery query) {
        return statistics.load(CacheLevel.LIST, () -> {
            List<PropertyJson> items = store.search(query).stream().map(PropertyJson::of).toList();
            long total = query.page().isPresent() ? store.count(query) : items.size();
            return new PropertyPage(items, total);
        });
    }

    public record PropertyPage(List<PropertyJson> items, long total) {
    }

    /** One property; the response cache in front of the detail view keeps repeated reads off the database. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<PropertyJson> find(long id) {
        return statistics.load(CacheLevel.DETAIL, () -> store.find(id).map(PropertyJson::of));
    }

    // Each write names its transaction before it changes anything (WriteTransactions), so that its eviction and
    // its notification's are made once.

    public PropertyJson create(PropertyDraft draft, String owner) {
        transactions.beforeWrite();
        return PropertyJson.of(store.add(draft.toProperty().ownedBy(owner)));
    }

    public Optional<PropertyJson> replace(long id, PropertyDraft draft) {
        return store.find(id).map(property -> {
            transactions.beforeWrite();
            draft.applyTo(property);
            store.flush();
            return PropertyJson.of(property);
        });
    }

    /** Applies a JSON Merge Patch (RFC 7396) to the stored fields, inside the transaction that writes them. */
    public Optional<PropertyJson> patch(long id, JsonObject mergePatch) {
        return store.find(id).map(property -> {
            transactions.beforeWrite();
            JsonObject merged = Json.createMergePatch(mergePatch).apply(drafts.fields(property)).asJsonObject();
            drafts.draft(merged).applyTo(property);
            store.flush();
            return PropertyJson.of(property);
        });
    }

    public boolean delete(long id) {
        return store.find(id).map(property -> {
            transactions.beforeWrite();
            store.remove(property);
            return true;
        }).orElse(false);
    }
}
