package io.propertylistings.properties.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.caching.CacheLevel;
import io.propertylistings.caching.CacheStatistics;
import io.propertylistings.caching.GenerationalCache;
import io.propertylistings.gzip.Gzip;
import io.propertylistings.properties.boundary.PropertyCatalog;
import io.propertylistings.properties.entity.PropertyChanged;
import io.propertylistings.properties.entity.PropertyDraft;
import io.propertylistings.properties.entity.PropertyJson;
import io.propertylistings.properties.entity.PropertyList;
import io.propertylistings.properties.entity.PropertyListBody;
import io.propertylistings.properties.entity.PropertyQuery;
import io.propertylistings.support.BuiltWar;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonReader;
import jakarta.json.bind.Jsonb;
import jakarta.transaction.UserTransaction;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * Runs inside Payara Micro, where it can hold a transaction open and roll it back, and hold a loader between
 * reading the rows and storing them: eviction only after commit, and the classic cache-aside race, forced (a
 * loader reads, a write commits and evicts, then the loader stores what it read), at both levels.
 */
@ExtendWith(ArquillianExtension.class)
class CacheAsideIT {

    @Deployment
    static WebArchive war() {
        return BuiltWar.withoutWarming()
                .addClass(ObservedChanges.class)
                .addClass(PausingPropertyStore.class)
                .addClass(PausingPropertyStore.Gate.class);
    }

    @Inject
    PropertyCatalog catalog;

    @Inject
    GenerationalCache cache;

    @Inject
    PropertyListCache listCache;

    @Inject
    CacheStatistics statistics;

    @Inject
    RedissonClient redis;

    @Inject
    ObservedChanges observed;

    @Inject
    UserTransaction transaction;

    @Inject
    PropertyStore store;

    @Inject
    Jsonb jsonb;

    @ArquillianResource
    URL base;

    @Resource
    ManagedExecutorService executor;

    // A node starts in doubt and trusts Redis after its first own eviction, which a loaded machine may not have
    // made yet when the first test runs: evict here, so every test starts with the cache in use.
    @BeforeEach
    void cacheInUse() {
        cache.evict(io.propertylistings.caching.Eviction.everything(""));
    }

    @AfterEach
    void openGate() {
        PausingPropertyStore.open();
    }

