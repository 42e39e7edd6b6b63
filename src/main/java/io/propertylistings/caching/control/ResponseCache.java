package io.propertylistings.caching.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.redisson.api.RScript;
import org.redisson.client.RedisException;

/**
 * Level 1: whole responses in Redis. Entry keys carry the generation ({@code {response}:<generation>:<request>}),
 * so evicting every response is one INCR, with no KEYS or SCAN; entries of old generations expire by their TTL.
 * Every failure of Redis is counted and answered as "no cache", never passed on to the client.
 */
@ApplicationScoped
public class ResponseCache {

    static final String NAMESPACE = "{response}";
    static final String GENERATION_KEY = NAMESPACE + ":generation";

    // One round trip for a hit: read the generation and the entry stored under it.
    private static final String LOOKUP = """
            local generation = redis.call('GET', KEYS[1]) or '0'
            local entry = redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2])
            if entry then
              return {generation, entry}
            end
            return {generation}
            """;

    @Inject
    GenerationGuard generations;

    @Inject
    CacheStatistics statistics;

    /** The generation seen, and the entry if there is one; empty when Redis cannot be asked. */
    public record Lookup(String generation, Optional<StoredResponse> entry) {
    }

    public Optional<Lookup> lookup(String requestKey) {
        try {
            List<byte[]> reply = generations.script().eval(RScript.Mode.READ_ONLY, LOOKUP, RScript.ReturnType.LIST,
                    List.of(GENERATION_KEY), GenerationGuard.bytes(NAMESPACE + ":"), GenerationGuard.bytes(requestKey));
            String generation = new String(reply.get(0), StandardCharsets.UTF_8);
            if (reply.size() < 2) {
                statistics.miss(CacheLevel.RESPONSE);
                return Optional.of(new Lookup(generation, Optional.empty()));
            }
            statistics.hit(CacheLevel.RESPONSE);
            return Optional.of(new Lookup(generation, Optional.of(StoredResponse.decode(reply.get(1)))));
        } catch (RedisException e) {
            statistics.error(CacheLevel.RESPONSE, "lookup", e);
            return Optional.empty();
        }
    }

    public void store(Lookup lookup, String requestKey, StoredResponse response, Duration ttl) {
        try {
            generations.storeIfCurrent(GENERATION_KEY, lookup.generation(), entryKey(lookup.generation(), requestKey),
                    response.encode(), ttl);
        } catch (RedisException e) {
            statistics.error(CacheLevel.RESPONSE, "store", e);
        }
    }

    public void evictAll() {
        try {
            generations.advance(GENERATION_KEY);
            statistics.eviction(CacheLevel.RESPONSE);
        } catch (RedisException e) {
            statistics.error(CacheLevel.RESPONSE, "eviction", e);
        }
    }

    static String entryKey(String generation, String requestKey) {
        return NAMESPACE + ":" + generation + ":" + requestKey;
    }
}
