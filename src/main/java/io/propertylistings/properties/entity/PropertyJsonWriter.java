package io.propertylistings.properties.entity;

import jakarta.json.Json;
import jakarta.json.stream.JsonGenerator;
import jakarta.json.stream.JsonGeneratorFactory;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * Writes the body of {@code GET /properties/} straight from the rows' column values: the same bytes JSON-B makes
 * of {@code PropertyList.of(properties)} (same JSON-P generator, same order and formats), without an object per
 * row.
 */
public final class PropertyJsonWriter implements AutoCloseable {

    private static final JsonGeneratorFactory GENERATORS = Json.createGeneratorFactory(Map.of());

    private final JsonGenerator json;
    private int count;

    private PropertyJsonWriter(OutputStream out) {
        json = GENERATORS.createGenerator(out).writeStartObject().writeStartArray("properties");
    }

    /** Starts the body; {@link #close()} ends it with the count. */
    public static PropertyJsonWriter listBody(OutputStream out) {
        return new PropertyJsonWriter(out);
    }

    public void write(long id, String title, String description, BigDecimal price, String location,
            OffsetDateTime createdAt) {
        json.writeStartObject()
                .write("id", id)
                .write("title", title)
                .write("description", description)
                .write("price", PropertyJson.price(price))
                .write("location", location)
                .write("created_at", PropertyJson.timestamp(createdAt))
                .writeEnd();
        count++;
    }

    public int count() {
        return count;
    }

    /** Ends the array, writes the count and flushes; closes {@code out} too, as JSON-P does. */
    @Override
    public void close() {
        json.writeEnd().write("count", count).writeEnd().close();
    }
}
