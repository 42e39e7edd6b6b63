package io.propertylistings.security.boundary;

import io.propertylistings.platform.boundary.ErrorResponse;
import io.propertylistings.security.control.AccountSet;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

/**
 * HTTP Basic through this application's own Jakarta Security mechanism ({@link BasicAuthentication}), portable
 * across servers. Resources are not protected by the servlet container: the mechanism authenticates whoever
 * sends credentials, refuses credentials that authenticate nobody, and {@link WriteAuthorization} decides.
 */
@ApplicationScoped
@DeclareRoles(SecurityConfiguration.ADMIN_ROLE)
public class SecurityConfiguration {

    public static final String REALM = "property-listings";
    public static final String ADMIN_ROLE = AccountSet.ADMIN_ROLE;

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
            request.abortWith(Response.fromResponse(ErrorResponse.of(Response.Status.UNAUTHORIZED,
                            "credentials are required " + purpose))
                    .header(HttpHeaders.WWW_AUTHENTICATE, challenge())
                    .build());
        } else if (!security.isUserInRole(role)) {
            request.abortWith(ErrorResponse.of(Response.Status.FORBIDDEN, "the role " + role + " is required " + purpose));
        }
    }
}
