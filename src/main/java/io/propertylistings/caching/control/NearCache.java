package io.propertylistings.caching.control;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A bounded in-JVM copy of hot response entries, each with the generation it was stored under. It is never
 * trusted on its own: every lookup still asks Redis for the current generation (one small round trip), and
 * the copy is used only if that generation is the one it was stored under. So an eviction by any node is seen
 * by every node at its next read, with no invalidation message to lose, and a hit does not move the body over
 * the network. Least recently used entries go first when either bound is reached.
 */
public class NearCache {

    public record Entry(String generation, StoredResponse response) {
    }

    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long bytes;

    public NearCache(int maxEntries, long maxBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    public synchronized Optional<Entry> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public synchronized void put(String key, String generation, StoredResponse response) {
        long size = size(response);
        if (size > maxBytes || maxEntries == 0) {
            return;
        }
        Entry previous = entries.put(key, new Entry(generation, response));
        if (previous != null) {
            bytes -= size(previous.response());
        }
        bytes += size;
        Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
        while ((entries.size() > maxEntries || bytes > maxBytes) && eldest.hasNext()) {
            bytes -= size(eldest.next().getValue().response());
            eldest.remove();
        }
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized long bytes() {
        return bytes;
    }

    private static long size(StoredResponse response) {
        return response.body().length + 256L;
    }
}
