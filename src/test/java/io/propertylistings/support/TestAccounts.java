package io.propertylistings.support;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The users the integration tests configure: the admin, a user without any role, and three further writers
 * (role property-admin, from properties.users) whose own properties differ; carol's entry names her role
 * twice, which must not keep anyone from logging in.
 */
public final class TestAccounts {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-" + random();
    public static final String VIEWER = "viewer";
    public static final String VIEWER_PASSWORD = "viewer-" + random();
    public static final String ALICE = "alice";
    public static final String ALICE_PASSWORD = "alice-" + random();
    public static final String BOB = "bob";
    public static final String BOB_PASSWORD = "bob-" + random();
    public static final String CAROL = "carol";
    public static final String CAROL_PASSWORD = "carol-" + random();

    /** OWASP's figure for PBKDF2-HMAC-SHA256, and what the service hashes a plain-text admin password with. */
    public static final int PRODUCTION_ITERATIONS = 600_000;

    private static String adminProductionHash;

    private TestAccounts() {
    }

    /** The admin's password hashed at {@link #PRODUCTION_ITERATIONS}; one hash per run. */
    public static synchronized String adminProductionHash() {
        if (adminProductionHash == null) {
            adminProductionHash = pbkdf2(ADMIN_PASSWORD, PRODUCTION_ITERATIONS);
        }
        return adminProductionHash;
    }

    private static final List<String> SYSTEM_PROPERTIES = List.of(
            "-Dproperties.admin.username=" + ADMIN,
            "-Dproperties.admin.password=" + ADMIN_PASSWORD,
            "-Dproperties.users=" + String.join(",",
                    VIEWER + "::" + pbkdf2(VIEWER_PASSWORD),
                    ALICE + ":property-admin:" + pbkdf2(ALICE_PASSWORD),
                    BOB + ":property-admin:" + pbkdf2(BOB_PASSWORD),
                    CAROL + ":property-admin+property-admin:" + pbkdf2(CAROL_PASSWORD)));

    /** The system properties that configure them in a server: the same on every node. */
    public static List<String> systemProperties() {
        return SYSTEM_PROPERTIES;
    }

    public static String configuration() {
        return String.join(" ", SYSTEM_PROPERTIES);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Cheap hashes (2048 iterations), so that the tests' failed logins do not cost seconds. */
    static String pbkdf2(String password) {
        return pbkdf2(password, 2048);
    }

    /** Jakarta Security's Pbkdf2PasswordHash format: algorithm:iterations:salt:hash, base64. */
    public static String pbkdf2(String password, int iterations) {
        try {
            byte[] salt = new byte[32];
            new SecureRandom().nextBytes(salt);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
            Base64.Encoder base64 = Base64.getEncoder();
            return "PBKDF2WithHmacSHA256:" + iterations + ":" + base64.encodeToString(salt) + ":" + base64.encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
