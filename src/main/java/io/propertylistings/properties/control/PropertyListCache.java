package io.propertylistings.properties.control;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.caching.CacheLevel;
import io.propertylistings.gzip.SpliceableGzip;
import io.propertylistings.caching.ValueCodec;
import io.propertylistings.properties.entity.PropertyListJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Level 2: the property list, under the seed's name {@code all_properties}, stored as the count (4 bytes) and
 * the gzip of its JSON array: read back without parsing, and several times smaller than the JSON. It says what the entry
 * is; {@code GenerationalCache} keeps it.
 */
@ApplicationScoped
public class PropertyListCache implements ValueCodec<PropertyListJson> {

    public static final String ID = "all_properties";
    public static final int VERSION = 2;

    @Inject
    @ConfigProperty(name = "caching.list.ttl-seconds")
    long ttlSeconds;

    public CacheEntry<PropertyListJson> entry() {
        return new CacheEntry<>(CacheLevel.LIST, ID, this, Duration.ofSeconds(ttlSeconds));
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public Optional<byte[]> encode(PropertyListJson list) {
        return Optional.of(ByteBuffer.allocate(4 + list.gzip().length).putInt(list.count()).put(list.gzip()).array());
    }

    @Override
    public boolean cacheable(PropertyListJson list) {
        return true;
    }

    @Override
    public PropertyListJson decode(byte[] stored) {
        if (stored.length < 4) {
            throw new IllegalArgumentException("not a stored property list");
        }
        byte[] gzip = Arrays.copyOfRange(stored, 4, stored.length);
        SpliceableGzip.check(gzip);
        return new PropertyListJson(gzip, ByteBuffer.wrap(stored).getInt());
    }
}
