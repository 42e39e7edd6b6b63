package io.propertylistings.properties.control;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.caching.CacheLevel;
import io.propertylistings.caching.ValueCodec;
import io.propertylistings.gzip.Gzip;
import io.propertylistings.properties.entity.PropertyListBody;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Level 2: the property list, under the seed's name {@code all_properties}, stored as the count (4 bytes) and
 * the gzip of the whole list body: sent as it is, and several times smaller than the JSON. It says what the
 * entry is; {@code GenerationalCache} keeps it.
 */
@ApplicationScoped
public class PropertyListCache implements ValueCodec<PropertyListBody> {

    public static final String ID = "all_properties";
    public static final int VERSION = 3;

    @Inject
    @ConfigProperty(name = "caching.list.ttl-seconds")
    long ttlSeconds;

    public CacheEntry<PropertyListBody> entry() {
        return new CacheEntry<>(CacheLevel.LIST, ID, this, Duration.ofSeconds(ttlSeconds));
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public Optional<byte[]> encode(PropertyListBody list) {
        return Optional.of(ByteBuffer.allocate(4 + list.gzip().length).putInt(list.count()).put(list.gzip()).array());
    }

    @Override
    public boolean cacheable(PropertyListBody list) {
        return true;
    }

    // A copy held in this JVM may hold the identity body of the load that made it.
    @Override
    public long heapBytes(PropertyListBody list, byte[] stored) {
        return stored.length + list.identity().map(identity -> identity.length).orElse(0);
    }

    @Override
    public PropertyListBody decode(byte[] stored) {
        if (stored.length < 4) {
            throw new IllegalArgumentException("not a stored property list");
        }
        byte[] gzip = Arrays.copyOfRange(stored, 4, stored.length);
        Gzip.checkFraming(gzip);
        return new PropertyListBody(gzip, ByteBuffer.wrap(stored).getInt());
    }
}
