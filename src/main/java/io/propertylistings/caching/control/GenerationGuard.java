package io.propertylistings.caching.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.command.NoSyncedSlavesException;

/**
 * Eviction by generation. Each cache keeps a counter in Redis; evicting increments it. A loader reads the
 * generation before it queries the database and stores its result only if the generation is still the
 * same, so a load that raced with a committed write can never store the old data. Entry keys must share
 * the counter's hash slot (a hash tag) so each script touches one slot on a Redis Cluster.
 *
 * <p>Every Redis command of the caches goes through here, behind circuit breakers: once Redis fails or stalls,
 * requests stop waiting for its timeouts and go straight to the database until a probe succeeds.
 */
@ApplicationScoped
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 1000, successThreshold = 1)
public class GenerationGuard {

    private static final Logger LOG = Logger.getLogger(GenerationGuard.class.getName());

    // A generation that does not exist yet (a new Redis, or one restarted without its data) starts at the
    // current time in microseconds, never at 0: numbers handed out before the restart are never reused, so a
    // near-cache copy or a loader of an old incarnation cannot match a new generation by accident.
    private static final String GENERATION = """
            local function generation(key)
              local current = redis.call('GET', key)
              if not current then
                local time = redis.call('TIME')
                current = string.format('%d', tonumber(time[1]) * 1000000 + tonumber(time[2]))
                redis.call('SET', key, current)
              end
              return current
            end
            """;

    private static final String STORE_IF_CURRENT = GENERATION + """
            if generation(KEYS[1]) == ARGV[1] then
              redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
              return 1
            end
            return 0
            """;

    // As STORE_IF_CURRENT, and records the entry's expiry (Redis' own clock, in ms) in a sorted set per
    // generation, so that entries can be counted without KEYS or SCAN; expired members are pruned here.
    private static final String STORE_IF_CURRENT_INDEXED = GENERATION + """
            if generation(KEYS[1]) ~= ARGV[1] then
              return 0
            end
            local ttl = tonumber(ARGV[3])
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ttl)
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
            redis.call('ZADD', KEYS[3], now + ttl, KEYS[2])
            if redis.call('PTTL', KEYS[3]) < ttl then
              redis.call('PEXPIRE', KEYS[3], ttl)
            end
            return 1
            """;

    private static final String ADVANCE = GENERATION + """
            generation(KEYS[1])
            local advanced = redis.call('INCR', KEYS[1])
            for i = 2, #KEYS do
              redis.call('UNLINK', KEYS[i])
            end
            return advanced
            """;

    // One round trip for a hit: read the generation and the entry stored under it, unless the caller already
    // holds the entry of that generation (ARGV[3]), which then need not cross the network again.
    private static final String LOOKUP = GENERATION + """
            local generation = generation(KEYS[1])
            if generation == ARGV[3] then
              return {generation}
            end
            local entry = redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2])
            if entry then
              return {generation, entry}
            end
            return {generation}
            """;

    // Counts the live members of the current generation's index (see STORE_IF_CURRENT_INDEXED), in Redis' clock,
    // and the milliseconds until the last of them expires (-1 without any).
    private static final String CENSUS = GENERATION + """
            local generation = generation(KEYS[1])
            local index = ARGV[1] .. generation .. ':index'
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
            local entries = redis.call('ZCOUNT', index, '(' .. now, '+inf')
            local ttl = -1
            if entries > 0 then
              local last = redis.call('ZRANGE', index, -1, -1, 'WITHSCORES')
              ttl = tonumber(last[2]) - now
            end
            return {generation, tostring(entries), tostring(ttl)}
            """;

    @Inject
    RedissonClient redis;

    @Inject
    @ConfigProperty(name = "redis.eviction.wait-replicas")
    int waitReplicas;

    @Inject
    @ConfigProperty(name = "redis.eviction.wait-ms")
    long waitMillis;

