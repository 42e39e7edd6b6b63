package io.propertylistings.responsecache;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The HTTP answer to a GET of a stored response, as far as it does not depend on the request's
 * preconditions: which coding (gzip when stored and accepted), its strong ETag, the body and the headers.
 *
 * <p>{@code Cache-Control} is {@code no-cache} unless the operator set a {@code max-age}: a browser, proxy or
 * CDN may keep the answer but asks again before each use, and gets a 304 while the entry is current. So no
 * cache in front serves an answer that a write has made old. A {@code max-age} trades that for fewer
 * requests: for up to that many seconds a downstream cache may serve an answer older than the last write.
 */
record HttpAnswer(String etag, String contentType, byte[] body, Map<String, String> headers) {

    public static final String CACHE_HEADER = "X-Cache";
    static final String SHARED_VARY = "Accept, Accept-Encoding";
    static final String PERSONAL_VARY = SHARED_VARY + ", Authorization";

    /**
     * @param maxAgeSeconds the operator's {@code max-age}, or empty for {@code no-cache}
     */
    public static HttpAnswer of(CachedRepresentation cached, String acceptEncoding, OptionalLong maxAgeSeconds,
            long nowMillis) {
        StoredResponse stored = cached.stored();
        boolean gzip = stored.hasGzip() && ContentCoding.acceptsGzip(acceptEncoding);
        // Each coding is its own representation, with its own strong validator.
        String etag = gzip ? ContentCoding.gzipEtag(stored.etag()) : stored.etag();
        Map<String, String> headers = new LinkedHashMap<>();
        stored.headers().forEach((name, value) -> {
            if (!ETags.ETAG.equalsIgnoreCase(name) && !"Vary".equalsIgnoreCase(name)) {
                headers.put(name, value);
            }
        });
        headers.put(ETags.ETAG, etag);
        headers.put("Cache-Control", cacheControl(cached.personal(), maxAgeSeconds, stored.secondsLeft(nowMillis)));
        headers.put("Vary", cached.personal() ? PERSONAL_VARY : SHARED_VARY);
        headers.put(CACHE_HEADER, cached.outcome().name());
        if (gzip) {
            headers.put("Content-Encoding", "gzip");
        }
        return new HttpAnswer(etag, stored.contentType(), gzip ? stored.gzip() : stored.body(), headers);
    }

    /** What a 304 repeats of the full answer (RFC 9110, 15.4.5). */
    public Map<String, String> notModifiedHeaders() {
        Map<String, String> kept = new LinkedHashMap<>();
        for (String name : new String[] {ETags.ETAG, "Cache-Control", "Vary", CACHE_HEADER}) {
            kept.put(name, headers.get(name));
        }
        return kept;
    }

    /** The ETag without its quotes, as JAX-RS' {@code EntityTag} takes it. */
    public String opaqueEtag() {
        return etag.substring(1, etag.length() - 1);
    }

    static String cacheControl(boolean personal, OptionalLong maxAgeSeconds, long secondsLeft) {
        String scope = personal ? "private" : "public";
        if (maxAgeSeconds.isEmpty()) {
            return scope + ", no-cache";
        }
        return scope + ", max-age=" + Math.min(maxAgeSeconds.getAsLong(), secondsLeft);
    }
}
