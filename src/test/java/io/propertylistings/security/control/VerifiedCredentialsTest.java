package io.propertylistings.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.security.control.AccountSet.Account;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private static final Account ALICE = new Account("alice", Set.of("property-admin"));
    private final AtomicLong now = new AtomicLong();

    @Test
    void remembersForTheTtl() {
        VerifiedCredentials cache = new VerifiedCredentials(60_000, 10, now::get);
        ByteBuffer key = VerifiedCredentials.key("alice", "secret".toCharArray());
        cache.remember(key, ALICE);

        assertEquals(Optional.of(ALICE), cache.find(VerifiedCredentials.key("alice", "secret".toCharArray())));
        assertEquals(Optional.empty(), cache.find(VerifiedCredentials.key("alice", "secret2".toCharArray())));
        assertEquals(Optional.empty(), cache.find(VerifiedCredentials.key("alicese", "cret".toCharArray())));
        now.addAndGet(TimeUnit.SECONDS.toNanos(60));
        assertEquals(Optional.empty(), cache.find(key), "expired");
    }

    @Test
    void isBoundedAndHoldsNoPassword() {
        VerifiedCredentials cache = new VerifiedCredentials(60_000, 10, now::get);
        for (int i = 0; i < 100; i++) {
            cache.remember(VerifiedCredentials.key("alice", ("secret-" + i).toCharArray()), ALICE);
        }
        assertEquals(10, cache.size());
        assertTrue(cache.find(VerifiedCredentials.key("alice", "secret-99".toCharArray())).isPresent());
        assertTrue(cache.find(VerifiedCredentials.key("alice", "secret-0".toCharArray())).isEmpty());

        ByteBuffer key = VerifiedCredentials.key("alice", "secret".toCharArray());
        byte[] bytes = new byte[key.remaining()];
        key.duplicate().get(bytes);
        assertEquals(32, bytes.length, "an HMAC-SHA256");
        assertTrue(!new String(bytes, StandardCharsets.ISO_8859_1).contains("secret"));
        assertNotEquals(key, VerifiedCredentials.key("alice", "Secret".toCharArray()));
    }
}
