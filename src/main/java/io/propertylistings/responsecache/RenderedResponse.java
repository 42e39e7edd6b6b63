package io.propertylistings.responsecache;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.caching.Cached;
import io.propertylistings.caching.ValueCodec;
import jakarta.json.bind.Jsonb;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a cached method answered: a 200 rendered once to bytes with its ETag ({@code stored}), or any other
 * answer, which is passed on as it is and never stored ({@code uncached}).
 */
record RenderedResponse(StoredResponse stored, Response uncached) {

    static final ValueCodec<RenderedResponse> CODEC = new ValueCodec<>() {
        @Override
        public int version() {
            return StoredResponse.FORMAT;
        }

        @Override
        public Optional<byte[]> encode(RenderedResponse value) {
            return Optional.ofNullable(value.stored()).map(StoredResponse::encode);
        }

        @Override
        public boolean cacheable(RenderedResponse value) {
            return value.stored() != null;
        }

        @Override
        public RenderedResponse decode(byte[] stored) {
            return new RenderedResponse(StoredResponse.decode(stored), null);
        }

        @Override
        public long heapBytes(RenderedResponse value, byte[] stored) {
            return value.stored() == null ? stored.length : value.stored().heapBytes();
        }
    };

    static RenderedResponse of(Response response, Jsonb jsonb, Duration ttl) {
        if (response.getStatus() != Response.Status.OK.getStatusCode()) {
            return new RenderedResponse(null, response);
        }
        Object entity = response.getEntity();
        if (entity instanceof GzippedBody gzipped) {
            // Its ETag hashes the gzip, which fixes the identity bytes as well: no inflating just to hash them.
            Map<String, String> headers = headers(response, ETags.etag(gzipped.gzip()));
            return new RenderedResponse(StoredResponse.ofGzip(response.getStatus(), type(response), headers,
                    gzipped.gzip(), gzipped.identity(), System.currentTimeMillis() + ttl.toMillis()), null);
        }
        byte[] body;
        if (entity instanceof byte[] raw) {
            body = raw;
        } else if (entity instanceof String text) {
            body = text.getBytes(StandardCharsets.UTF_8);
        } else {
            body = jsonb.toJson(entity).getBytes(StandardCharsets.UTF_8);
        }
        return new RenderedResponse(StoredResponse.of(response.getStatus(), type(response),
                headers(response, ETags.etag(body)), body, System.currentTimeMillis() + ttl.toMillis()), null);
    }

    private static String type(Response response) {
        return (response.getMediaType() == null ? MediaType.APPLICATION_JSON_TYPE : response.getMediaType()).toString();
    }

    private static Map<String, String> headers(Response response, String etag) {
        Map<String, String> headers = new LinkedHashMap<>();
        response.getStringHeaders().forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                headers.put(name, String.join(",", values));
            }
        });
        headers.put(ETags.ETAG, etag);
        return headers;
    }

    /** The method's answer: the stored response, for {@link CachedResponseWriter} to write out. */
    Response answer(Cached.Outcome outcome, boolean personal, CacheEntry<RenderedResponse> entry) {
        return stored == null ? uncached : Response.ok(new HttpAnswer(stored, outcome, personal, entry)).build();
    }
}
