package io.propertylistings.caching.control;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What makes two requests share a cached response, as Django's {@code cache_page} decides it: method, path,
 * query string and {@code Accept}. Hashed, so a hostile query string cannot make a huge Redis key.
 */
public final class RequestKey {

    private RequestKey() {
    }

    public static String of(String method, String path, String query, String accept) {
        return HexFormat.of().formatHex(sha256(identity(method, path, query, accept)));
    }

    /**
     * The key of one caller's own entry. The name is hashed with the rest, so Redis never holds user names and
     * a name cannot lengthen the key; no entry is ever looked up by user (eviction is by generation).
     */
    public static String ofUser(String method, String path, String query, String accept, String user) {
        return HexFormat.of().formatHex(sha256(identity(method, path, query, accept) + "\nuser:" + user));
    }

    private static String identity(String method, String path, String query, String accept) {
        // HEAD is answered from the GET entry: the same representation without its body.
        String canonicalMethod = "HEAD".equals(method) ? "GET" : method;
        return String.join("\n", canonicalMethod, path, nullToEmpty(query), nullToEmpty(accept));
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
