package io.propertylistings.responsecache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The key of a cached response: the cached method's name and its arguments in canonical form ({@link
 * CacheKeyed}, or their text), never the raw request. Hashed, so a long argument cannot make a long Redis key
 * and an owner's name never shows in Redis.
 */
final class ResponseKey {

    private ResponseKey() {
    }

    public static String of(String name, Object... arguments) {
        StringBuilder identity = new StringBuilder(name);
        for (Object argument : arguments) {
            identity.append('\n');
            if (argument instanceof CacheKeyed keyed) {
                identity.append(keyed.cacheKey());
                keyed.owner().ifPresent(owner -> identity.append("\nowner:").append(owner));
            } else {
                identity.append(argument);
            }
        }
        return HexFormat.of().formatHex(sha256(identity.toString()));
    }

    /** The caller whose own answer this is, if an argument names one. */
    public static Optional<String> owner(Object... arguments) {
        for (Object argument : arguments) {
            if (argument instanceof CacheKeyed keyed && keyed.owner().isPresent()) {
                return keyed.owner();
            }
        }
        return Optional.empty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
