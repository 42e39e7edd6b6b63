package io.propertylistings.properties.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.propertylistings.properties.entity.PropertyQuery;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Every spelling of one query is one query: one cache key, one entry in Redis. */
class PropertyQueryReaderTest {

    private final PropertyQueryReader reader = new PropertyQueryReader();

    private PropertyQuery read(Map<String, String> parameters) {
        MultivaluedMap<String, String> map = new MultivaluedHashMap<>();
        parameters.forEach(map::add);
        return reader.read(map, Optional.empty());
    }

    private String key(Map<String, String> parameters) {
        return read(parameters).cacheKey();
    }

    @Test
    void equivalentSpellingsShareOneKey() {
        String key = key(Map.of("min_price", "0"));
        for (String spelling : new String[] {"00", "0.0", "000.00", "0.00", "00000000"}) {
            assertEquals(key, key(Map.of("min_price", spelling)), spelling);
        }
        assertEquals(key(Map.of("location", "Nairobi", "page", "1", "size", "20")),
                key(Map.of("size", "0020", "page", "0001", "location", "NAIROBI")));
        assertEquals(key(Map.of()), PropertyQuery.EVERYTHING.cacheKey());
        assertEquals(key(Map.of("mine", "false")), key(Map.of()));
    }

    @Test
    void differentQueriesHaveDifferentKeys() {
        assertNotEquals(key(Map.of("min_price", "0")), key(Map.of("min_price", "0.01")));
        assertNotEquals(key(Map.of("page", "1")), key(Map.of("page", "2")));
        assertNotEquals(key(Map.of()), key(Map.of("sort", "price")));
    }

    @Test
    void theCanonicalQueryStringIsWhatLinksShow() {
        PropertyQuery query = read(Map.of("max_price", "300000", "location", "New York", "sort", "-price", "page", "2"));
        assertEquals("location=new%20york&max_price=300000.00&sort=-price&page=2&size=20", query.queryString());
    }

    @Test
    void anOwnersQueryIsKeyedByTheOwner() {
        MultivaluedMap<String, String> mine = new MultivaluedHashMap<>();
        mine.add("mine", "true");
        PropertyQuery alice = reader.read(mine, Optional.of("alice"));
        PropertyQuery bob = reader.read(mine, Optional.of("bob"));
        assertEquals(alice.cacheKey(), bob.cacheKey(), "the owner is not in the canonical text");
        assertEquals(Optional.of("alice"), alice.owner());
        assertEquals(Optional.of("bob"), bob.owner());
        assertEquals(Optional.empty(), PropertyQuery.EVERYTHING.owner());
    }
}
