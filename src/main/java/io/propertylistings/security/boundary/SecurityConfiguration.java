package io.propertylistings.security.boundary;

import io.propertylistings.security.control.AccountSet;
import jakarta.annotation.security.DeclareRoles;
import jakarta.enterprise.context.ApplicationScoped;

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
}
