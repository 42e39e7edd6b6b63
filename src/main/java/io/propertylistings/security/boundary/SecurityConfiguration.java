package io.propertylistings.security.boundary;

import io.propertylistings.platform.boundary.Problem;
import io.propertylistings.security.control.AccountSet;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * HTTP Basic in JAX-RS filters, the same on every server. Resources are not protected by the servlet container:
 * {@link BasicAuthentication} authenticates whoever sends credentials and refuses credentials that authenticate
 * nobody; {@link WriteAuthorization} and {@link OperationsAuthorization} decide.
 */
public final class SecurityConfiguration {

    public static final String REALM = "property-listings";
    public static final String ADMIN_ROLE = AccountSet.ADMIN_ROLE;

    private SecurityConfiguration() {
    }

    /** The {@code WWW-Authenticate} value of a 401. */
    public static String challenge() {
        return "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";
    }

    /**
     * Lets the request through only for a user in {@code role}: 401 with a challenge without credentials, 403
     * for a user without the role. {@code purpose} ends the messages ("... required to {@code purpose}").
     */
    static void requireRole(ContainerRequestContext request, String role, String purpose) {
        SecurityContext security = request.getSecurityContext();
        if (security.getUserPrincipal() == null) {
            request.abortWith(Problem.of(Response.Status.UNAUTHORIZED, "credentials are required " + purpose)
                    .response()
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge())
                    .build());
        } else if (!security.isUserInRole(role)) {
            request.abortWith(Problem.of(Response.Status.FORBIDDEN, "the role " + role + " is required " + purpose)
                    .response().build());
        }
    }
}
