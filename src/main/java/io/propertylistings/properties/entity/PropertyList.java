package io.propertylistings.properties.entity;

import io.propertylistings.gzip.SpliceableGzip;
import jakarta.json.bind.annotation.JsonbPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The body of {@code GET /properties/}, in the seed project's shape: {@code count} is the number of items here;
 * {@code total}, the number of matches on all pages, is there only when the client asked for a page.
 */
@JsonbPropertyOrder({"properties", "count", "total"})
public record PropertyList(List<PropertyJson> properties, int count, Long total) {

    private static final byte[] PREFIX = "{\"properties\":".getBytes(StandardCharsets.US_ASCII);

    public static PropertyList of(List<PropertyJson> properties) {
        return new PropertyList(properties, properties.size(), null);
    }

    /**
     * The gzip of what JSON-B makes of {@code of(list)}, {@code {"properties":[...],"count":N}}, wrapped around
     * the stored array's gzip: no parsing, no objects, no compression of the array again.
     */
    public static byte[] gzipOf(PropertyListJson list) {
        return SpliceableGzip.splice(PREFIX, list.gzip(),
                (",\"count\":" + list.count() + "}").getBytes(StandardCharsets.US_ASCII));
    }

    public static PropertyList page(List<PropertyJson> properties, long total) {
        return new PropertyList(properties, properties.size(), total);
    }
}
