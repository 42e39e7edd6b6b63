package io.propertylistings.caching;

import io.propertylistings.redis.CircuitBreaker;
import io.propertylistings.redis.RedisFailures;
import io.propertylistings.redis.RedisTopology;
import io.propertylistings.redis.SharedRead;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.redisson.api.BatchOptions;
import org.redisson.api.BatchResult;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
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
class GenerationGuard {

    private static final Logger LOG = Logger.getLogger(GenerationGuard.class.getName());
    // How long a change's eviction is remembered: far longer than a notification takes to reach every node.
    private static final Duration EVICTED_CHANGE_TTL = Duration.ofMinutes(1);
    // How long a row's version outlives its last write or store: longer than a detail is kept. A version that is
    // gone comes back above every earlier one (Redis' clock), so an older detail can never be read again.
    private static final Duration ROW_VERSION_TTL = Duration.ofHours(2);

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

    // An entry's tag is the version of what it depends on. An answer built from the set of rows (a list, a page, a
    // caller's own list) depends on every write: its tag is the generation (KEYS[1]). A detail depends on its row
    // only (ARGV[4], its id): its tag is the epoch (KEYS[2], which moves only when everything is evicted), the id
    // and the row's version (KEYS[3]; '0' while the row has none: it gets one from the first store or write).
    private static final String TAG = """
            local function tag_of(generation_key, epoch_key, row_key, id)
              if id == '' then
                return generation(generation_key)
              end
              return generation(epoch_key) .. '-' .. id .. '-' .. (redis.call('GET', row_key) or '0')
            end
            """;

    // One round trip for a hit: the generation, the entry's tag and the entry stored under it, unless the caller
    // already holds the entry of that tag (ARGV[3]), which then need not cross the network again.
    private static final String LOOKUP = GENERATION + TAG + """
            local current = generation(KEYS[1])
            local tag = tag_of(KEYS[1], KEYS[2], KEYS[3], ARGV[4])
            if tag == ARGV[3] then
              return {current, tag}
            end
            local entry = redis.call('GET', ARGV[1] .. tag .. ARGV[2])
            if entry then
              return {current, tag, entry}
            end
            return {current, tag}
            """;

    // Stores only under the tag read before the load (ARGV[1]), and notes the entry and its expiry (Redis' clock,
    // in ms) in the index of what it depends on: the generation's, or for a detail the epoch's and its row's. A
    // row without a version gets one now, so that its next write has one to move past. Returns the tag.
    private static final String STORE_IF_CURRENT = GENERATION + TAG + """
            local tag = tag_of(KEYS[1], KEYS[2], KEYS[3], ARGV[6])
            if tag ~= ARGV[1] then
              return false
            end
            local ttl = tonumber(ARGV[3])
            local index
            if ARGV[6] == '' then
              index = ARGV[4] .. tag .. ':index'
            else
              if not redis.call('GET', KEYS[3]) then
                redis.call('SET', KEYS[3], string.format('%d', now_micros()), 'PX', ttl)
                tag = tag_of(KEYS[1], KEYS[2], KEYS[3], ARGV[6])
              elseif redis.call('PTTL', KEYS[3]) < ttl then
                redis.call('PEXPIRE', KEYS[3], ttl)
              end
              index = ARGV[4] .. generation(KEYS[2]) .. ':rows'
            end
            local key = ARGV[4] .. tag .. ARGV[5]
            redis.call('SET', key, ARGV[2], 'PX', ttl)
            if ARGV[6] ~= '' then
              redis.call('SADD', KEYS[4], key)
              if redis.call('PTTL', KEYS[4]) < ttl then
                redis.call('PEXPIRE', KEYS[4], ttl)
              end
            end
            local now = math.floor(now_micros() / 1000)
            redis.call('ZREMRANGEBYSCORE', index, '-inf', now)
            redis.call('ZADD', index, now + ttl, key)
            if redis.call('PTTL', index) < ttl then
              redis.call('PEXPIRE', index, ttl)
            end
            return tag
            """;