    /** The ids in the list's JSON array, in its order. */
    private static List<Long> ids(PropertyListBody list) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(Gzip.decompress(list.gzip())))) {
            return reader.readObject().getJsonArray("properties").stream()
                    .map(p -> p.asJsonObject().getJsonNumber("id").longValue()).toList();
        }
    }

    /** The list level's entry in Redis under the current generation, as docs/architecture.md gives its key. */
    private Optional<PropertyListBody> cachedList() {
        Object generation = redis.getBucket(CacheEntry.GENERATION_KEY, StringCodec.INSTANCE).get();
        byte[] stored = generation == null ? null : (byte[]) redis.getBucket(CacheEntry.PREFIX + generation
                + ":list:v" + PropertyListCache.VERSION + ":" + PropertyListCache.ID, ByteArrayCodec.INSTANCE).get();
        return Optional.ofNullable(stored).map(listCache::decode);
    }

    @Test
    void aRolledBackWriteEvictsNothing() throws Exception {
        catalog.all();
        assertTrue(cachedList().isPresent(), "the list is cached before the write");
        long listEvictions = statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS);
        long responseEvictions = statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.EVICTIONS);
        int eventsBefore = observed.fired().size();

        transaction.begin();
        PropertyJson created = catalog.create(draft("Rolled back"), "in-container-test");
        transaction.rollback();

        List<PropertyChanged> events = observed.fired().subList(eventsBefore, observed.fired().size());
        assertEquals(List.of(created.id() + " " + PropertyChanged.Kind.CREATED),
                events.stream().map(event -> event.id() + " " + event.kind()).toList(),
                "the listener fired inside the transaction");
        assertTrue(events.get(0).transaction().isPresent(), "the write named its transaction");
        assertEquals(listEvictions, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS));
        assertEquals(responseEvictions, statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.EVICTIONS));
        assertTrue(cachedList().isPresent(), "the cached list survived the rollback");
        assertFalse(ids(catalog.all()).contains(created.id()), "the row was rolled back");
    }

    @Test
    void aCommittedWriteEvictsBothLevelsOnlyAfterCommit() throws Exception {
        catalog.all();
        long listEvictions = statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS);
        long responseEvictions = statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.EVICTIONS);

        transaction.begin();
        PropertyJson created = catalog.create(draft("Committed"), "in-container-test");
        assertTrue(cachedList().isPresent(), "nothing is evicted before the commit");
        assertEquals(listEvictions, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS));
        transaction.commit();

        assertEquals(listEvictions + 1, statistics.count(CacheLevel.LIST, CacheStatistics.Figure.EVICTIONS));
        assertEquals(responseEvictions + 1, statistics.count(CacheLevel.RESPONSE, CacheStatistics.Figure.EVICTIONS));
        assertFalse(cachedList().isPresent(), "the list was evicted on commit");
        assertTrue(ids(catalog.all()).contains(created.id()));
    }

    @Test
    void aLoadThatRacedWithACommitDoesNotStoreItsOldList() throws Exception {
        cache.evict(io.propertylistings.caching.Eviction.everything(""));
        PausingPropertyStore.Gate gate = PausingPropertyStore.close();
        CompletableFuture<PropertyListBody> loader = CompletableFuture.supplyAsync(catalog::all, executor);
        assertTrue(gate.loaded.await(30, TimeUnit.SECONDS), "the loader read the rows");

        PropertyJson written = catalog.create(draft("Written while a load was in flight"), "in-container-test");
        gate.release.countDown();
        PropertyListBody raced = loader.get(30, TimeUnit.SECONDS);

        assertFalse(ids(raced).contains(written.id()), "the loader read before the write: its list is old");
        assertTrue(cachedList().isEmpty(), "the old list must not have been stored");
        assertTrue(ids(catalog.all()).contains(written.id()), "the next read loads the new list");
        assertTrue(ids(cachedList().orElseThrow()).contains(written.id()), "and that one is cached");
    }

    @Test
    void aResponseThatRacedWithACommitIsNotStored() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI list = base.toURI().resolve("properties/");
        catalog.create(draft("Evicts the response cache"), "in-container-test"); // starts from cold caches
        PausingPropertyStore.Gate gate = PausingPropertyStore.close();
        CompletableFuture<HttpResponse<String>> loader = http.sendAsync(HttpRequest.newBuilder(list).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(gate.loaded.await(30, TimeUnit.SECONDS), "the request's loader read the rows");

        PropertyJson written = catalog.create(draft("Written while a response was being built"), "in-container-test");
        gate.release.countDown();
        HttpResponse<String> raced = loader.get(30, TimeUnit.SECONDS);
        assertEquals(200, raced.statusCode());
        assertFalse(raced.body().contains("\"id\":" + written.id() + ","));

        HttpResponse<String> next = http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals("MISS", next.headers().firstValue("X-Cache").orElseThrow(), "the raced response was not stored");
        assertTrue(next.body().contains("\"id\":" + written.id() + ","));
    }

    /**
     * The list level is written from JDBC rows, not from JSON-B: the list body it stores, which the list response
     * sends, must be the bytes JSON-B makes of the entities (the seed's contract), escapes and formats included.
     */
    @Test
    void theListIsTheBytesJsonbMakesOfTheEntities() throws Exception {
        catalog.create(new PropertyDraft("\"Quoted\" \\ back/slash </script> \u2028 \t tab \u0001",
                "Ünïcødé ✓ 🏠 line\nbreak, \u00e9\u0301, \uD834\uDD1E", new BigDecimal("0.5"), "Zürich"), "in-container-test");
        catalog.create(new PropertyDraft("Dear", "The most", new BigDecimal("99999999.99"), "Lagos"), "in-container-test");
        // Long enough that the list is over 1 KiB, so gzipped, whichever tests ran before.
        catalog.create(new PropertyDraft("Round", "Whole, ".repeat(200), new BigDecimal("1E+2"), "Oslo"), "in-container-test");
        List<PropertyJson> entities = store.search(PropertyQuery.EVERYTHING).stream().map(PropertyJson::of).toList();

        assertEquals(jsonb.toJson(PropertyList.of(entities)),
                new String(Gzip.decompress(catalog.all().gzip()), StandardCharsets.UTF_8));
        assertEquals(entities.size(), cachedList().orElseThrow().count());

        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        URI list = base.toURI().resolve("properties/");
        String expected = jsonb.toJson(PropertyList.of(entities));
        HttpResponse<byte[]> identity = http.send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> gzip = http.send(HttpRequest.newBuilder(list).header("Accept-Encoding", "gzip").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(expected, new String(identity.body(), StandardCharsets.UTF_8));
        assertEquals("gzip", gzip.headers().firstValue("Content-Encoding").orElseThrow());
        try (GZIPInputStream inflated = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertEquals(expected, new String(inflated.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private static PropertyDraft draft(String title) {
        return new PropertyDraft(title, "In-container test", new BigDecimal("99.99"), "Lagos");
    }
}
