package io.propertylistings.properties.entity;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

/**
 * Writes properties as a JSON array straight from their column values, the same bytes JSON-B makes of a list
 * of {@link PropertyJson} (the same order and formats, and JSON-P's escapes: quote and backslash, the short forms
 * of backspace, form feed, newline, return and tab, a six-character escape with lower-case hex for the other
 * control characters, everything else as UTF-8), without an object per row. Hand-written because the list is most of a cold
 * request: several times faster than a JSON-P generator (bench/NOTES.md).
 */
public final class PropertyJsonWriter implements AutoCloseable {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final OutputStream out;
    private final byte[] buffer = new byte[16 * 1024];
    private int used;
    private int count;

    private PropertyJsonWriter(OutputStream out) {
        this.out = out;
        put((byte) '[');
    }

    /** Starts the array; {@link #close()} ends it. */
    public static PropertyJsonWriter array(OutputStream out) {
        return new PropertyJsonWriter(out);
    }

    public void write(long id, String title, String description, BigDecimal price, String location,
            OffsetDateTime createdAt) {
        ascii(count == 0 ? "{\"id\":" : ",{\"id\":");
        ascii(Long.toString(id));
        ascii(",\"title\":");
        string(title);
        ascii(",\"description\":");
        string(description);
        ascii(",\"price\":");
        string(PropertyJson.price(price));
        ascii(",\"location\":");
        string(location);
        ascii(",\"created_at\":");
        string(PropertyJson.timestamp(createdAt));
        put((byte) '}');
        count++;
    }

    public int count() {
        return count;
    }

    /** Ends the array and writes what is buffered; closes {@code out} too, as a JSON-P generator does. */
    @Override
    public void close() {
        put((byte) ']');
        try (out) {
            drain();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void string(String value) {
        put((byte) '"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
                put((byte) c);
            } else if (c >= 0x80) {
                i = utf8(value, i);
            } else {
                escape(c);
            }
        }
        put((byte) '"');
    }

    private void escape(char c) {
        put((byte) '\\');
        switch (c) {
            case '"' -> put((byte) '"');
            case '\\' -> put((byte) '\\');
            case '\b' -> put((byte) 'b');
            case '\f' -> put((byte) 'f');
            case '\n' -> put((byte) 'n');
            case '\r' -> put((byte) 'r');
            case '\t' -> put((byte) 't');
            default -> {
                ascii("u00");
                put(HEX[c >> 4]);
                put(HEX[c & 0xf]);
            }
        }
    }

    // One character at i (two for a surrogate pair) as UTF-8; answers the index of the last char used.
    private int utf8(String value, int i) {
        char c = value.charAt(i);
        if (c < 0x800) {
            put((byte) (0xc0 | c >> 6));
            put((byte) (0x80 | c & 0x3f));
            return i;
        }
        if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
            int code = Character.toCodePoint(c, value.charAt(i + 1));
            put((byte) (0xf0 | code >> 18));
            put((byte) (0x80 | code >> 12 & 0x3f));
            put((byte) (0x80 | code >> 6 & 0x3f));
            put((byte) (0x80 | code & 0x3f));
            return i + 1;
        }
        if (Character.isSurrogate(c)) {
            put((byte) '?'); // a lone surrogate, as Java's UTF-8 encoder writes it (PostgreSQL text cannot hold one)
            return i;
        }
        put((byte) (0xe0 | c >> 12));
        put((byte) (0x80 | c >> 6 & 0x3f));
        put((byte) (0x80 | c & 0x3f));
        return i;
    }

    private void ascii(String text) {
        for (int i = 0; i < text.length(); i++) {
            put((byte) text.charAt(i));
        }
    }

    private void put(byte b) {
        if (used == buffer.length) {
            drain();
        }
        buffer[used++] = b;
    }

    private void drain() {
        try {
            out.write(buffer, 0, used);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        used = 0;
    }
}
