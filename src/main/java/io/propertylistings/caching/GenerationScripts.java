package io.propertylistings.caching;

import io.propertylistings.redis.CircuitBreaker;
import io.propertylistings.redis.RedisFailures;
import io.propertylistings.redis.RedisTopology;
import io.propertylistings.redis.SharedRead;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
class GenerationScripts {

    private static final Logger LOG = Logger.getLogger(GenerationScripts.class.getName());
    // How long a change's eviction is remembered: far longer than a notification takes to reach every node.
    private static final Duration EVICTED_CHANGE_TTL = Duration.ofMinutes(1);
    // How long a row's version outlives its last write or store: longer than a detail is kept. A version that is
    // gone comes back above every earlier one (Redis' clock), so an older detail can never be read again.
    private static final Duration ROW_VERSION_TTL = Duration.ofHours(2);

    // The scripts, from the .lua files next to this class (each file says what it does and why).
    private static final String LOOKUP = script("generation.lua", "tag.lua", "lookup.lua");

    private static final String STORE_IF_CURRENT = script("generation.lua", "tag.lua", "store-if-current.lua");

    private static final String ADVANCE = script("generation.lua", "advance.lua");

    private static final String CENSUS = script("generation.lua", "census.lua");

    /** The Lua files, next to this class, joined into one script: helpers first. */
    private static String script(String... files) {
        StringBuilder script = new StringBuilder();
        for (String file : files) {
            try (InputStream in = Objects.requireNonNull(GenerationScripts.class.getResourceAsStream(file), file)) {
                script.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read the script " + file, e);
            }
        }
        return script.toString();
    }

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
