package io.propertylistings.properties.entity;

import io.propertylistings.caching.control.Gzip;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonReader;
import java.io.ByteArrayInputStream;
import java.util.List;

/**
 * Every property as the JSON array of {@link PropertyJson}, gzipped (a {@code SpliceableGzip}), and how many
 * there are: the list level's value, which the list response wraps without parsing it.
 */
public record PropertyListJson(byte[] gzip, int count) {

    /** The array, inflated; for tests and reports, not for serving. */
    public byte[] json() {
        return Gzip.decompress(gzip);
    }

    /** The ids in the array, in its order; for tests. */
    public List<Long> ids() {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(json()))) {
            JsonArray array = reader.readArray();
            return array.stream().map(p -> p.asJsonObject().getJsonNumber("id")).map(JsonNumber::longValue).toList();
        }
    }

    public boolean contains(long id) {
        return ids().contains(id);
    }
}
