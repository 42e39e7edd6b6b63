package io.propertylistings.redis;

import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisNodeNotFoundException;
import org.redisson.client.RedisReconnectedException;
import org.redisson.client.RedisRetryException;
import org.redisson.client.RedisTimeoutException;

/** How the cache sorts the Redis client's failures. */
public final class RedisFailures {

    private RedisFailures() {
    }

    /**
     * Whether a failure means Redis did not answer in time or could not serve (timeouts, lost connections, a
     * node loading or busy), as opposed to an error it replied with at once.
     */
    public static boolean unanswered(RuntimeException failure) {
        return !(failure instanceof RedisException) || failure instanceof RedisTimeoutException
                || failure instanceof RedisConnectionException || failure instanceof RedisRetryException
                || failure instanceof RedisNodeNotFoundException || failure instanceof RedisReconnectedException;
    }
}
