package io.propertylistings.caching;

import java.util.Optional;

/** How a level's values are kept in Redis. */
public interface ValueCodec<T> {

    /** The stored format; part of every key, so a new format never reads an old one. */
    int version();

    /** The bytes to store, or empty for a value that must not be cached (an answer other than 200). */
    Optional<byte[]> encode(T value);

    /**
     * Whether {@link #encode} keeps {@code value}; one it does not keep belongs to the request that loaded it and
     * is never handed to another. Override where encoding only to ask costs a copy of the value.
     */
    default boolean cacheable(T value) {
        return encode(value).isPresent();
    }

    /** Reads what {@link #encode} wrote; throws an IllegalArgumentException for anything else. */
    T decode(byte[] stored);

    /**
     * The heap a decoded value can come to hold, for the near cache's bound: the stored bytes, unless the value
     * makes more of them later (an identity body inflated from a gzip).
     */
    default long heapBytes(T value, byte[] stored) {
        return stored.length;
    }
}
