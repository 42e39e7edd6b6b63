package io.propertylistings.responsecache;

import io.propertylistings.caching.CacheEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Which cache entry answered a request, by the request's signature (what its answer depends on, in the raw
 * form it arrived in): so a repeat of it can be answered from that entry without the framework working out
 * the key again. Only what was seen answered is known here, never guessed. Bounded like the near cache,
 * whose entries the aliases point to, and the least recently used go first: distinct query strings that
 * mean the same (a client's choice) cost memory only up to that bound.
 */
@ApplicationScoped
class EarlyHitIndex {

    /** Longer signatures are not kept: no client repeats such a request often enough to matter. */
    static final int MAX_SIGNATURE_CHARS = 2048;

    private int maxEntries;
    private final Map<String, CacheEntry<?>> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CacheEntry<?>> eldest) {
            return size() > maxEntries;
        }
    };

    EarlyHitIndex() {
        // for CDI
    }

    public EarlyHitIndex(int maxEntries) {
        configure(maxEntries);
    }

    @Inject
    void configure(@ConfigProperty(name = "caching.near.max-entries") int maxEntries) {
        this.maxEntries = maxEntries;
    }

    public synchronized Optional<CacheEntry<?>> get(String signature) {
        return Optional.ofNullable(entries.get(signature));
    }

    public synchronized void put(String signature, CacheEntry<?> entry) {
        if (signature.length() <= MAX_SIGNATURE_CHARS) {
            entries.put(signature, entry);
        }
    }
}
