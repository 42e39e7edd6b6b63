package io.propertylistings.bench.ceiling;

/**
 * The bytes the ceiling answers with: a copy of a real response of the service (identity and gzip), put here by
 * the benchmark, so the ceiling writes exactly as many bytes as the cache hit it is compared with.
 */
final class CeilingBody {

    static volatile byte[] identity = new byte[0];
    static volatile byte[] gzip = new byte[0];
    static final String ETAG = "\"ceiling-0123456789abcdef0123456789abcdef0123456789ab\"";

    private CeilingBody() {
    }

    static boolean acceptsGzip(String acceptEncoding) {
        return acceptEncoding != null && acceptEncoding.contains("gzip") && gzip.length > 0;
    }
}
