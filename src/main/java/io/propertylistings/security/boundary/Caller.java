package io.propertylistings.security.boundary;

import io.propertylistings.security.control.AccountSet.Account;
import jakarta.ws.rs.core.SecurityContext;
import java.security.Principal;

/** The JAX-RS security context of a request whose Basic credentials authenticated {@code account}. */
record Caller(Account account, boolean secure) implements SecurityContext {

    @Override
    public Principal getUserPrincipal() {
        return new Name(account.name());
    }

    @Override
    public boolean isUserInRole(String role) {
        return account.roles().contains(role);
    }

    @Override
    public boolean isSecure() {
        return secure;
    }

    @Override
    public String getAuthenticationScheme() {
        return BASIC_AUTH;
    }

    private record Name(String name) implements Principal {

        @Override
        public String getName() {
            return name;
        }
    }
}
