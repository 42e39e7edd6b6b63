package io.propertylistings.security.boundary;

import io.propertylistings.security.control.Accounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.credential.Credential;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStore;

/** Jakarta Security's view of {@link Accounts}. */
@ApplicationScoped
public class ConfiguredIdentityStore implements IdentityStore {

    @Inject
    Accounts accounts;

    // Overridden: the interface's default finds validate(UsernamePasswordCredential) by reflection on the
    // runtime class, which for a CDI client proxy fails.
    @Override
    public CredentialValidationResult validate(Credential credential) {
        if (!(credential instanceof UsernamePasswordCredential password)) {
            return CredentialValidationResult.NOT_VALIDATED_RESULT;
        }
        return accounts.authenticate(password.getCaller(), password.getPassword().getValue())
                .map(account -> new CredentialValidationResult(account.name(), account.roles()))
                .orElse(CredentialValidationResult.INVALID_RESULT);
    }
}
