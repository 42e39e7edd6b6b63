// Turns the readings of GET /cache/history (totals since start, oldest first) into the charts' series:
// columns of equal length, one value per reading, null where there is nothing to show. No DOM here.

/** Keeps the readings of the last `capacity`, adding those newer than what is held. */
export function merge(held, answer) {
  const last = held.length ? held[held.length - 1].time : -Infinity;
  const fresh = answer.readings.filter((reading) => reading.time > last);
  const all = held.concat(fresh);
  return all.slice(Math.max(0, all.length - answer.capacity));
}

/** A counter's increase between two readings; a smaller value means a restart (Redis), counted from 0 as Prometheus does. */
function increase(before, after) {
  if (before === null || after === null || before === undefined || after === undefined) {
    return null;
  }
  return after >= before ? after - before : after;
}

function percent(hits, lookups) {
  return lookups > 0 ? Math.round((hits * 10000) / lookups) / 100 : null;
}

/**
 * Series of the charts, each value for the interval that ends at its reading (the first reading has none):
 * hit ratio in % of the lookups in the interval, lookups per second, load time percentiles in ms as read (none before the first load),
 * evictions and warm-ups in the interval (null when none: a marker is drawn only where something happened),
 * and the spans while Redis was down, in seconds since the epoch as uPlot's time scale wants.
 */
export function series(readings) {
  const levels = readings.length ? Object.keys(readings[readings.length - 1].levels) : [];
  const time = readings.map((reading) => reading.time / 1000);
  const hitRatio = { keyspace: [] };
  const lookups = {};
  const loadTime = {};
  levels.forEach((level) => {
    hitRatio[level] = [];
    lookups[level] = [];
    loadTime[level] = { p50: [], p95: [], p99: [] };
  });
  const evictions = [];
  const warmups = [];
  const outages = [];
  let down = null;

  readings.forEach((reading, i) => {
    const before = i > 0 ? readings[i - 1] : null;
    const seconds = before ? (reading.time - before.time) / 1000 : 0;
    let evicted = 0;
    let warmed = 0;
    levels.forEach((level) => {
      const now = reading.levels[level];
      const then = before ? before.levels[level] : null;
      if (!now || !then || seconds <= 0) {
        hitRatio[level].push(null);
        lookups[level].push(null);
      } else {
        const hits = increase(then.hits, now.hits);
        const looked = hits + increase(then.misses, now.misses);
        hitRatio[level].push(percent(hits, looked));
        lookups[level].push(Math.round((looked / seconds) * 100) / 100);
        evicted += increase(then.evictions, now.evictions);
        warmed += increase(then.warmups, now.warmups);
      }
      const times = now && now.load_time_ms && now.load_time_ms.count > 0 ? now.load_time_ms : null;
      ['p50', 'p95', 'p99'].forEach((p) => loadTime[level][p].push(times ? times[p] : null));
    });
    evictions.push(evicted > 0 ? evicted : null);
    warmups.push(warmed > 0 ? warmed : null);

    if (!before || reading.redis !== 'UP' || before.redis !== 'UP') {
      hitRatio.keyspace.push(null);
    } else {
      const hits = increase(before.keyspace_hits, reading.keyspace_hits);
      hitRatio.keyspace.push(percent(hits, hits + increase(before.keyspace_misses, reading.keyspace_misses)));
    }

    // Down from the first reading that found Redis gone until the first that found it back.
    if (reading.redis !== 'UP' && down === null) {
      down = time[i];
    } else if (reading.redis === 'UP' && down !== null) {
      outages.push([down, time[i]]);
      down = null;
    }
  });
  if (down !== null) {
    outages.push([down, time[time.length - 1]]);
  }
  return { levels, time, hitRatio, lookups, loadTime, evictions, warmups, outages };
}

/** The seed's verdict on a hit ratio, as /cache/metrics gives it. */
export const ASSESSMENT_BANDS = [
  { name: 'EXCELLENT', from: 90, to: 100 },
  { name: 'GOOD', from: 80, to: 90 },
  { name: 'FAIR', from: 70, to: 80 },
  { name: 'POOR', from: 0, to: 70 },
];
