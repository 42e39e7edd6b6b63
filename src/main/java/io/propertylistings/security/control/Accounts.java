package io.propertylistings.security.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The users this service knows, from configuration: the admin ({@code properties.admin.username} and
 * {@code properties.admin.password}), and further users in {@code properties.users}, each
 * {@code name:roles:hash} with roles separated by {@code +} (possibly none) and a PBKDF2 hash in Jakarta
 * Security's format ({@code PBKDF2WithHmacSHA256:iterations:salt:hash}, base64).
 */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class.getName());

    public record Account(String name, Set<String> roles) {
    }

    private record HashedUser(String name, Set<String> roles, String hash) {
    }

    @Inject
    @ConfigProperty(name = "properties.admin.username")
    Optional<String> adminName;

    @Inject
    @ConfigProperty(name = "properties.admin.password")
    Optional<String> adminPassword;

    // Read through Config: not every server injects Optional<List<String>>.
    @Inject
    Config config;

    @Inject
    Pbkdf2PasswordHash pbkdf2;

    /** The account whose credentials these are; every candidate is checked in constant time. */
    public Optional<Account> authenticate(String name, char[] password) {
        Optional<Account> found = Optional.empty();
        if (adminName.isPresent() && adminPassword.isPresent()) {
            boolean nameMatches = constantTimeEquals(adminName.get(), name);
            boolean passwordMatches = constantTimeEquals(adminPassword.get(), new String(password));
            if (nameMatches && passwordMatches) {
                found = Optional.of(new Account(adminName.get(), Set.of("property-admin")));
            }
        }
        for (HashedUser user : hashedUsers()) {
            if (user.name().equals(name) && pbkdf2.verify(password, user.hash()) && found.isEmpty()) {
                found = Optional.of(new Account(user.name(), user.roles()));
            }
        }
        return found;
    }

    private List<HashedUser> hashedUsers() {
        List<HashedUser> parsed = new ArrayList<>();
        for (String entry : config.getOptionalValues("properties.users", String.class).orElse(List.of())) {
            String[] parts = entry.trim().split(":", 3);
            if (parts.length != 3 || parts[0].isBlank()) {
                LOG.warning("Ignoring a properties.users entry that is not name:roles:hash");
                continue;
            }
            Set<String> roles = parts[1].isBlank() ? Set.of() : Set.of(parts[1].split("\\+"));
            parsed.add(new HashedUser(parts[0], roles, parts[2]));
        }
        return parsed;
    }

    /** Compares digests, so neither the length nor the content of the secret shows in the time taken. */
    static boolean constantTimeEquals(String expected, String given) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            byte[] a = sha256.digest(expected.getBytes(StandardCharsets.UTF_8));
            byte[] b = sha256.digest(given.getBytes(StandardCharsets.UTF_8));
            return MessageDigest.isEqual(a, b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
