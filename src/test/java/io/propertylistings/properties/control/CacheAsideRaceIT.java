package io.propertylistings.properties.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.properties.boundary.PropertyCatalog;
import io.propertylistings.properties.entity.PropertyDraft;
import io.propertylistings.properties.entity.PropertyJson;
import io.propertylistings.support.BuiltWar;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The classic cache-aside race, forced: a loader reads the rows, a write commits and evicts, then the loader
 * stores what it read. The generation guard must refuse that store, at both levels.
 */
@ExtendWith(ArquillianExtension.class)
class CacheAsideRaceIT {

    @Deployment
    static WebArchive war() {
        return BuiltWar.withoutWarming()
                .addClass(PausingPropertyStore.class)
                .addClass(PausingPropertyStore.Gate.class);
    }

    @Inject
    PropertyCatalog catalog;

    @Inject
    PropertyListCache listCache;

    @ArquillianResource
    URL base;

    @Resource
    ManagedExecutorService executor;

    @AfterEach
    void openGate() {
        PausingPropertyStore.open();
    }

    @Test
    void aLoadThatRacedWithACommitDoesNotStoreItsOldList() throws Exception {
        listCache.evict();
        PausingPropertyStore.Gate gate = PausingPropertyStore.close();
        CompletableFuture<List<PropertyJson>> loader = CompletableFuture.supplyAsync(catalog::all, executor);
        assertTrue(gate.loaded.await(30, TimeUnit.SECONDS), "the loader read the rows");

        PropertyJson written = catalog.create(draft("Written while a load was in flight"), "in-container-test");
        gate.release.countDown();
        List<PropertyJson> raced = loader.get(30, TimeUnit.SECONDS);

        assertFalse(contains(raced, written.id()), "the loader read before the write: its list is old");
        assertTrue(listCache.get().isEmpty(), "the old list must not have been stored");
        assertTrue(contains(catalog.all(), written.id()), "the next read loads the new list");
        assertTrue(contains(listCache.get().orElseThrow(), written.id()), "and that one is cached");
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

    private static boolean contains(List<PropertyJson> list, long id) {
        return list.stream().anyMatch(property -> property.id() == id);
    }

    private static PropertyDraft draft(String title) {
        return new PropertyDraft(title, "Race test", new BigDecimal("1.00"), "Dakar");
    }
}
