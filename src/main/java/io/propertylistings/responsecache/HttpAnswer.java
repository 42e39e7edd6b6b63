package io.propertylistings.responsecache;

import io.propertylistings.caching.CacheEntry;
import io.propertylistings.caching.Cached;
import java.io.IOException;
import java.util.OptionalLong;
import java.util.function.ToIntFunction;

/**
 * A stored response as it is sent: the entity a {@code @CachedResponse} method answers with (where it came
 * from, whether it is one caller's own, the entry that holds it), and the one writer of it, for JAX-RS ({@link
 * CachedResponseWriter}) and for the early path ({@link EarlyHitFilter}) alike.
 *
 * <p>Gzip goes out when stored and accepted; each coding is its own representation, with its own strong ETag.
 * {@code Cache-Control} is {@code no-cache} unless the operator set a {@code max-age}: a browser, proxy or CDN
 * may keep the answer but asks again before each use, and gets a 304 while the entry is current. So no cache in
 * front serves an answer that a write has made old. A {@code max-age} trades that for fewer requests: for up
 * to that many seconds a downstream cache may serve an answer older than the last write.
 */
record HttpAnswer(StoredResponse stored, Cached.Outcome outcome, boolean personal, CacheEntry<?> entry) {

    static final String CACHE_HEADER = "X-Cache";

    /** Where an answer is written: status first, then headers, then the body (none after a precondition). */
    interface Target {
        void status(int status);

        void header(String name, String value);

        void body(String contentType, byte[] body) throws IOException;
    }

    /**
     * Writes the answer to a request that sent {@code acceptEncoding}.
     *
     * @param precondition the status a precondition of the request decides for an ETag (given without its
     *        quotes, as JAX-RS takes it), 0 if none does
     * @param maxAgeSeconds the operator's {@code max-age}, or empty for {@code no-cache}
     */
    void writeTo(Target target, String acceptEncoding, ToIntFunction<String> precondition,
            OptionalLong maxAgeSeconds, long nowMillis) throws IOException {
        boolean gzip = stored.hasGzip() && ContentCoding.acceptsGzip(acceptEncoding);
        String etag = gzip ? ContentCoding.gzipEtag(stored.etag()) : stored.etag();
        int decided = precondition.applyAsInt(etag.substring(1, etag.length() - 1));
        target.status(decided != 0 ? decided : stored.status());
        if (decided == 0) {
            stored.headers().forEach((name, value) -> {
                if (!ETags.ETAG.equalsIgnoreCase(name) && !"Vary".equalsIgnoreCase(name)) {
                    target.header(name, value);
                }
            });
        }
        // What a 304 repeats of the full answer (RFC 9110, 15.4.5).
        target.header(ETags.ETAG, etag);
        target.header("Cache-Control", cacheControl(personal, maxAgeSeconds, stored.secondsLeft(nowMillis)));
        target.header("Vary", ResponseVariation.vary(personal));
        target.header(CACHE_HEADER, outcome.name());
        if (decided == 0) {
            if (gzip) {
                target.header("Content-Encoding", "gzip");
            }
            target.body(stored.contentType(), gzip ? stored.gzip() : stored.body());
        }
    }

    static String cacheControl(boolean personal, OptionalLong maxAgeSeconds, long secondsLeft) {
        String scope = personal ? "private" : "public";
        if (maxAgeSeconds.isEmpty()) {
            return scope + ", no-cache";
        }
        return scope + ", max-age=" + Math.min(maxAgeSeconds.getAsLong(), secondsLeft);
    }
}
