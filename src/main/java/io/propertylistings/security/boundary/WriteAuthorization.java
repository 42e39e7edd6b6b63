package io.propertylistings.security.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
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
        SecurityConfiguration.requireRole(request, SecurityConfiguration.ADMIN_ROLE, "to change properties");
    }
}
