package io.propertylistings.security.boundary;

import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.security.enterprise.authentication.mechanism.http.BasicAuthenticationMechanismDefinition;

/**
 * HTTP Basic through Jakarta Security, portable across servers. Resources are not protected by the servlet
 * container: the mechanism authenticates whoever sends credentials, and {@link WriteAuthorization} decides.
 */
@ApplicationScoped
@BasicAuthenticationMechanismDefinition(realmName = SecurityConfiguration.REALM)
@DeclareRoles(SecurityConfiguration.ADMIN_ROLE)
public class SecurityConfiguration {

    public static final String REALM = "property-listings";
    public static final String ADMIN_ROLE = "property-admin";

    /** The {@code WWW-Authenticate} value of a 401. */
    public static String challenge() {
        return "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"";
    }
}
