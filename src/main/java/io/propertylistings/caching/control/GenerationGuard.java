package io.propertylistings.caching.control;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisConnectionException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisNodeNotFoundException;
import org.redisson.client.RedisReconnectedException;
import org.redisson.client.RedisRetryException;
import org.redisson.client.RedisTimeoutException;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.command.NoSyncedSlavesException;

/**
 * The cache's Redis scripts. One generation counter stands for everything a write can change: an entry's key
 * carries the generation it was loaded under, a loader stores only if that generation is still current, and
 * a write advances it. Advancing drops the entries of the generation it leaves (through that generation's
 * index) and moves to at least Redis' clock in microseconds, so a generation never goes back and is never
 * handed out twice, even by a Redis restored from an old snapshot.
 *
 * <p>Every Redis command of the cache goes through here, behind a {@link CircuitBreaker}: once Redis fails or
 * stalls, requests stop waiting for its timeouts and go straight to the database until a trial call succeeds.
 */
@ApplicationScoped
public class GenerationGuard {

    private static final Logger LOG = Logger.getLogger(GenerationGuard.class.getName());
    // How long a transaction's eviction is remembered: far longer than a notification takes to reach every node.
    private static final Duration EVICTED_TRANSACTION_TTL = Duration.ofMinutes(1);

    // A generation that does not exist yet (a new Redis, one restarted without its data, or one whose
    // maxmemory policy evicted the counter) starts at the current time in microseconds, above every number
    // handed out before.
    private static final String GENERATION = """
            local function now_micros()
              local time = redis.call('TIME')
              return tonumber(time[1]) * 1000000 + tonumber(time[2])
            end
            local function generation(key)
              local current = redis.call('GET', key)
              if not current then
                current = string.format('%d', now_micros())
                redis.call('SET', key, current)
              end
              return current
            end
            """;

    // One round trip for a hit: the current generation and the entry stored under it, unless the caller
    // already holds the entry of that generation (ARGV[3]), which then need not cross the network again.
    private static final String LOOKUP = GENERATION + """
            local generation = generation(KEYS[1])
            if generation == ARGV[3] then
              return {generation}
            end
            local entry = redis.call('GET', ARGV[1] .. generation .. ARGV[2])
            if entry then
              return {generation, entry}
            end
            return {generation}
            """;

    // Stores only under the current generation, and notes the entry and its expiry (Redis' clock, in ms) in
    // that generation's index, which is how an advance finds the entries to drop and how they are counted.
    private static final String STORE_IF_CURRENT = GENERATION + """
            if generation(KEYS[1]) ~= ARGV[1] then
              return 0
            end
            local ttl = tonumber(ARGV[3])
            redis.call('SET', KEYS[2], ARGV[2], 'PX', ttl)
            local now = math.floor(now_micros() / 1000)
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
            redis.call('ZADD', KEYS[3], now + ttl, KEYS[2])
            if redis.call('PTTL', KEYS[3]) < ttl then
              redis.call('PEXPIRE', KEYS[3], ttl)
            end
            return 1
            """;

    // Under maxmemory with noeviction Redis refuses a script's first write if it could add memory, and runs
    // the rest of a script once a first write went through: so dropping the old entries comes first. The new
    // generation is at least the caller's floor (ARGV[2], one above the highest it has seen): a counter lost
    // while Redis' clock is behind a generation handed out before (after a failover to a host whose clock lags)
    // would otherwise start again below it, and that node would doubt every answer until the clock caught up.
    // ARGV[3] names the database transaction the eviction is for ('' for none): its eviction is made once, by
    // whichever node comes first (the writer after its commit, or a node that heard the commit's notification);
    // the others find it among the transactions evicted in the last minute (KEYS[2], scored by Redis' clock in ms)
    // and return the generation with 0. That set is written last, for maxmemory.
    private static final String ADVANCE = GENERATION + """
            if ARGV[3] ~= '' and redis.call('ZSCORE', KEYS[2], ARGV[3]) then
              return {generation(KEYS[1]), 0}
            end
            local old = redis.call('GET', KEYS[1])
            if old then
              local index = ARGV[1] .. old .. ':index'
              local members = redis.call('ZRANGE', index, 0, -1)
              for i = 1, #members, 500 do
                redis.call('UNLINK', unpack(members, i, math.min(i + 499, #members)))
              end
              redis.call('UNLINK', index)
            else
              redis.call('UNLINK', KEYS[1])
            end
            local next = now_micros()
            if old and tonumber(old) and tonumber(old) >= next then
              next = tonumber(old) + 1
            end
            local floor = tonumber(ARGV[2])
            if floor and floor > next then
              next = floor
            end
            local text = string.format('%d', next)
            redis.call('SET', KEYS[1], text)
            if ARGV[3] ~= '' then
              local now = math.floor(now_micros() / 1000)
              redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[4]))
              redis.call('ZADD', KEYS[2], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
            end
            return {text, 1}
            """;

    // The current generation, then each live entry of its index with the milliseconds it has left.
    private static final String CENSUS = GENERATION + """
            local generation = generation(KEYS[1])
            local now = math.floor(now_micros() / 1000)
            local members = redis.call('ZRANGEBYSCORE', ARGV[1] .. generation .. ':index', '(' .. now, '+inf',
              'WITHSCORES')
            local reply = {generation}
            for i = 1, #members, 2 do
              reply[#reply + 1] = members[i]
              reply[#reply + 1] = string.format('%d', tonumber(members[i + 1]) - now)
            end
            return reply
            """;

    @Inject
    RedissonClient redis;

    @Inject
    @ConfigProperty(name = "redis.eviction.wait-replicas")
    int waitReplicas;

