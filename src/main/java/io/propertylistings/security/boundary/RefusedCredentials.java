package io.propertylistings.security.boundary;

import io.propertylistings.platform.boundary.ErrorResponse;
import io.propertylistings.security.control.Logins.Throttled;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Answers requests whose credentials {@link BasicAuthentication} refused: 429 with {@code Retry-After} while
 * the name or address is throttled, else 401 with the challenge. Before matching, so before any resource,
 * interceptor or cache. The request's properties are its servlet attributes (JAX-RS, in a servlet container).
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class RefusedCredentials implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        Object refused = request.getProperty(BasicAuthentication.REFUSED);
        if (refused == null) {
            return;
        }
        if (refused instanceof Throttled throttled) {
            // The same words for a name and an address, and whether or not the name exists.
            request.abortWith(Response.fromResponse(ErrorResponse.of(Response.Status.TOO_MANY_REQUESTS,
                            "too many failed logins, try again later"))
                    .header(HttpHeaders.RETRY_AFTER, throttled.retryAfterSeconds())
                    .build());
            return;
        }
        request.abortWith(Response.fromResponse(ErrorResponse.of(Response.Status.UNAUTHORIZED,
                        "the credentials are not valid"))
                .header(HttpHeaders.WWW_AUTHENTICATE, SecurityConfiguration.challenge())
                .build());
    }
}
