package io.propertylistings.caching.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A response as it is kept in Redis: status, content type, headers (its ETag among them), the body bytes and
 * when the entry expires, in a small binary form so that a hit is written out without any JSON work.
 */
public record StoredResponse(int status, String contentType, Map<String, String> headers, byte[] body,
        long expiresAtMillis) {

    private static final int FORMAT = 2;

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length + 128);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            out.writeShort(status);
            out.writeLong(expiresAtMillis);
            out.writeUTF(contentType);
            out.writeShort(headers.size());
            for (Map.Entry<String, String> header : headers.entrySet()) {
                out.writeUTF(header.getKey());
                out.writeUTF(header.getValue());
            }
            out.writeInt(body.length);
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Reads what {@link #encode()} wrote; anything else is rejected rather than served. */
    public static StoredResponse decode(byte[] encoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int format = in.readUnsignedByte();
            if (format != FORMAT) {
                throw new IllegalArgumentException("unknown stored response format " + format);
            }
            int status = in.readUnsignedShort();
            long expiresAtMillis = in.readLong();
            String contentType = in.readUTF();
            int headerCount = in.readUnsignedShort();
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < headerCount; i++) {
                headers.put(in.readUTF(), in.readUTF());
            }
            byte[] body = new byte[in.readInt()];
            in.readFully(body);
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes after the stored body");
            }
            return new StoredResponse(status, contentType, headers, body, expiresAtMillis);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated stored response", e);
        }
    }

    public String etag() {
        return headers.get(HttpValidation.ETAG);
    }

    /** What is left of the entry's life, for {@code Cache-Control: max-age}. */
    public long secondsLeft(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis) / 1000);
    }
}
