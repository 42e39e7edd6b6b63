package io.propertylistings.properties.control;

import io.propertylistings.caching.control.CacheEntry;
import io.propertylistings.caching.control.CacheLevel;
import io.propertylistings.caching.control.ValueCodec;
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
 * Level 2: the property list as a JSON array, under the seed's name {@code all_properties}. It says what the
 * entry is; {@code GenerationalCache} keeps it.
 */
@ApplicationScoped
public class PropertyListCache implements ValueCodec<List<PropertyJson>> {

    public static final String ID = "all_properties";
    private static final Type LIST_TYPE = new ArrayList<PropertyJson>() { }.getClass().getGenericSuperclass();

    @Inject
    Jsonb jsonb;

    @Inject
    @ConfigProperty(name = "caching.list.ttl-seconds")
    long ttlSeconds;

    public CacheEntry<List<PropertyJson>> entry() {
        return new CacheEntry<>(CacheLevel.LIST, ID, this, Duration.ofSeconds(ttlSeconds));
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public Optional<byte[]> encode(List<PropertyJson> properties) {
        return Optional.of(jsonb.toJson(properties, LIST_TYPE).getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public List<PropertyJson> decode(byte[] stored) {
        try {
            List<PropertyJson> properties = jsonb.fromJson(new String(stored, StandardCharsets.UTF_8), LIST_TYPE);
            return List.copyOf(properties);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a stored property list", e);
        }
    }
}
