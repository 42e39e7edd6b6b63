package io.propertylistings.security.boundary;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * With {@code security.operations.role} set, {@code /cache/*} and {@code /dashboard/} need a user in that role
 * (401 without credentials, 403 without the role). Unset, they are public, as the seed project's were.
 */
@Provider
@Priority(Priorities.AUTHORIZATION)
public class OperationsAuthorization implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        if (!operations(request.getUriInfo().getPath())) {
            return; // before the configuration: reading it is dear next to the rest of a cache hit
        }
        // Read per request through the API: JAX-RS providers are not CDI beans on every server.
        Optional<String> role = ConfigProvider.getConfig().getOptionalValue("security.operations.role", String.class);
        if (role.filter(name -> !name.isBlank()).isEmpty()) {
            return;
        }
        SecurityConfiguration.requireRole(request, role.get().trim(), "for the operations endpoints");
    }

    static boolean operations(String path) {
        String relative = path.startsWith("/") ? path.substring(1) : path;
        return relative.equals("cache") || relative.startsWith("cache/")
                || relative.equals("dashboard") || relative.startsWith("dashboard/");
    }
}
