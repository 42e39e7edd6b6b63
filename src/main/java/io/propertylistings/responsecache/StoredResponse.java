package io.propertylistings.responsecache;

import io.propertylistings.gzip.Gzip;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A response as it is kept in Redis: status, content type, headers (its ETag among them), the body bytes and
 * when the entry expires, in a small binary form so that a hit is written out without any JSON work. Bodies
 * of 1 KiB and more are also gzipped once, when stored: Redis keeps only the gzip bytes (JSON shrinks several
 * times), and clients that accept gzip get them as they are, with no compression on the hit path. The identity
 * body of a gzipped entry is inflated only when a client asks for it, once per copy.
 */
final class StoredResponse {

    public static final int FORMAT = 3;
    static final int GZIP_FROM_BYTES = 1024;

    private final int status;
    private final String contentType;
    private final Map<String, String> headers;
    private final long expiresAtMillis;
    private final byte[] gzip;
    private volatile byte[] body; // null until inflated from gzip

    public StoredResponse(int status, String contentType, Map<String, String> headers, byte[] body,
            long expiresAtMillis, byte[] gzip) {
        this.status = status;
        this.contentType = contentType;
        this.headers = headers;
        this.body = body;
        this.expiresAtMillis = expiresAtMillis;
        this.gzip = gzip;
    }

    /** A response to store, with its gzip copy when that pays. */
    public static StoredResponse of(int status, String contentType, Map<String, String> headers, byte[] body,
            long expiresAtMillis) {
        byte[] gzip = body.length >= GZIP_FROM_BYTES ? Gzip.compress(body) : new byte[0];
        return new StoredResponse(status, contentType, headers, body, expiresAtMillis,
                gzip.length > 0 && gzip.length < body.length ? gzip : new byte[0]);
    }

    /**
     * A response whose body its maker had gzipped already: stored as it is, not compressed again. A body that
     * would not have been gzipped ({@link #of}) is stored as {@link #of} would. {@code identity}, the body as it is
     * when the maker kept it, saves inflating the gzip for a client without gzip.
     */
    public static StoredResponse ofGzip(int status, String contentType, Map<String, String> headers, byte[] gzip,
            Optional<byte[]> identity, long expiresAtMillis) {
        long length = Gzip.identityLength(gzip);
        if (length < GZIP_FROM_BYTES || gzip.length >= length) {
            return of(status, contentType, headers, identity.orElseGet(() -> Gzip.decompress(gzip)), expiresAtMillis);
        }
        return new StoredResponse(status, contentType, headers, identity.orElse(null), expiresAtMillis, gzip);
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public long expiresAtMillis() {
        return expiresAtMillis;
    }

    public byte[] gzip() {
        return gzip;
    }

    /** The identity body; inflated on the first call when only the gzip is held. */
    public byte[] body() {
        byte[] identity = body;
        if (identity == null) {
            identity = Gzip.decompress(gzip); // concurrent first calls may both inflate; either result is the same
            body = identity;
        }
        return identity;
    }

    public boolean hasGzip() {
        return gzip.length > 0;
    }

    /** The bytes this copy holds once an identity client has asked for it: the gzip and the identity body. */
    public long heapBytes() {
        byte[] identity = body;
        long bodyBytes = identity != null ? identity.length : Gzip.identityLength(gzip);
        return gzip.length + bodyBytes;
    }

    public byte[] encode() {
        byte[] stored = hasGzip() ? gzip : body;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(stored.length + 128);
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
            if (gzipped) {
                Gzip.checkFraming(stored); // the body is inflated later, for an identity client
            }
            return gzipped
                    ? new StoredResponse(status, contentType, headers, null, expiresAtMillis, stored)
                    : new StoredResponse(status, contentType, headers, stored, expiresAtMillis, new byte[0]);
        } catch (IOException e) {
            throw new IllegalArgumentException("truncated stored response", e);
        }
    }

    public String etag() {
        return headers.get(ETags.ETAG);
    }

    /** What is left of the entry's life, for {@code Cache-Control: max-age}. */
    public long secondsLeft(long nowMillis) {
        return Math.max(0, (expiresAtMillis - nowMillis) / 1000);
    }
}
