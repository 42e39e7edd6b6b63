package io.propertylistings.security.control;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 with a random key made when the JVM loads this class and never stored: what the in-memory
 * tables key secrets and client-chosen strings by. A heap dump shows no password, and without the key no
 * table entry can be matched to a guess offline.
 */
final class KeyedHash {

    private static final byte[] KEY = new byte[32];

    static {
        new SecureRandom().nextBytes(KEY);
    }

    private KeyedHash() {
    }

    /** The parts, each preceded by its length, so that ("ab", "c") and ("a", "bc") differ. */
    static ByteBuffer of(String... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            for (String part : parts) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
                mac.update(bytes);
            }
            return ByteBuffer.wrap(mac.doFinal()).asReadOnlyBuffer();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM has HmacSHA256", e);
        }
    }
}
