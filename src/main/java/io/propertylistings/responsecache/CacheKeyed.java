package io.propertylistings.responsecache;

import java.util.Optional;

/**
 * An argument of a {@code @CachedResponse} method that says how it appears in the cache key. Arguments that
 * mean the same answer must give the same text, whatever the request spelled ({@code min_price=0} and
 * {@code 000.00}, parameters in any order): so a client cannot fill Redis with copies of one answer.
 */
public interface CacheKeyed {

    /** The canonical text of this argument. */
    String cacheKey();

    /** Whose own answer this is, if it is one caller's: the entry is then theirs and {@code private}. */
    Optional<String> owner();
}
