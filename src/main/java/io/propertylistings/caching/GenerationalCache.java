package io.propertylistings.caching;

import io.propertylistings.platform.control.DatabaseFailures;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one get-or-load of the application, for every cache level: {@link #get} a value or load it, {@link
 * #evict} after a write, {@link #contents} for reports. A level says only what to load and how to store it
 * ({@link CacheEntry}, {@link ValueCodec}); this class does the rest the same way for all of them:
 * <ul>
 * <li>a lookup is one Redis script (the generation, and the entry unless this JVM's copy is current);</li>
 * <li>concurrent misses of one entry make one load, across nodes ({@link SingleFlight}), and only misses of
 * the same generation share it;</li>
 * <li>a load stores only under the generation read before it, so a load that raced with a write is
 * dropped;</li>
 * <li>while this node doubts Redis ({@link GenerationTrust}), or Redis cannot be asked, it loads without the
 * cache, and concurrent callers of one entry share a load that began after they came ({@link SharedLoads});</li>
 * <li>a Redis failure is never passed on: the value is loaded as if there were no cache.</li>
 * </ul>
 */
@ApplicationScoped
public class GenerationalCache {

    @Inject
    GenerationScripts redis;

    @Inject
    GenerationTrust trust;

    @Inject
    NearCache nearCache;

    @Inject
    SingleFlight flights;

    @Inject
    CacheStatistics statistics;

    final SharedLoads bypassLoads = new SharedLoads();

    /** What a lookup found: the entry's tag (the generation, or a detail's versions), and the value if held. */
    private record Found<T>(String tag, Optional<T> value) {
    }

    /** A load's value, whether this caller ran the loader, and whether the value may be kept. */
    private record Loaded<T>(T value, boolean loadedHere, boolean cacheable) {
    }

    /** What a lookup counts in the statistics: a client asked, a client asked who may still ask again, none. */
    private enum Counted {
        HITS_AND_MISSES, HITS, NOTHING
    }

    /**
     * The value of {@code entry}, from the cache or from {@code loader}. During a warm-up ({@link
     * CacheWarming#isWarmingThread()}) nothing is counted as a hit or a miss: no client asked.
     */
    public <T> Cached<T> get(CacheEntry<T> entry, Supplier<T> loader) {
        Counted counted = CacheWarming.isWarmingThread() ? Counted.NOTHING : Counted.HITS_AND_MISSES;
        long token = trust.token();
        Optional<Found<T>> found = token == GenerationTrust.UNTRUSTED ? Optional.empty()
                : lookup(entry, counted, token);
        if (found.isEmpty()) {
            return bypass(entry, loader);
        }
        if (found.get().value().isPresent()) {
            return new Cached<>(found.get().value().get(), Cached.Outcome.HIT);
        }
        return loadShared(entry, found.get().tag(), loader, token);
    }

    /**
     * The value only if this node holds a copy of the entry and Redis confirms it is current, as {@link #get}
     * would confirm it: a hit, counted. Otherwise empty and counted as nothing, for the caller to go the way
     * that reaches {@link #get}. Never loads: for a caller that answers repeated requests before the
     * framework that would do the loading.
     */
    public <T> Optional<T> getHeld(CacheEntry<T> entry) {
        long token = trust.token();
        if (token == GenerationTrust.UNTRUSTED) {
            return Optional.empty();
        }
        Optional<NearCache.Entry> held = near(entry);
        return held.isEmpty() ? Optional.empty() : lookup(entry, Counted.HITS, token, held).flatMap(Found::value);
    }

    /**
     * Makes {@code eviction} on every node, once Redis takes it; until then this node does not read the cache.
     * Its change's eviction is made once, however many nodes ask for it. True when this call evicted.
     */
    public boolean evict(Eviction eviction) {
        try {
            if (!trust.evict(eviction)) {
                statistics.evictionAlreadyMade(CacheLevel.RESPONSE);
                statistics.evictionAlreadyMade(CacheLevel.LIST);
                return false;
            }
        } catch (RuntimeException e) {
            statistics.error(CacheLevel.RESPONSE, "eviction", e);
            trust.doubt("An eviction failed (" + e.getClass().getSimpleName() + ")");
        }
        statistics.eviction(CacheLevel.RESPONSE);
        statistics.eviction(CacheLevel.LIST);
        if (eviction.everything()) {
            statistics.evictionOfEverything(CacheLevel.RESPONSE);
        } else {
            statistics.rowEvictions(CacheLevel.RESPONSE, eviction.rows().size());
        }
        return true;
    }

    /** What each level holds in the current generation; a RuntimeException when Redis cannot be asked. */
    public Map<CacheLevel, LevelContents> contents() {
        List<byte[]> reply = redis.census();
        String generation = text(reply.get(0));
        Map<CacheLevel, long[]> counts = new EnumMap<>(CacheLevel.class);
        for (int i = 1; i + 1 < reply.size(); i += 2) {
            String key = text(reply.get(i));
            long ttlMillis = Long.parseLong(text(reply.get(i + 1)));
            // {all_properties}:<tag>:<level>:v<format>:<id>, the tag the generation or a detail's
            String afterTag = key.substring(key.indexOf(':', CacheEntry.PREFIX.length()));
            for (CacheLevel level : CacheLevel.values()) {
                if (afterTag.startsWith(":" + level.tag() + ":")) {
                    long[] count = counts.computeIfAbsent(level, l -> new long[] {0, -1});
                    count[0]++;
                    count[1] = Math.max(count[1], ttlMillis);
                }
            }
        }
        Map<CacheLevel, LevelContents> contents = new EnumMap<>(CacheLevel.class);
        for (CacheLevel level : List.of(CacheLevel.RESPONSE, CacheLevel.LIST)) {
            long[] count = counts.getOrDefault(level, new long[] {0, -1});
            contents.put(level, new LevelContents(count[0], count[1],
                    CacheEntry.PREFIX + generation + ":" + level.tag() + ":*"));
        }
        return contents;
    }

    /**
     * The value from the database, without the cache. If the database cannot be reached, the entry Redis holds in
     * its current generation instead, when this node's only reason not to read it is that it cannot hear database
     * changes (which it cannot while the database is unreachable): an answer as of the last change any node heard,
     * rather than a 503.
     */
    private <T> Cached<T> bypass(CacheEntry<T> entry, Supplier<T> loader) {
        try {
            return new Cached<>(loadBypassing(entry, loader), Cached.Outcome.BYPASS);
        } catch (RuntimeException failure) {
            long token = DatabaseFailures.unreachable(failure) ? trust.tokenWhileDeaf() : GenerationTrust.UNTRUSTED;
            Optional<T> last = token == GenerationTrust.UNTRUSTED ? Optional.empty()
                    : lookup(entry, Counted.NOTHING, token).flatMap(Found::value);
            return new Cached<>(last.orElseThrow(() -> failure), Cached.Outcome.FALLBACK);
        }
    }

    /**
     * One load for all concurrent misses of the entry in {@code generation}, across nodes: only misses of the
     * same generation share, so a read that began after a write never takes a load that began before it. A
     * caller that waited gets the leader's value as a hit, unless it may not be kept (then it loads its own).
     */
    private <T> Cached<T> loadShared(CacheEntry<T> entry, String generation, Supplier<T> loader, long token) {
        boolean[] ranHere = {false};
        Loaded<T> loaded = flights.load(entry.localKey() + "@" + generation, entry.lockKey(), () -> {
            ranHere[0] = true;
            return loadAndStore(entry, loader, token);
        });
        boolean mine = ranHere[0] && loaded.loadedHere();
        if (!mine && !loaded.cacheable()) {
            return new Cached<>(load(entry, loader), Cached.Outcome.MISS);
        }
        return new Cached<>(loaded.value(), mine ? Cached.Outcome.MISS : Cached.Outcome.HIT);
    }

    /**
     * A load while the cache cannot be read. Without a generation nothing tells a load that began before a write
     * from one that began after it, so a caller shares only a load that begins after it came ({@link
     * SharedLoads}): at most one database load per entry in flight, so that a Redis outage does not multiply the
     * database's work. A value that may not be kept (an answer other than 200) is its request's own: a caller
     * that waited for it loads its own, as {@link #loadShared} does.
     */
    private <T> T loadBypassing(CacheEntry<T> entry, Supplier<T> loader) {
        boolean[] ranHere = {false};
        T value = bypassLoads.load(entry.localKey(), () -> {
            ranHere[0] = true;
            return load(entry, loader);
        });
        return ranHere[0] || entry.codec().cacheable(value) ? value : load(entry, loader);
    }

    // Under the single flight: another node may have stored the entry while this one waited for the lock.
    private <T> Loaded<T> loadAndStore(CacheEntry<T> entry, Supplier<T> loader, long token) {
        Optional<Found<T>> again = lookup(entry, Counted.NOTHING, token);
        if (again.isPresent() && again.get().value().isPresent()) {
            return new Loaded<>(again.get().value().get(), false, true);
        }
        T value = load(entry, loader);
        Optional<byte[]> stored = entry.codec().encode(value);
        if (again.isPresent() && stored.isPresent()) {
            store(entry, again.get().tag(), value, stored.get());
        }
        return new Loaded<>(value, true, stored.isPresent());
    }

    private <T> T load(CacheEntry<T> entry, Supplier<T> loader) {
        return statistics.load(entry.level(), loader);
    }

    private <T> Optional<Found<T>> lookup(CacheEntry<T> entry, Counted counted, long token) {
        return lookup(entry, counted, token, near(entry));
    }

    private Optional<NearCache.Entry> near(CacheEntry<?> entry) {
        return nearCache.get(entry.localKey(), System.currentTimeMillis());
    }

    private <T> Optional<Found<T>> lookup(CacheEntry<T> entry, Counted counted, long token,
            Optional<NearCache.Entry> held) {
        CacheLevel level = entry.level();
        List<byte[]> reply;
        long floor = trust.highestSeen();
        try {
            reply = redis.lookup(entry.suffix(), entry.row(), held.map(NearCache.Entry::generation).orElse(""));
        } catch (RuntimeException e) {
            statistics.error(level, "lookup", e);
            return Optional.empty();
        }
        if (!trust.plausible(text(reply.get(0)), floor) || !trust.stillTrusted(token)) {
            return Optional.empty(); // Redis went back in time, or a doubt arose while it answered
        }
        String tag = text(reply.get(1));
        Optional<T> value = Optional.empty();
        if (reply.size() >= 3) {
            value = decode(entry, reply.get(2), counted == Counted.HITS_AND_MISSES);
            value.ifPresent(decoded -> keepNear(entry, tag, decoded, reply.get(2)));
        } else if (held.isPresent() && held.get().generation().equals(tag)) {
            @SuppressWarnings("unchecked")
            T near = (T) held.get().value();
            value = Optional.of(near);
            if (counted != Counted.NOTHING) {
                statistics.nearHit(level);
            }
        }
        if (counted != Counted.NOTHING && value.isPresent()) {
            statistics.hit(level);
        } else if (counted == Counted.HITS_AND_MISSES) {
            statistics.miss(level);
        }
        return Optional.of(new Found<>(tag, value));
    }

    // A value this code cannot read (another version's, or damaged) is a miss: the load overwrites it.
    private <T> Optional<T> decode(CacheEntry<T> entry, byte[] stored, boolean counted) {
        try {
            return Optional.of(entry.codec().decode(stored));
        } catch (RuntimeException undecodable) {
            if (counted) {
                statistics.error(entry.level(), "decode", undecodable);
            }
            return Optional.empty();
        }
    }

    private <T> void keepNear(CacheEntry<T> entry, String tag, T value, byte[] stored) {
        nearCache.put(entry.localKey(), new NearCache.Entry(tag, value, entry.codec().heapBytes(value, stored),
                System.currentTimeMillis() + entry.ttl().toMillis()));
    }

    private <T> void store(CacheEntry<T> entry, String tag, T value, byte[] stored) {
        try {
            redis.storeIfCurrent(tag, entry.suffix(), entry.row(), stored, entry.ttl())
                    .ifPresent(storedUnder -> keepNear(entry, storedUnder, value, stored));
        } catch (RuntimeException e) {
            statistics.error(entry.level(), "store", e); // a miss for the next reader, nothing lost
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
