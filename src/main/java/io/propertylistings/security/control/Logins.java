package io.propertylistings.security.control;

import io.propertylistings.security.control.AccountSet.Account;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * One login attempt, in the order that keeps it cheap: the throttle first (no hashing for a refused name or
 * address), then the verified-credentials cache, then PBKDF2. Names and addresses are throttled alike whether
 * or not the name exists, so neither the answer nor its time tells which names do.
 */
@ApplicationScoped
public class Logins {

    private static final Logger LOG = Logger.getLogger(Logins.class.getName());

    /** What an attempt came to. */
    public sealed interface Outcome {
    }

    public record Authenticated(Account account) implements Outcome {
    }

    public record Refused() implements Outcome {
    }

    public record Throttled(long retryAfterSeconds) implements Outcome {
    }

    @Inject
    Accounts accounts;

    @Inject
    @ConfigProperty(name = "security.login.max-failures-per-name")
    int maxFailuresPerName;

    @Inject
    @ConfigProperty(name = "security.login.max-failures-per-address")
    int maxFailuresPerAddress;

    @Inject
    @ConfigProperty(name = "security.login.window-seconds")
    long windowSeconds;

    @Inject
    @ConfigProperty(name = "security.login.max-tracked")
    int maxTracked;

    @Inject
    @ConfigProperty(name = "security.credentials-cache.ttl-seconds")
    long cacheTtlSeconds;

    @Inject
    @ConfigProperty(name = "security.credentials-cache.max-entries")
    int cacheMaxEntries;

    private LoginThrottle byName;
    private LoginThrottle byAddress;
    private VerifiedCredentials verified;

    @PostConstruct
    void create() {
        long windowMillis = TimeUnit.SECONDS.toMillis(windowSeconds);
        byName = new LoginThrottle(maxFailuresPerName, windowMillis, maxTracked, System::nanoTime);
        byAddress = new LoginThrottle(maxFailuresPerAddress, windowMillis, maxTracked, System::nanoTime);
        verified = new VerifiedCredentials(TimeUnit.SECONDS.toMillis(cacheTtlSeconds), cacheMaxEntries, System::nanoTime);
    }

    public Outcome attempt(String name, char[] password, String clientAddress) {
        ByteBuffer nameKey = KeyedHash.of("name", name);
        OptionalLong refusedFor = longest(byName.refusedFor(nameKey), byAddress.refusedFor(clientAddress));
        if (refusedFor.isPresent()) {
            // Rounded up: a client that waits this long finds the window over.
            return new Throttled(Math.max(1, (refusedFor.getAsLong() + 999_999_999) / 1_000_000_000));
        }
        ByteBuffer credentials = VerifiedCredentials.key(name, password);
        Optional<Account> known = verified.find(credentials);
        if (known.isPresent()) {
            return new Authenticated(known.get());
        }
        Optional<Account> account = accounts.verify(name, password);
        if (account.isPresent()) {
            verified.remember(credentials, account.get());
            return new Authenticated(account.get());
        }
        if (byName.failed(nameKey)) {
            // Not the name: it may be a password typed into the wrong field.
            LOG.warning(() -> maxFailuresPerName + " failed logins for one user name; it is refused for "
                    + windowSeconds + " s");
        }
        if (byAddress.failed(clientAddress)) {
            LOG.warning(() -> maxFailuresPerAddress + " failed logins from " + clientAddress
                    + "; logins from it are refused for " + windowSeconds + " s");
        }
        return new Refused();
    }

    private static OptionalLong longest(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.getAsLong() >= b.getAsLong() ? a : b;
    }
}