    /**
     * The current generation and, if there is one and it is not {@code heldGeneration}, the entry
     * {@code prefix<generation>:suffix}.
     */
    public List<byte[]> lookup(String generationKey, String entryPrefix, String entrySuffix, String heldGeneration) {
        return script().eval(RScript.Mode.READ_WRITE, LOOKUP, RScript.ReturnType.LIST, List.of(generationKey),
                bytes(entryPrefix), bytes(entrySuffix), bytes(heldGeneration));
    }

    public byte[] get(String key) {
        return redis.<byte[]>getBucket(key, ByteArrayCodec.INSTANCE).get();
    }

    public String current(String generationKey) {
        byte[] value = script().eval(RScript.Mode.READ_WRITE, GENERATION + "return generation(KEYS[1])",
                RScript.ReturnType.VALUE, List.of(generationKey));
        return new String(value, StandardCharsets.UTF_8);
    }

    /** Stores {@code value} under {@code key} only if {@code generation} is still current. */
    public boolean storeIfCurrent(String generationKey, String generation, String key, byte[] value, Duration ttl) {
        Long stored = script().eval(RScript.Mode.READ_WRITE, STORE_IF_CURRENT, RScript.ReturnType.LONG,
                List.of(generationKey, key), bytes(generation), value, bytes(Long.toString(ttl.toMillis())));
        return stored != null && stored == 1L;
    }

    /**
     * As {@link #storeIfCurrent(String, String, String, byte[], Duration)}, and also notes the key and its expiry
     * in the sorted set {@code indexKey} (same hash slot), which is what {@code /cache/info} counts.
     */
    public boolean storeIfCurrent(String generationKey, String generation, String key, byte[] value, Duration ttl,
            String indexKey) {
        Long stored = script().eval(RScript.Mode.READ_WRITE, STORE_IF_CURRENT_INDEXED, RScript.ReturnType.LONG,
                List.of(generationKey, key, indexKey), bytes(generation), value, bytes(Long.toString(ttl.toMillis())));
        return stored != null && stored == 1L;
    }

    /** The current generation, its live entries and the ms until the last expires, each as text. */
    public List<byte[]> census(String generationKey, String entryPrefix) {
        return script().eval(RScript.Mode.READ_WRITE, CENSUS, RScript.ReturnType.LIST, List.of(generationKey),
                bytes(entryPrefix));
    }

    /** Milliseconds until {@code key} expires: -2 without the key, -1 for a key without expiry. */
    public long remainingMillis(String key) {
        return redis.getBucket(key, ByteArrayCodec.INSTANCE).remainTimeToLive();
    }

    /** Starts a new generation and drops the given keys, in one atomic step. */
    public void advance(String generationKey, String... keysToDrop) {
        List<Object> keys = new ArrayList<>();
        keys.add(generationKey);
        keys.addAll(List.of(keysToDrop));
        if (waitReplicas <= 0) {
            script().eval(RScript.Mode.READ_WRITE, ADVANCE, RScript.ReturnType.LONG, keys);
            return;
        }
        // Replication is asynchronous: a master that dies right after the INCR could take the eviction with it,
        // and the promoted replica would serve the old generation's entries. WAIT makes the replica have it first.
        RBatch batch = redis.createBatch(BatchOptions.defaults().sync(waitReplicas, Duration.ofMillis(waitMillis)));
        batch.getScript(ByteArrayCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, ADVANCE, RScript.ReturnType.LONG,
                keys);
        try {
            batch.execute();
        } catch (NoSyncedSlavesException noReplicaInTime) {
            // The master has the eviction; without a replica (one died or is resyncing) there is nothing to wait
            // for, and refusing the eviction would only switch the cache off.
            LOG.fine(() -> "Eviction of " + generationKey + " not confirmed by a replica: " + noReplicaInTime);
        }
    }

    private RScript script() {
        return redis.getScript(ByteArrayCodec.INSTANCE);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
