/**
 * The application's one Redisson client and what every use of Redis shares: the topology read from
 * MicroProfile Config (one Redis, Sentinel or Cluster), the connection events that make the cache doubt, the
 * masters that health and metrics read, a circuit breaker, a read shared by concurrent callers, and how the
 * client's failures are sorted. Nothing here knows the cache's keys.
 */
package io.propertylistings.redis;
