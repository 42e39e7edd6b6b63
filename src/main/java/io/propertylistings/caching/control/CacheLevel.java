package io.propertylistings.caching.control;

/** The cache levels, as named in metric tags. */
public enum CacheLevel {
    RESPONSE, LIST, DETAIL;

    public String tag() {
        return name().toLowerCase();
    }
}
