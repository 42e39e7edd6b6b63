package io.propertylistings.security.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private final AtomicLong now = new AtomicLong(1_000);

    @Test
    void refusesAfterNFailuresUntilTheWindowEnds() {
        LoginThrottle throttle = new LoginThrottle(3, 10_000, 100, now::get);
        assertFalse(throttle.failed("alice"));
        advance(1000);
        assertFalse(throttle.failed("alice"));
        assertEquals(OptionalLong.empty(), throttle.refusedFor("alice"));
        assertTrue(throttle.failed("alice"), "the third starts the lock-out");

        assertEquals(OptionalLong.of(TimeUnit.MILLISECONDS.toNanos(9_000)), throttle.refusedFor("alice"));
        assertEquals(OptionalLong.empty(), throttle.refusedFor("bob"), "per key");
        advance(8_999);
        assertTrue(throttle.refusedFor("alice").isPresent());
        advance(1);
        assertEquals(OptionalLong.empty(), throttle.refusedFor("alice"), "lifted when the window ends");
        assertFalse(throttle.failed("alice"), "a new window");
    }

    @Test
    void zeroNeverThrottles() {
        LoginThrottle throttle = new LoginThrottle(0, 10_000, 100, now::get);
        for (int i = 0; i < 100; i++) {
            throttle.failed("alice");
        }
        assertEquals(OptionalLong.empty(), throttle.refusedFor("alice"));
        assertEquals(0, throttle.keys());
    }

    @Test
    void keepsAtMostMaxKeys() {
        LoginThrottle throttle = new LoginThrottle(3, 10_000, 100, now::get);
        for (int i = 0; i < 1000; i++) {
            throttle.failed("name-" + i);
        }
        assertEquals(100, throttle.keys());
    }

    private void advance(long millis) {
        now.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    }
}
