package io.propertylistings.caching.control;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** Strong ETags for stored bodies and the {@code If-None-Match} comparison of RFC 9110. */
public final class HttpValidation {

    public static final String ETAG = "ETag";

    private HttpValidation() {
    }

    /** A strong validator: the first 144 bits of the body's SHA-256, base64url. */
    public static String etag(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 18)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** True when {@code ifNoneMatch} names {@code etag} or is {@code *}; If-None-Match compares weakly. */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || etag == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || opaque(tag).equals(opaque(etag))) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
