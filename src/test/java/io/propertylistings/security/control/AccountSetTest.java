package io.propertylistings.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.propertylistings.security.control.AccountSet.Account;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccountSetTest {

    private static final String ALICE_HASH = hash("alice-secret", 1000);
    private static final String BOB_HASH = hash("bob-secret", 1000);

    @Test
    void repeatedRolesAuthenticate() {
        AccountSet accounts = users("alice:property-admin+property-admin:" + ALICE_HASH);

        assertEquals(Optional.of(new Account("alice", Set.of("property-admin"))),
                accounts.verify("alice", "alice-secret".toCharArray()));
        assertEquals(Optional.empty(), accounts.verify("alice", "wrong".toCharArray()));
        assertEquals(Optional.empty(), accounts.verify("nobody", "alice-secret".toCharArray()));
    }

    @Test
    void noRolesAndSeveralRolesAreFine() {
        AccountSet accounts = users("viewer::" + ALICE_HASH, "bob:a+b:" + BOB_HASH);

        assertEquals(Set.of(), accounts.verify("viewer", "alice-secret".toCharArray()).orElseThrow().roles());
        assertEquals(Set.of("a", "b"), accounts.verify("bob", "bob-secret".toCharArray()).orElseThrow().roles());
    }

    @Test
    void aMalformedEntryIsNamedByItsPositionNeverByItsHash() {
        String broken = ALICE_HASH.substring(0, ALICE_HASH.lastIndexOf(':')) + ":not*base64";
        for (String entry : List.of("bob", "bob:property-admin", ":property-admin:" + BOB_HASH,
                "bob:property-admin++x:" + BOB_HASH, "bob:property-admin:" + broken,
                "bob:property-admin:PBKDF2WithHmacMD5:1000:c2FsdHNhbHQ=:aGFzaGhhc2hoYXNoaGFzaA==",
                "bob:property-admin:PBKDF2WithHmacSHA256:many:c2FsdHNhbHQ=:aGFzaGhhc2hoYXNoaGFzaA==")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                    () -> users("alice:property-admin:" + ALICE_HASH, entry, "carol::" + BOB_HASH), entry);
            assertTrue(refused.getMessage().startsWith("properties.users entry 2 of 3: "), refused.getMessage());
            for (String part : entry.split(":")) {
                if (part.length() > 12) {
                    assertFalse(refused.getMessage().contains(part), refused.getMessage());
                }
            }
        }
    }

    @Test
    void aNameTwiceIsRefused() {
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> users("alice::" + ALICE_HASH, "bob::" + BOB_HASH, "alice:x:" + BOB_HASH));
        assertEquals("properties.users entry 3 of 3: the name of entry 1 again", twice.getMessage());

        IllegalArgumentException admin = assertThrows(IllegalArgumentException.class, () -> AccountSet.parse(
                Optional.of("alice"), Optional.empty(), Optional.of("pw"), List.of("alice::" + ALICE_HASH)));
        assertTrue(admin.getMessage().contains("entry 1 of 1"), admin.getMessage());
    }

    @Test
    void theAdminByHashOrByPlainTextWithAWarning() {
        AccountSet hashed = AccountSet.parse(Optional.of("admin"), Optional.of(hash("s3cret", 1000)),
                Optional.empty(), List.of());
        assertEquals(Set.of("property-admin"), hashed.verify("admin", "s3cret".toCharArray()).orElseThrow().roles());
        assertTrue(hashed.warnings().stream().noneMatch(warning -> warning.contains("plain text")));

        AccountSet plain = AccountSet.parse(Optional.of("admin"), Optional.empty(), Optional.of("s3cret"),
                List.of("alice::" + ALICE_HASH));
        assertTrue(plain.verify("admin", "s3cret".toCharArray()).isPresent());
        assertTrue(plain.verify("admin", "s3cret ".toCharArray()).isEmpty());
        assertTrue(plain.warnings().stream().anyMatch(warning -> warning.contains("plain text")), plain.warnings().toString());

        IllegalArgumentException badHash = assertThrows(IllegalArgumentException.class, () -> AccountSet.parse(
                Optional.of("admin"), Optional.of("PBKDF2WithHmacSHA256:1:x"), Optional.of("s3cret"), List.of()));
        assertTrue(badHash.getMessage().startsWith("properties.admin.password-hash: "), badHash.getMessage());
    }

    @Test
    void weakHashesAreWarnedAbout() {
        AccountSet accounts = users("alice::" + ALICE_HASH);
        assertEquals(1, accounts.warnings().size(), accounts.warnings().toString());
        assertTrue(accounts.warnings().get(0).contains("entry 1 of 1 (alice): 1000 iterations"), accounts.warnings().toString());
        assertTrue(users().warnings().isEmpty());
    }

    @Test
    void unknownNamesAreCheckedAgainstADummyAsStrongAsTheStrongestAccount() {
        AccountSet accounts = users("alice::" + ALICE_HASH, "bob::" + hash("bob-secret", 3000));
        assertEquals(3000, accounts.dummy().iterations());
        assertEquals("PBKDF2WithHmacSHA256", accounts.dummy().algorithm());
        assertTrue(accounts.warnings().stream().anyMatch(warning -> warning.contains("differ in strength")));

        PasswordHash admin = PasswordHash.parse(hash("x", 4000));
        AccountSet plainAdmin = AccountSet.parse(Optional.of("admin"), Optional.empty(), Optional.of("pw"),
                List.of("alice::" + admin.format()));
        assertEquals(4000, plainAdmin.dummy().iterations(), "the plain-text admin is hashed as strongly as the others");
        assertTrue(plainAdmin.warnings().stream().noneMatch(warning -> warning.contains("differ in strength")));

        assertEquals(PasswordHash.DEFAULT_ITERATIONS, users().dummy().iterations());
    }

    private static AccountSet users(String... entries) {
        return AccountSet.parse(Optional.empty(), Optional.empty(), Optional.empty(), List.of(entries));
    }

    static String hash(String password, int iterations) {
        return PasswordHash.create(password.toCharArray(), "PBKDF2WithHmacSHA256", iterations, 32).format();
    }
}