    @Inject
    @ConfigProperty(name = "redis.eviction.wait-ms")
    long waitMillis;

    @Inject
    @ConfigProperty(name = RedisTopology.TIMEOUT, defaultValue = "500")
    long timeoutMillis;

    private final CircuitBreaker breaker = new CircuitBreaker(4, 0.5, Duration.ofSeconds(1), System::nanoTime,
            GenerationGuard::unanswered);

    // Concurrent hits share one GET of the generation, each one a GET sent after it asked. A hit waits for it no
    // longer than for a command of its own; its SharedRead.NoAnswer is a failure to the breaker (see unanswered).
    private SharedRead<byte[]> generationReads;

    @PostConstruct
    void start() {
        generationReads = new SharedRead<>(() -> redis.<byte[]>getBucket(CacheEntry.GENERATION_KEY,
                ByteArrayCodec.INSTANCE).getAsync(), Duration.ofMillis(timeoutMillis));
    }

    /** The current generation and, if there is one and it is not {@code heldGeneration}, the entry under it. */
    public List<byte[]> lookup(String entrySuffix, String heldGeneration) {
        return breaker.call(() -> {
            if (!heldGeneration.isEmpty()) {
                // A near-cache hit needs only the generation: a GET, shared by concurrent hits, costs Redis and
                // the client less than a script. Any other answer (a new generation, or none) takes the script,
                // which may store one.
                byte[] current = generationReads.get();
                if (current != null && heldGeneration.equals(new String(current, StandardCharsets.UTF_8))) {
                    return List.of(current);
                }
            }
            return script().eval(RScript.Mode.READ_WRITE, LOOKUP, RScript.ReturnType.LIST,
                    List.of(CacheEntry.GENERATION_KEY), bytes(CacheEntry.PREFIX), bytes(entrySuffix),
                    bytes(heldGeneration));
        });
    }

    /** Stores {@code value} under {@code key} only if {@code generation} is still current. */
    public boolean storeIfCurrent(String generation, String key, byte[] value, Duration ttl) {
        Long stored = breaker.call(() -> script().<Long>eval(RScript.Mode.READ_WRITE, STORE_IF_CURRENT,
                RScript.ReturnType.LONG,
                List.of(CacheEntry.GENERATION_KEY, key, CacheEntry.indexKey(generation)), bytes(generation), value,
                bytes(Long.toString(ttl.toMillis()))));
        return stored != null && stored == 1L;
    }

    /** The current generation, then pairs of an entry key and the milliseconds it has left. */
    public List<byte[]> census() {
        return breaker.call(() -> script().eval(RScript.Mode.READ_WRITE, CENSUS, RScript.ReturnType.LIST,
                List.of(CacheEntry.GENERATION_KEY), bytes(CacheEntry.PREFIX)));
    }

    /**
     * Starts a new generation, at least {@code floor}, and drops the entries of the old one, in one atomic step,
     * unless the eviction for {@code transaction} (a database transaction's name, or empty) was made already.
     */
    public Advance advance(long floor, String transaction) {
        return breaker.call(() -> advanceNow(floor, transaction));
    }

    /** The generation after an advance, and whether this call made it (false: the transaction's was made). */
    public record Advance(String generation, boolean advanced) {
    }

    private Advance advanceNow(long floor, String transaction) {
        List<Object> keys = List.of(CacheEntry.GENERATION_KEY, CacheEntry.EVICTED_TRANSACTIONS_KEY);
        Object[] arguments = {bytes(CacheEntry.PREFIX), bytes(Long.toString(floor)), bytes(transaction),
                bytes(Long.toString(EVICTED_TRANSACTION_TTL.toMillis()))};
        if (waitReplicas <= 0) {
            return advance(script().<List<Object>>eval(RScript.Mode.READ_WRITE, ADVANCE, RScript.ReturnType.LIST,
                    keys, arguments));
        }
        // Replication is asynchronous: a master that dies right after the advance could take it along, and the
        // promoted replica would serve the old generation's entries. WAIT makes a replica have it first.
        RBatch batch = redis.createBatch(BatchOptions.defaults().sync(waitReplicas, Duration.ofMillis(waitMillis)));
        batch.getScript(ByteArrayCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, ADVANCE,
                RScript.ReturnType.LIST, keys, arguments);
        try {
            BatchResult<?> result = batch.execute();
            @SuppressWarnings("unchecked")
            List<Object> reply = (List<Object>) result.getResponses().get(0);
            return advance(reply);
        } catch (NoSyncedSlavesException noReplicaInTime) {
            // The master has the advance; without a replica (one died or is resyncing) there is nothing to wait
            // for, and refusing the eviction would only switch the cache off.
            LOG.fine(() -> "Eviction not confirmed by a replica: " + noReplicaInTime);
            return new Advance("", true);
        }
    }

    private static Advance advance(List<Object> reply) {
        return new Advance(new String((byte[]) reply.get(0), StandardCharsets.UTF_8), ((Long) reply.get(1)) == 1L);
    }

    /**
     * Whether a failure means Redis did not answer in time or could not serve (timeouts, lost connections, a
     * node loading or busy), as opposed to an error it replied with at once.
     */
    static boolean unanswered(RuntimeException failure) {
        return !(failure instanceof RedisException) || failure instanceof RedisTimeoutException
                || failure instanceof RedisConnectionException || failure instanceof RedisRetryException
                || failure instanceof RedisNodeNotFoundException || failure instanceof RedisReconnectedException;
    }

    private RScript script() {
        return redis.getScript(ByteArrayCodec.INSTANCE);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
