package io.propertylistings.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The breaker's rules, on a clock the test moves: those of MicroProfile Fault Tolerance's @CircuitBreaker. */
class CircuitBreakerTest {

    private long now;
    private final CircuitBreaker breaker = new CircuitBreaker(4, 0.5, Duration.ofSeconds(1), () -> now,
            failure -> !(failure instanceof UnsupportedOperationException));
    private final AtomicInteger calls = new AtomicInteger();

    private String ok() {
        return breaker.call(() -> {
            calls.incrementAndGet();
            return "ok";
        });
    }

    private void fail() {
        assertThrows(IllegalStateException.class, () -> breaker.call(() -> {
            calls.incrementAndGet();
            throw new IllegalStateException("timeout");
        }));
    }

    @Test
    void opensWhenHalfOfTheLastFourCallsFailed() {
        ok();
        ok();
        fail();
        fail();
        assertThrows(CircuitBreaker.Open.class, this::ok);
        assertEquals(4, calls.get(), "an open breaker does not call");
    }

    @Test
    void staysClosedBelowTheRatioOrBeforeFourCalls() {
        fail();
        fail();
        fail();
        assertEquals("ok", ok(), "three calls are fewer than the window");
        for (int i = 0; i < 8; i++) {
            ok();
            ok();
            ok();
            fail(); // one in four
        }
        assertEquals("ok", ok());
    }

    @Test
    void oneTrialAfterTheDelayClosesItOnSuccess() {
        openIt();
        now += Duration.ofMillis(999).toNanos();
        assertThrows(CircuitBreaker.Open.class, this::ok);
        now += Duration.ofMillis(1).toNanos();
        int before = calls.get();
        assertEquals("ok", ok());
        assertEquals(before + 1, calls.get());
        fail();
        assertEquals("ok", ok(), "closed again, with a fresh window");
    }

    @Test
    void aFailedTrialOpensItForAnotherDelay() {
        openIt();
        now += Duration.ofSeconds(1).toNanos();
        fail();
        assertThrows(CircuitBreaker.Open.class, this::ok);
        now += Duration.ofSeconds(1).toNanos();
        assertEquals("ok", ok());
    }

    @Test
    void onlyOneTrialAtATime() {
        openIt();
        now += Duration.ofSeconds(1).toNanos();
        String inner = breaker.call(() -> {
            assertThrows(CircuitBreaker.Open.class, this::ok, "a second caller during the trial");
            return "trial";
        });
        assertEquals("trial", inner);
        assertEquals("ok", ok());
    }

    @Test
    void anErrorInATrialIsAFailedTrialAndAnotherTrialFollows() {
        openIt();
        now += Duration.ofSeconds(1).toNanos();
        error();
        assertThrows(CircuitBreaker.Open.class, this::ok, "open again for another delay");
        now += Duration.ofSeconds(1).toNanos();
        assertEquals("ok", ok(), "the trial after the error's");
        fail();
        assertEquals("ok", ok(), "closed again, with a fresh window");
    }

    @Test
    void anErrorInAClosedCallCountsAsAFailure() {
        ok();
        ok();
        error();
        fail();
        assertThrows(CircuitBreaker.Open.class, this::ok);
    }

    @Test
    void errorsRedisAnsweredAtOnceDoNotOpenIt() {
        for (int i = 0; i < 8; i++) {
            assertThrows(UnsupportedOperationException.class, () -> breaker.call(() -> {
                throw new UnsupportedOperationException("OOM command not allowed when used memory > 'maxmemory'");
            }));
        }
        assertEquals("ok", ok());
    }

    @Test
    void redisClientFailuresAreSortedByWhetherRedisAnswered() {
        assertTrue(RedisFailures.unanswered(new org.redisson.client.RedisTimeoutException("timeout")));
        assertTrue(RedisFailures.unanswered(new org.redisson.client.RedisConnectionException("refused")));
        assertTrue(RedisFailures.unanswered(new org.redisson.client.RedisLoadingException("LOADING")));
        assertTrue(RedisFailures.unanswered(new IllegalStateException("client shut down")));
        assertFalse(RedisFailures.unanswered(new org.redisson.client.RedisOutOfMemoryException("OOM")));
        assertFalse(RedisFailures.unanswered(new org.redisson.client.RedisException("NOPERM")));
    }

    private void error() {
        StackOverflowError error = new StackOverflowError("in the Redis client");
        assertSame(error, assertThrows(StackOverflowError.class, () -> breaker.call(() -> {
            calls.incrementAndGet();
            throw error;
        })), "thrown as it is");
    }

    private void openIt() {
        for (int i = 0; i < 4; i++) {
            fail();
        }
        assertThrows(CircuitBreaker.Open.class, this::ok);
    }
}
