package io.propertylistings.caching.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Level 1: whole responses in Redis. Entry keys carry the generation ({@code {response}:<generation>:<request>}),
 * so evicting every response is one INCR, with no KEYS or SCAN; entries of old generations expire by their TTL.
 * Every failure of Redis is counted and answered as "no cache", never passed on to the client; a failed
 * eviction is owed (see {@link PendingEvictions}) and until it is paid this node does not read the cache.
 */
@ApplicationScoped
public class ResponseCache implements LevelCensus {

    static final String NAMESPACE = "{response}";
    static final String GENERATION_KEY = NAMESPACE + ":generation";

    @Inject
    GenerationGuard generations;

    @Inject
    CacheStatistics statistics;

    @Inject
    PendingEvictions pending;

    private NearCache nearCache;

    @Inject
    void configure(@ConfigProperty(name = "caching.near.max-entries") int maxEntries,
            @ConfigProperty(name = "caching.near.max-bytes") long maxBytes) {
        nearCache = new NearCache(maxEntries, maxBytes);
    }

    /** The generation seen, and the entry if there is one; empty when Redis cannot be asked. */
    public record Lookup(String generation, Optional<StoredResponse> entry) {
    }

    public Optional<Lookup> lookup(String requestKey) {
        return lookup(requestKey, true);
    }

    /** The same lookup without counting a hit or a miss: a loader's second look, under the single flight. */
    public Optional<Lookup> peek(String requestKey) {
        return lookup(requestKey, false);
    }

    private Optional<Lookup> lookup(String requestKey, boolean counted) {
        if (pending.owes(GENERATION_KEY)) {
            return Optional.empty();
        }
        try {
            Optional<NearCache.Entry> near = nearCache.get(requestKey)
                    .filter(entry -> entry.response().secondsLeft(System.currentTimeMillis()) > 0);
            List<byte[]> reply = generations.lookup(GENERATION_KEY, NAMESPACE + ":", requestKey,
                    near.map(NearCache.Entry::generation).orElse(""));
            String generation = new String(reply.get(0), StandardCharsets.UTF_8);
            if (reply.size() >= 2) {
                StoredResponse stored = StoredResponse.decode(reply.get(1));
                nearCache.put(requestKey, generation, stored);
                if (counted) {
                    statistics.hit(CacheLevel.RESPONSE);
                }
                return Optional.of(new Lookup(generation, Optional.of(stored)));
            }
            if (near.isPresent() && near.get().generation().equals(generation)) {
                if (counted) {
                    statistics.hit(CacheLevel.RESPONSE);
                    statistics.nearHit(CacheLevel.RESPONSE);
                }
                return Optional.of(new Lookup(generation, Optional.of(near.get().response())));
            }
            if (counted) {
                statistics.miss(CacheLevel.RESPONSE);
            }
            return Optional.of(new Lookup(generation, Optional.empty()));
        } catch (RuntimeException e) {
            distrust("lookup", e);
            return Optional.empty();
        }
    }

    public void store(Lookup lookup, String requestKey, StoredResponse response, Duration ttl) {
        try {
            if (generations.storeIfCurrent(GENERATION_KEY, lookup.generation(),
                    entryKey(lookup.generation(), requestKey), response.encode(), ttl, indexKey(lookup.generation()))) {
                nearCache.put(requestKey, lookup.generation(), response);
            }
        } catch (RuntimeException e) {
            distrust("store", e);
        }
    }

    public void evictAll() {
        statistics.eviction(CacheLevel.RESPONSE);
        try {
            generations.advance(GENERATION_KEY);
        } catch (RuntimeException e) {
            statistics.error(CacheLevel.RESPONSE, "eviction", e);
            pending.owe(GENERATION_KEY, () -> generations.advance(GENERATION_KEY));
        }
    }

    /**
     * Redis failed this node: another node's eviction may have failed at the same time, and be owed there
     * still. So this node owes one too and reads this cache again only once Redis has taken it (bump the
     * generation on reconnect): no entry from before the outage is served here afterwards.
     */
    private void distrust(String operation, RuntimeException e) {
        statistics.error(CacheLevel.RESPONSE, operation, e);
        pending.owe(GENERATION_KEY, () -> generations.advance(GENERATION_KEY));
    }

    /** The single-flight lock of one request, in the namespace's hash slot. */
    public static String lockKey(String requestKey) {
        return NAMESPACE + ":lock:" + requestKey;
    }

    @Override
    public CacheLevel level() {
        return CacheLevel.RESPONSE;
    }

    /** The entries of the current generation; a RuntimeException when Redis cannot be asked. */
    @Override
    public Contents contents() {
        List<byte[]> reply = generations.census(GENERATION_KEY, NAMESPACE + ":");
        long entries = Long.parseLong(new String(reply.get(1), StandardCharsets.UTF_8));
        long ttlMillis = Long.parseLong(new String(reply.get(2), StandardCharsets.UTF_8));
        return new Contents(entries, ttlMillis, "generation " + new String(reply.get(0), StandardCharsets.UTF_8));
    }

    static String indexKey(String generation) {
        return NAMESPACE + ":" + generation + ":index";
    }

    static String entryKey(String generation, String requestKey) {
        return NAMESPACE + ":" + generation + ":" + requestKey;
    }
}
