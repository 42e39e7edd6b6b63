package io.propertylistings.security.control;

import io.propertylistings.security.control.AccountSet.Account;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;

/**
 * The configured accounts ({@link AccountSet}), read once when the application starts: a malformed entry
 * stops the deployment there, with the entry's position, instead of failing every login later. Accounts
 * change only with a redeployment, which also drops every cache of verified credentials.
 */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());

    // Read through Config: not every server injects Optional<List<String>>.
    @Inject
    Config config;

    private AccountSet accounts;

    /** Created at start-up, so that a bad entry fails the deployment rather than the first login. */
    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        LOG.fine(() -> accounts.size() + " accounts");
    }

    @PostConstruct
    void read() {
        try {
            accounts = AccountSet.parse(
                    config.getOptionalValue("properties.admin.username", String.class),
                    config.getOptionalValue("properties.admin.password-hash", String.class),
                    config.getOptionalValue("properties.admin.password", String.class),
                    config.getOptionalValues("properties.users", String.class).orElse(List.of()));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Invalid account configuration: " + e.getMessage());
        }
        accounts.warnings().forEach(warning -> LOG.warning("Accounts: " + warning));
        LOG.info(() -> accounts.size() + " account(s) configured");
    }

    /** One PBKDF2 check, whether or not the name exists. */
    public Optional<Account> verify(String name, char[] password) {
        return accounts.verify(name, password);
    }
}
