package io.propertylistings.security.boundary;

import io.propertylistings.platform.boundary.ErrorResponse;
import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;
import java.util.Set;

/** Reads are public; every other method needs a user in the admin role: 401 without one, 403 for others. */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class WriteAuthorization implements ContainerRequestFilter {

    private static final Set<String> PUBLIC_METHODS = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    @Override
    public void filter(ContainerRequestContext request) {
        if (PUBLIC_METHODS.contains(request.getMethod())) {
            return;
        }
        SecurityContext security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            request.abortWith(Response.fromResponse(ErrorResponse.of(Response.Status.UNAUTHORIZED,
                            "credentials are required to change properties"))
                    .header(HttpHeaders.WWW_AUTHENTICATE, SecurityConfiguration.challenge())
                    .build());
        } else if (!security.isUserInRole(SecurityConfiguration.ADMIN_ROLE)) {
            request.abortWith(ErrorResponse.of(Response.Status.FORBIDDEN,
                    "the role " + SecurityConfiguration.ADMIN_ROLE + " is required to change properties"));
        }
    }
}
