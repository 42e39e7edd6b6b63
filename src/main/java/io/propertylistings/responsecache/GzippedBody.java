package io.propertylistings.responsecache;

import java.util.Optional;

/**
 * The entity of a {@link CachedResponse} method's answer whose body the method already has gzipped (any
 * single-member gzip, such as the list level's): the response level stores it as it is instead of compressing the
 * body again, and inflates it only for a client that does not take gzip, unless the method had the body as it is
 * too ({@code identity}, when it has just made both).
 */
public record GzippedBody(byte[] gzip, Optional<byte[]> identity) {
}
