package io.propertylistings.responsecache;

/**
 * The entity of a {@link CachedResponse} method's answer whose body the method already has gzipped (any
 * single-member gzip, such as the list level's): the response level stores it as it is instead of compressing the
 * body again, and inflates it only for a client that does not take gzip.
 */
public record GzippedBody(byte[] gzip) {
}
