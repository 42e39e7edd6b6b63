package io.propertylistings.properties.control;

import io.propertylistings.caching.control.CacheLevel;
import io.propertylistings.caching.control.CacheStatistics;
import io.propertylistings.caching.control.GenerationGuard;
import io.propertylistings.caching.control.LevelCensus;
import io.propertylistings.caching.control.PendingEvictions;
import io.propertylistings.properties.entity.PropertyJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Level 2: the property list as JSON under the seed's key {@code all_properties}. Its generation counter is
 * hash-tagged to the same slot; see {@link GenerationGuard} for why a loader stores under a generation.
 */
@ApplicationScoped
public class PropertyListCache implements LevelCensus {

    public static final String KEY = "all_properties";
    static final String GENERATION_KEY = "{all_properties}:generation";
    public static final String LOCK_KEY = "{all_properties}:lock";
    private static final Type LIST_TYPE = new ArrayList<PropertyJson>() { }.getClass().getGenericSuperclass();

    @Inject
    GenerationGuard generations;

    @Inject
    CacheStatistics statistics;

    @Inject
    PendingEvictions pending;

    @Inject
    Jsonb jsonb;

    @Inject
    @ConfigProperty(name = "caching.list.ttl-seconds")
    long ttlSeconds;

    public Optional<List<PropertyJson>> get() {
        return read(true);
    }

    /** The list if cached, without counting a hit or a miss: a loader's second look. */
    public Optional<List<PropertyJson>> peek() {
        return read(false);
    }

    private Optional<List<PropertyJson>> read(boolean counted) {
        if (pending.owes(GENERATION_KEY)) {
            return Optional.empty();
        }
        try {
            byte[] json = generations.get(KEY);
            if (counted && json == null) {
                statistics.miss(CacheLevel.LIST);
            } else if (counted) {
                statistics.hit(CacheLevel.LIST);
            }
            return json == null ? Optional.empty()
                    : Optional.of(jsonb.fromJson(new String(json, StandardCharsets.UTF_8), LIST_TYPE));
        } catch (RuntimeException e) {
            distrust("get", e);
            return Optional.empty();
        }
    }

    /** The generation to hand back to {@link #put}; read it before loading. Empty when Redis is down. */
    public Optional<String> generation() {
        if (pending.owes(GENERATION_KEY)) {
            return Optional.empty();
        }
        try {
            return Optional.of(generations.current(GENERATION_KEY));
        } catch (RuntimeException e) {
            distrust("generation", e);
            return Optional.empty();
        }
    }

    public void put(String generation, List<PropertyJson> properties) {
        try {
            byte[] json = jsonb.toJson(properties, LIST_TYPE).getBytes(StandardCharsets.UTF_8);
            generations.storeIfCurrent(GENERATION_KEY, generation, KEY, json, Duration.ofSeconds(ttlSeconds));
        } catch (RuntimeException e) {
            distrust("store", e);
        }
    }

    public void evict() {
        statistics.eviction(CacheLevel.LIST);
        try {
            generations.advance(GENERATION_KEY, KEY);
        } catch (RuntimeException e) {
            statistics.error(CacheLevel.LIST, "eviction", e);
            pending.owe(GENERATION_KEY, () -> generations.advance(GENERATION_KEY, KEY));
        }
    }

    /** As {@code ResponseCache}: a node that Redis failed evicts before it reads this level again. */
    private void distrust(String operation, RuntimeException e) {
        statistics.error(CacheLevel.LIST, operation, e);
        pending.owe(GENERATION_KEY, () -> generations.advance(GENERATION_KEY, KEY));
    }

    @Override
    public CacheLevel level() {
        return CacheLevel.LIST;
    }

    /** One key or none; a RuntimeException when Redis cannot be reached. */
    @Override
    public Contents contents() {
        // -2: no such key; -1: a key without expiry, which this cache never writes but someone could.
        long ttlMillis = generations.remainingMillis(KEY);
        return ttlMillis == -2 ? new Contents(0, -1, KEY) : new Contents(1, ttlMillis, KEY);
    }
}