    // Under maxmemory with noeviction Redis refuses a script's first write if it could add memory, and runs
    // the rest of a script once a first write went through: so dropping the old entries comes first. The new
    // generation is at least the caller's floor (ARGV[2], one above the highest it has seen): a counter lost
    // while Redis' clock is behind a generation handed out before (after a failover to a host whose clock lags)
    // would otherwise start again below it, and that node would doubt every answer until the clock caught up.
    // ARGV[3] names the change the eviction is for ('' for none): its eviction is made once, by whichever node
    // comes first (the writer after its commit, or a node that heard the commit's notification); the others find
    // it among the changes evicted in the last minute (KEYS[2], scored by Redis' clock in ms) and return the
    // generation with 0. That set is written last, for maxmemory.
    // Every eviction moves the generation. ARGV[5] = '1' evicts everything: the epoch (KEYS[3]) moves too, which
    // drops every detail. Otherwise the rows ARGV[7..] move, each dropping its own details (ARGV[6]: how long a
    // row's version is kept, at least as long as a detail).
    private static final String ADVANCE = GENERATION + """
            if ARGV[3] ~= '' and redis.call('ZSCORE', KEYS[2], ARGV[3]) then
              return {generation(KEYS[1]), 0}
            end
            local function unlink(members)
              for i = 1, #members, 500 do
                redis.call('UNLINK', unpack(members, i, math.min(i + 499, #members)))
              end
            end
            local function after(old, floor)
              local next = now_micros()
              if old and tonumber(old) and tonumber(old) >= next then
                next = tonumber(old) + 1
              end
              if floor and floor > next then
                next = floor
              end
              return string.format('%d', next)
            end
            local old = redis.call('GET', KEYS[1])
            if old then
              local index = ARGV[1] .. old .. ':index'
              unlink(redis.call('ZRANGE', index, 0, -1))
              redis.call('UNLINK', index)
            else
              redis.call('UNLINK', KEYS[1])
            end
            local old_epoch = redis.call('GET', KEYS[3])
            if ARGV[5] == '1' and old_epoch then
              local rows = ARGV[1] .. old_epoch .. ':rows'
              unlink(redis.call('ZRANGE', rows, 0, -1))
              redis.call('UNLINK', rows)
            elseif ARGV[5] ~= '1' then
              for i = 7, #ARGV do
                local entries = ARGV[1] .. 'row:' .. ARGV[i] .. ':entries'
                unlink(redis.call('SMEMBERS', entries))
                redis.call('UNLINK', entries)
              end
            end
            local text = after(old, tonumber(ARGV[2]))
            redis.call('SET', KEYS[1], text)
            if ARGV[5] == '1' then
              redis.call('SET', KEYS[3], after(old_epoch, nil))
            else
              for i = 7, #ARGV do
                local row = ARGV[1] .. 'row:' .. ARGV[i]
                redis.call('SET', row, after(redis.call('GET', row), nil), 'PX', tonumber(ARGV[6]))
              end
            end
            if ARGV[3] ~= '' then
              local now = math.floor(now_micros() / 1000)
              redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - tonumber(ARGV[4]))
              redis.call('ZADD', KEYS[2], now, ARGV[3])
              redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[4]))
            end
            return {text, 1}
            """;

