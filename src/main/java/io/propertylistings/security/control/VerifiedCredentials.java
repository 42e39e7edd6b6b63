package io.propertylistings.security.control;

import io.propertylistings.security.control.AccountSet.Account;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Credentials that passed PBKDF2 recently, so that a client sending the same ones with every request costs one
 * PBKDF2 check per TTL instead of one per request. Keyed by a {@link KeyedHash} of name and password: the
 * password itself is never kept. Bounded: the entry used least recently goes first. Only successes are kept;
 * a wrong password always costs its PBKDF2 check, and the login throttle bounds how often.
 */
public final class VerifiedCredentials {

    private record Entry(Account account, long expiresNanos) {
    }

    private final long ttlNanos;
    private final int maxEntries;
    private final LongSupplier clock;
    private final LinkedHashMap<ByteBuffer, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);

    public VerifiedCredentials(long ttlMillis, int maxEntries, LongSupplier nanoClock) {
        this.ttlNanos = ttlMillis * 1_000_000;
        this.maxEntries = maxEntries;
        this.clock = nanoClock;
    }

    public static ByteBuffer key(String name, char[] password) {
        return KeyedHash.of(name, new String(password));
    }

    public synchronized Optional<Account> find(ByteBuffer key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (clock.getAsLong() - entry.expiresNanos() >= 0) {
            entries.remove(key);
            return Optional.empty();
        }
        return Optional.of(entry.account());
    }

    public synchronized void remember(ByteBuffer key, Account account) {
        if (ttlNanos <= 0 || maxEntries <= 0) {
            return;
        }
        entries.put(key, new Entry(account, clock.getAsLong() + ttlNanos));
        if (entries.size() > maxEntries) {
            Iterator<Map.Entry<ByteBuffer, Entry>> eldest = entries.entrySet().iterator();
            eldest.next();
            eldest.remove();
        }
    }

    public synchronized int size() {
        return entries.size();
    }
}
