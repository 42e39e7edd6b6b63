/**
 * The get-or-load core: {@link io.propertylistings.caching.GenerationalCache#get} gets a value from Redis or
 * loads it, the same way for every level ({@link io.propertylistings.caching.CacheEntry} says what and how).
 *
 * <p>The cache's few terms, used in every comment of this package and the ones that call it:
 * <dl>
 * <dt>generation</dt>
 * <dd>A counter in Redis that is part of every entry's key. An eviction increments it, which makes every entry
 * stored before unreachable at once (no {@code KEYS}, no scan); old entries expire by their TTL. A detail's key
 * holds an epoch and its row's version instead, so a write to one row leaves the other rows' details in place;
 * a change too large to name its rows moves the epoch.</dd>
 * <dt>eviction</dt>
 * <dd>One Redis script run after a write commits (never before), or when a change made outside the service is
 * heard: it moves the generation and the versions of the rows the change names. An eviction that could not
 * reach Redis is <em>owed</em>: the node keeps retrying it and does not read the cache until it lands.</dd>
 * <dt>trust, doubt</dt>
 * <dd>A node <em>trusts</em> the cache when it may read it. It <em>doubts</em> it at start-up, after its
 * connection to a Redis master changed (a restart from a snapshot or a failover may have lost evictions),
 * after an eviction of its own failed, when Redis shows a generation older than one it saw, and while it may
 * have missed changes made in the database. A doubt is <em>settled</em> by an eviction of its own that Redis
 * took after the doubt arose; until then the node reads from the database. See {@link
 * io.propertylistings.caching.GenerationTrust}.</dd>
 * <dt>near cache, held</dt>
 * <dd>This JVM's copies of entries it read. A copy is <em>held</em>, and answered without fetching its bytes,
 * only while Redis confirms its generation (or row version) on the same request: one {@code GET} or {@code
 * MGET}, shared by concurrent requests ({@link io.propertylistings.redis.SharedRead}).</dd>
 * <dt>single flight, shared loads</dt>
 * <dd>Concurrent misses of one entry make one database load, across nodes, through a lock in Redis
 * ({@code SingleFlight}); when Redis cannot be used, the callers of one entry on a node share one load that
 * began after they arrived ({@code SharedLoads}).</dd>
 * <dt>early hit</dt>
 * <dd>A repeat of a request answered from a held entry by a servlet filter, before JAX-RS (see {@code
 * io.propertylistings.responsecache}).</dd>
 * </dl>
 */
package io.propertylistings.caching;
