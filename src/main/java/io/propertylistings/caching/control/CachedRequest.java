package io.propertylistings.caching.control;

import java.util.Optional;

/**
 * What the response cache needs to know of a GET: read from the HTTP request, or made up by a warm-up, which
 * has no HTTP request. {@code path} is the request URI (context path included) and {@code query} the raw query
 * string, as the servlet API gives them, so a warm-up and a request of the same URL share one entry.
 */
public record CachedRequest(String method, String path, String query, String accept, String acceptEncoding,
        String ifNoneMatch,
        Optional<String> caller, boolean credentialsSent, boolean warmUp) {

    /** An anonymous GET, as a warm-up asks it. */
    public static CachedRequest warmUp(String path, String query) {
        return new CachedRequest("GET", path, query, null, null, null, Optional.empty(), false, true);
    }

    /** No credentials sent: the answer cannot depend on who asks. */
    public boolean anonymous() {
        return caller.isEmpty() && !credentialsSent;
    }
}
