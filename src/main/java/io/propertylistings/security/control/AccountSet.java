package io.propertylistings.security.control;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every account of the configuration, read and checked once: the admin ({@code properties.admin.username}
 * with {@code properties.admin.password-hash}, or the plain-text {@code properties.admin.password}) and the
 * entries of {@code properties.users}, each {@code name:roles:hash} with roles joined by {@code +} (none is
 * fine, a repeated one too). A malformed entry is an {@link IllegalArgumentException} naming its position,
 * never its hash. Also holds the dummy hash that unknown names are checked against: as costly as the
 * strongest account's, so that the time of a refusal does not tell whether the name exists.
 */
public final class AccountSet {

    public static final String ADMIN_ROLE = "property-admin";

    public record Account(String name, Set<String> roles) {
    }

    private record Stored(Account account, PasswordHash hash) {
    }

    private final Map<String, Stored> byName;
    private final PasswordHash dummy;
    private final List<String> warnings;

    private AccountSet(Map<String, Stored> byName, PasswordHash dummy, List<String> warnings) {
        this.byName = byName;
        this.dummy = dummy;
        this.warnings = warnings;
    }

    public static AccountSet parse(Optional<String> adminName, Optional<String> adminHash,
            Optional<String> adminPassword, List<String> users) {
        List<String> warnings = new ArrayList<>();
        Map<String, Stored> byName = new HashMap<>();
        Map<String, Integer> positions = new HashMap<>();
        for (int i = 0; i < users.size(); i++) {
            String where = "properties.users entry " + (i + 1) + " of " + users.size();
            Stored user = user(users.get(i), where);
            Integer earlier = positions.putIfAbsent(user.account().name(), i + 1);
            if (earlier != null) {
                throw new IllegalArgumentException(where + ": the name of entry " + earlier + " again");
            }
            byName.put(user.account().name(), user);
            if (user.hash().weakerThanRecommended()) {
                warnings.add(where + " (" + user.account().name() + "): " + weak(user.hash()));
            }
        }

        Optional<PasswordHash> strongestUser = strongest(byName);
        Optional<String> admin = adminName.map(String::trim).filter(name -> !name.isEmpty());
        if (admin.isPresent()) {
            if (byName.containsKey(admin.get())) {
                throw new IllegalArgumentException("properties.users entry " + positions.get(admin.get())
                        + " of " + users.size() + ": the name of properties.admin.username again");
            }
            PasswordHash hash;
            if (adminHash.filter(text -> !text.isBlank()).isPresent()) {
                try {
                    hash = PasswordHash.parse(adminHash.get());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("properties.admin.password-hash: " + e.getMessage());
                }
                if (hash.weakerThanRecommended()) {
                    warnings.add("properties.admin.password-hash: " + weak(hash));
                }
                if (adminPassword.isPresent()) {
                    warnings.add("properties.admin.password is ignored: properties.admin.password-hash is set");
                }
            } else if (adminPassword.filter(password -> !password.isEmpty()).isPresent()) {
                // Hashed here, as costly as the other accounts, so the admin's name takes as long to refuse.
                PasswordHash like = strongestUser.orElse(null);
                hash = PasswordHash.create(adminPassword.get().toCharArray(),
                        like == null ? PasswordHash.DEFAULT_ALGORITHM : like.algorithm(),
                        like == null ? PasswordHash.DEFAULT_ITERATIONS : like.iterations(),
                        like == null ? 32 : like.hash().length);
                warnings.add("properties.admin.password holds the admin's password in plain text: "
                        + "set properties.admin.password-hash (" + PasswordHash.DEFAULT_ALGORITHM
                        + ":iterations:salt:hash) instead");
            } else {
                throw new IllegalArgumentException("properties.admin.username is set, but neither "
                        + "properties.admin.password-hash nor properties.admin.password");
            }
            byName.put(admin.get(), new Stored(new Account(admin.get(), Set.of(ADMIN_ROLE)), hash));
        }

        Optional<PasswordHash> strongest = strongest(byName);
        if (byName.values().stream().map(stored -> stored.hash().cost()).distinct().count() > 1) {
            warnings.add("the accounts' hashes differ in strength: unknown names are checked at the cost of the "
                    + "strongest, so refusals of the others are quicker and show that those names exist");
        }
        PasswordHash dummy = PasswordHash.unmatchable(strongest.orElse(null));
        return new AccountSet(Collections.unmodifiableMap(byName), dummy, List.copyOf(warnings));
    }

    /** The account these credentials are; one PBKDF2 check whether or not the name exists. */
    public Optional<Account> verify(String name, char[] password) {
        Stored stored = byName.get(name);
        boolean matches = (stored == null ? dummy : stored.hash()).matches(password);
        return stored != null && matches ? Optional.of(stored.account()) : Optional.empty();
    }

    public List<String> warnings() {
        return warnings;
    }

    public int size() {
        return byName.size();
    }

    /** The hash unknown names are checked against. */
    PasswordHash dummy() {
        return dummy;
    }

    private static Stored user(String entry, String where) {
        String[] parts = entry.trim().split(":", 3);
        if (parts.length != 3) {
            throw new IllegalArgumentException(where + ": not name:roles:hash");
        }
        String name = parts[0].trim();
        if (name.isEmpty()) {
            throw new IllegalArgumentException(where + ": the name is empty");
        }
        Set<String> roles = new LinkedHashSet<>();
        if (!parts[1].isBlank()) {
            for (String role : parts[1].split("\\+", -1)) {
                if (role.isBlank()) {
                    throw new IllegalArgumentException(where + ": an empty role between the +");
                }
                roles.add(role.trim());
            }
        }
        PasswordHash hash;
        try {
            hash = PasswordHash.parse(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
        }
        return new Stored(new Account(name, Set.copyOf(roles)), hash);
    }

    private static Optional<PasswordHash> strongest(Map<String, Stored> accounts) {
        return accounts.values().stream().map(Stored::hash).max(Comparator.comparingLong(PasswordHash::cost));
    }

    private static String weak(PasswordHash hash) {
        return hash.iterations() + " iterations of " + hash.algorithm() + ", fewer than the "
                + hash.recommendedIterations() + " OWASP recommends";
    }
}