    // The current generation, then each live entry of its index and of the epoch's details, with the
    // milliseconds it has left.
    private static final String CENSUS = GENERATION + """
            local current = generation(KEYS[1])
            local epoch = generation(KEYS[2])
            local now = math.floor(now_micros() / 1000)
            local reply = {current}
            for _, index in ipairs({ARGV[1] .. current .. ':index', ARGV[1] .. epoch .. ':rows'}) do
              local members = redis.call('ZRANGEBYSCORE', index, '(' .. now, '+inf', 'WITHSCORES')
              for i = 1, #members, 2 do
                reply[#reply + 1] = members[i]
                reply[#reply + 1] = string.format('%d', tonumber(members[i + 1]) - now)
              end
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
            RedisFailures::unanswered);

    // Concurrent hits share one GET of the generation, each one a GET sent after it asked. A hit waits for it no
    // longer than for a command of its own; its SharedRead.NoAnswer is a failure to the breaker (see unanswered).
    private SharedRead<byte[]> generationReads;
    // The same for the versions of a detail's row, per row (at most ROW_READS rows at once).
    private static final int ROW_READS = 1024;
    private final Map<Long, SharedRead<Map<String, byte[]>>> rowReads = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        generationReads = new SharedRead<>(() -> redis.<byte[]>getBucket(CacheEntry.GENERATION_KEY,
                ByteArrayCodec.INSTANCE).getAsync(), Duration.ofMillis(timeoutMillis));
    }

    /**
     * The generation, then the tag of the entry with {@code entrySuffix} (the generation, or for a detail of
     * {@code row} its epoch, id and version), then the entry under that tag unless it is {@code heldTag}.
     */
    public List<byte[]> lookup(String entrySuffix, long row, String heldTag) {
        return breaker.call(() -> {
            if (!heldTag.isEmpty()) {
                // A near-cache hit needs only the versions: a GET (shared by concurrent hits) or an MGET costs
                // Redis and the client less than a script. Any other answer (a new version, or none) takes the
                // script, which may store one.
                List<byte[]> current = row < 0 ? generationOnly() : rowVersions(row);
                if (current != null && heldTag.equals(new String(current.get(1), StandardCharsets.UTF_8))) {
                    return current;
                }
            }
            List<Object> keys = row < 0 ? List.of(CacheEntry.GENERATION_KEY)
                    : List.of(CacheEntry.GENERATION_KEY, CacheEntry.EPOCH_KEY, CacheEntry.rowKey(row));
            return script().eval(RScript.Mode.READ_WRITE, LOOKUP, RScript.ReturnType.LIST, keys,
                    bytes(CacheEntry.PREFIX), bytes(entrySuffix), bytes(heldTag), bytes(row < 0 ? "" : Long.toString(row)));
        });
    }

    private List<byte[]> generationOnly() {
        byte[] generation = generationReads.get();
        return generation == null ? null : List.of(generation, generation);
    }

    // The generation, and the tag the versions give the row's details; null if a counter is missing. Concurrent
    // hits of one row share the MGET as list hits share the GET; the map of shared reads is bounded by clearing
    // it (a caller that holds one still reads with it, and a new one starts for the next caller).
    private List<byte[]> rowVersions(long row) {
        SharedRead<Map<String, byte[]>> reads = rowReads.get(row);
        if (reads == null) {
            if (rowReads.size() >= ROW_READS) {
                rowReads.clear();
            }
            reads = rowReads.computeIfAbsent(row, r -> new SharedRead<>(() -> redis.getBuckets(ByteArrayCodec.INSTANCE)
                    .<byte[]>getAsync(CacheEntry.GENERATION_KEY, CacheEntry.EPOCH_KEY, CacheEntry.rowKey(r)),
                    Duration.ofMillis(timeoutMillis)));
        }
        Map<String, byte[]> versions = reads.get();
        byte[] generation = versions.get(CacheEntry.GENERATION_KEY);
        byte[] epoch = versions.get(CacheEntry.EPOCH_KEY);
        if (generation == null || epoch == null) {
            return null;
        }
        byte[] version = versions.get(CacheEntry.rowKey(row));
        return List.of(generation, bytes(CacheEntry.rowTag(new String(epoch, StandardCharsets.UTF_8), row,
                version == null ? "0" : new String(version, StandardCharsets.UTF_8))));
    }

    /**
     * Stores {@code value} as the entry with {@code entrySuffix} only if its tag is still {@code tag}; the tag it
     * was stored under (a row without a version gets one), or empty.
     */
    public Optional<String> storeIfCurrent(String tag, String entrySuffix, long row, byte[] value, Duration ttl) {
        List<Object> keys = row < 0 ? List.of(CacheEntry.GENERATION_KEY)
                : List.of(CacheEntry.GENERATION_KEY, CacheEntry.EPOCH_KEY, CacheEntry.rowKey(row),
                        CacheEntry.rowEntriesKey(row));
        byte[] stored = breaker.call(() -> script().<byte[]>eval(RScript.Mode.READ_WRITE, STORE_IF_CURRENT,
                RScript.ReturnType.VALUE, keys, bytes(tag), value, bytes(Long.toString(ttl.toMillis())),
                bytes(CacheEntry.PREFIX), bytes(entrySuffix), bytes(row < 0 ? "" : Long.toString(row))));
        return stored == null ? Optional.empty() : Optional.of(new String(stored, StandardCharsets.UTF_8));
    }

    /** The current generation, then pairs of an entry key and the milliseconds it has left. */
    public List<byte[]> census() {
        return breaker.call(() -> script().eval(RScript.Mode.READ_WRITE, CENSUS, RScript.ReturnType.LIST,
                List.of(CacheEntry.GENERATION_KEY, CacheEntry.EPOCH_KEY), bytes(CacheEntry.PREFIX)));
    }

    /**
     * Makes {@code eviction}: a new generation, at least {@code floor}, and the rows it names, or everything;
     * in one atomic step, unless the eviction of that change was made already.
     */
    public Advance advance(long floor, Eviction eviction) {
        return breaker.call(() -> advanceNow(floor, eviction));
    }

    /** The generation after an advance, and whether this call made it (false: the change's was made). */
    public record Advance(String generation, boolean advanced) {
    }

    private Advance advanceNow(long floor, Eviction eviction) {
        List<Object> keys = List.of(CacheEntry.GENERATION_KEY, CacheEntry.EVICTED_CHANGES_KEY, CacheEntry.EPOCH_KEY);
        List<Object> arguments = new ArrayList<>(List.of(bytes(CacheEntry.PREFIX), bytes(Long.toString(floor)),
                bytes(eviction.change()), bytes(Long.toString(EVICTED_CHANGE_TTL.toMillis())),
                bytes(eviction.everything() ? "1" : "0"), bytes(Long.toString(ROW_VERSION_TTL.toMillis()))));
        eviction.rows().forEach(row -> arguments.add(bytes(Long.toString(row))));
        Object[] values = arguments.toArray();
        if (waitReplicas <= 0) {
            return advance(script().<List<Object>>eval(RScript.Mode.READ_WRITE, ADVANCE, RScript.ReturnType.LIST,
                    keys, values));
        }
        // Replication is asynchronous: a master that dies right after the advance could take it along, and the
        // promoted replica would serve the old generation's entries. WAIT makes a replica have it first.
        RBatch batch = redis.createBatch(BatchOptions.defaults().sync(waitReplicas, Duration.ofMillis(waitMillis)));
        batch.getScript(ByteArrayCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, ADVANCE,
                RScript.ReturnType.LIST, keys, values);
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

    private RScript script() {
        return redis.getScript(ByteArrayCodec.INSTANCE);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
