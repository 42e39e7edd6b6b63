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
 * when the entry expires, in a small binary form so that a hit is written out without any JSON work. Bodies
 * of 1 KiB and more are also gzipped once, when stored: Redis keeps only the gzip bytes (JSON shrinks several
 * times), and clients that accept gzip get them as they are, with no compression on the hit path.
 */
public record StoredResponse(int status, String contentType, Map<String, String> headers, byte[] body,
        long expiresAtMillis, byte[] gzip) {

    public static final int FORMAT = 3;
    static final int GZIP_FROM_BYTES = 1024;

    /** A response to store, with its gzip copy when that pays. */
    public static StoredResponse of(int status, String contentType, Map<String, String> headers, byte[] body,
            long expiresAtMillis) {
        byte[] gzip = body.length >= GZIP_FROM_BYTES ? Gzip.compress(body) : new byte[0];
        return new StoredResponse(status, contentType, headers, body, expiresAtMillis,
                gzip.length > 0 && gzip.length < body.length ? gzip : new byte[0]);
    }

    public boolean hasGzip() {
        return gzip.length > 0;
    }

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
            byte[] stored = hasGzip() ? gzip : body;
            out.writeBoolean(hasGzip());
            out.writeInt(stored.length);
            out.write(stored);
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
            boolean gzipped = in.readBoolean();
            byte[] stored = new byte[in.readInt()];
            in.readFully(stored);
            if (in.read() != -1) {
                throw new IllegalArgumentException("trailing bytes after the stored body");
            }
            return gzipped
                    ? new StoredResponse(status, contentType, headers, Gzip.decompress(stored), expiresAtMillis, stored)
                    : new StoredResponse(status, contentType, headers, stored, expiresAtMillis, new byte[0]);
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
