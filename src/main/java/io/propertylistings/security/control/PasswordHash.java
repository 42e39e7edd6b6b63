package io.propertylistings.security.control;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.logging.Logger;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2 hash in Jakarta Security's {@code Pbkdf2PasswordHash} format,
 * {@code PBKDF2WithHmacSHA256:iterations:base64-salt:base64-hash}, checked with the JDK's own PBKDF2 so that
 * the cost of every check is known here (and the same on every server).
 */
public record PasswordHash(String algorithm, int iterations, byte[] salt, byte[] hash) {

    private static final Logger LOG = Logger.getLogger(PasswordHash.class.getName());

    /** The FINE message of every PBKDF2 derivation: tests count it; production logs it nowhere (INFO and up). */
    public static final String DERIVATION = "PBKDF2 derivation";

    public static final String DEFAULT_ALGORITHM = "PBKDF2WithHmacSHA256";

    /**
     * OWASP's Password Storage Cheat Sheet (2023): 600,000 iterations for PBKDF2-HMAC-SHA256, 210,000 for
     * HMAC-SHA512. Fewer is warned about at start-up, not refused: the hash is the operator's.
     */
    private static final Map<String, Integer> RECOMMENDED_ITERATIONS = Map.of(
            "PBKDF2WithHmacSHA224", 600_000,
            "PBKDF2WithHmacSHA256", 600_000,
            "PBKDF2WithHmacSHA384", 600_000,
            "PBKDF2WithHmacSHA512", 210_000);

    public static final int DEFAULT_ITERATIONS = 600_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Reads the format; the exception's message says what is wrong, never what the hash holds. */
    public static PasswordHash parse(String text) {
        String[] parts = text.trim().split(":", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("the hash is not algorithm:iterations:salt:hash");
        }
        if (!RECOMMENDED_ITERATIONS.containsKey(parts[0])) {
            throw new IllegalArgumentException("the hash's algorithm is not one of " + RECOMMENDED_ITERATIONS.keySet());
        }
        int iterations;
        try {
            iterations = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the hash's iteration count is not a number");
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("the hash's iteration count is not positive");
        }
        byte[] salt = base64(parts[2], "salt");
        byte[] hash = base64(parts[3], "hash");
        if (salt.length < 8) {
            throw new IllegalArgumentException("the hash's salt is shorter than 8 bytes");
        }
        if (hash.length < 16) {
            throw new IllegalArgumentException("the hash's digest is shorter than 16 bytes");
        }
        return new PasswordHash(parts[0], iterations, salt, hash);
    }

    /** A new hash of this password with a random salt and these parameters. */
    public static PasswordHash create(char[] password, String algorithm, int iterations, int hashBytes) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return new PasswordHash(algorithm, iterations, salt, derive(password, algorithm, iterations, salt, hashBytes));
    }

    /**
     * A hash no password matches in practice, as costly to check as {@code like} (the default strength when
     * null): what unknown names are checked against. Random bytes, so making it costs no derivation.
     */
    public static PasswordHash unmatchable(PasswordHash like) {
        byte[] salt = new byte[32];
        byte[] hash = new byte[like == null ? 32 : like.hash().length];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(hash);
        return like == null ? new PasswordHash(DEFAULT_ALGORITHM, DEFAULT_ITERATIONS, salt, hash)
                : new PasswordHash(like.algorithm(), like.iterations(), salt, hash);
    }

    public boolean matches(char[] password) {
        byte[] derived = derive(password, algorithm, iterations, salt, hash.length);
        return MessageDigest.isEqual(derived, hash);
    }

    public boolean weakerThanRecommended() {
        return iterations < recommendedIterations();
    }

    public int recommendedIterations() {
        return RECOMMENDED_ITERATIONS.get(algorithm);
    }

    /** What a check costs, compared between hashes of the same algorithm family. */
    public long cost() {
        return (long) iterations * ((hash.length + 31) / 32) * (algorithm.endsWith("512") || algorithm.endsWith("384") ? 2 : 1);
    }

    public String format() {
        Base64.Encoder base64 = Base64.getEncoder();
        return algorithm + ":" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
    }

    @Override
    public String toString() {
        // Never the salt or digest, should a hash end up in a log line or an exception.
        return "PasswordHash[" + algorithm + ", " + iterations + " iterations]";
    }

    private static byte[] derive(char[] password, String algorithm, int iterations, byte[] salt, int hashBytes) {
        LOG.fine(DERIVATION);
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, hashBytes * 8);
        try {
            return SecretKeyFactory.getInstance(algorithm).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2 is not available: " + algorithm, e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] base64(String text, String part) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the hash's " + part + " is not base64");
        }
    }
}
