package io.propertylistings.platform.boundary;

import jakarta.ws.rs.core.Response;

/**
 * The problems that say more than their status (RFC 9457 problem types). Every other error is {@code about:blank}.
 * Their URIs are relative to the service, where {@code ProblemTypesResource} describes each.
 */
public enum ProblemType {

    INVALID_REQUEST("invalid-request", Response.Status.BAD_REQUEST, "The request is not valid",
            "The body or the query breaks the API's rules; violations name each field and what is wrong with it. "
                    + "Nothing was changed."),
    LOGIN_THROTTLED("login-throttled", Response.Status.TOO_MANY_REQUESTS, "Too many failed logins",
            "Too many failed logins for this name or from this address; Retry-After says when to try again."),
    DATABASE_UNAVAILABLE("database-unavailable", Response.Status.SERVICE_UNAVAILABLE, "The database is unavailable",
            "PostgreSQL cannot be reached and no cached answer can stand in. Nothing was written; Retry-After says "
                    + "when to try again."),
    REDIS_UNAVAILABLE("redis-unavailable", Response.Status.SERVICE_UNAVAILABLE, "Redis cannot be reached",
            "The cache's figures need Redis. The body carries the figures this node has, as extension members.");

    static final String PATH = "problems";

    private final String name;
    private final Response.Status status;
    private final String title;
    private final String description;

    ProblemType(String name, Response.Status status, String title, String description) {
        this.name = name;
        this.status = status;
        this.title = title;
        this.description = description;
    }

    public String uri() {
        return "/" + PATH + "/" + name;
    }

    String slug() {
        return name;
    }

    public Response.Status status() {
        return status;
    }

    public String title() {
        return title;
    }

    public String description() {
        return description;
    }
}
