package io.propertylistings.caching;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A bounded in-JVM copy of hot entries, each with the generation it was stored under. It is never trusted on
 * its own: every lookup still asks Redis for the current generation (one small round trip), and the copy is
 * used only if that generation is the one it was stored under. So an eviction by any node is seen by every
 * node at its next read, with no invalidation message to lose, and a hit does not move the value over the
 * network. Least recently used entries go first when either bound is reached.
 */
@ApplicationScoped
class NearCache {

    public record Entry(String generation, Object value, long bytes, long expiresAtMillis) {
    }

    /** What an entry costs beyond its bytes: key, record, map node. */
    static final long OVERHEAD = 256;

    private int maxEntries;
    private long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    NearCache() {
        // for CDI
    }

    public NearCache(int maxEntries, long maxBytes) {
        configure(maxEntries, maxBytes);
    }

    @Inject
    void configure(@ConfigProperty(name = "caching.near.max-entries") int maxEntries,
            @ConfigProperty(name = "caching.near.max-bytes") long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /** The copy of {@code key} if it has not expired. */
    public synchronized Optional<Entry> get(String key, long nowMillis) {
        Entry entry = entries.get(key);
        if (entry != null && entry.expiresAtMillis() <= nowMillis) {
            remove(key);
            return Optional.empty();
        }
        return Optional.ofNullable(entry);
    }

    public synchronized void put(String key, Entry entry) {
        long size = size(entry);
        if (size > maxBytes || maxEntries == 0) {
            return;
        }
        Entry previous = entries.put(key, entry);
        if (previous != null) {
            bytes -= size(previous);
        }
        bytes += size;
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= size(eldest.next().getValue());
            eldest.remove();
        }
    }

    /** Drops every copy: after Redis was doubted, none of them is worth its memory. */
    public synchronized void clear() {
        entries.clear();
        bytes = 0;
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    private void remove(String key) {
        Entry removed = entries.remove(key);
        if (removed != null) {
            bytes -= size(removed);
        }
    }

    private static long size(Entry entry) {
        return entry.bytes() + OVERHEAD;
    }
}
