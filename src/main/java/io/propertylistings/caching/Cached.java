package io.propertylistings.caching;

/** A value from the cache and where it came from. */
public record Cached<T>(T value, Outcome outcome) {

    public enum Outcome {
        /** From Redis or from this JVM's copy of a current entry, or from a load another request made. */
        HIT,
        /** Loaded by this request. */
        MISS,
        /** Loaded without the cache: Redis could not be asked, or this node does not trust it yet. */
        BYPASS,
        /**
         * From the cache although this node could not hear database changes, because the database could not be
         * reached: as of the last change any node heard.
         */
        FALLBACK
    }
}
