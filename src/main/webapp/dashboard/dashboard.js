// The dashboard: charts of this node's last readings (GET /cache/history) and the figures of now
// (GET /cache/metrics). Plain ES modules, no build step.
import { merge, series } from './readings.js';
import { Charts } from './charts.js';

const METRICS_EVERY_MS = 3000;
const errors = [];
window.addEventListener('error', (event) => errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => errors.push(String(event.reason)));

let readings = [];
let history = null; // the last answer of /cache/history, for the node and the interval
let previous = null; // the last /cache/metrics reading, for operations per second
const problems = { metrics: null, history: null };
const charts = new Charts(document.getElementById('charts'), describe);

function text(id, value) {
  document.getElementById(id).textContent = value;
}

function clock(millis) {
  return new Date(millis).toLocaleTimeString();
}

function percent(value) {
  return value === null || value === undefined ? '-' : value.toFixed(2) + ' %';
}

// ---- what the page says about the service and Redis

function showState() {
  const status = document.getElementById('status');
  const failing = problems.metrics || problems.history;
  let state = 'live';
  if (failing && failing.unreachable) {
    state = 'unreachable';
    status.textContent = 'The service has not answered since ' + clock(failing.since) + ' (' + failing.reason
      + '). The charts show the readings held; trying again every few seconds.';
  } else if (failing) {
    state = 'redis-down';
    status.textContent = failing.reason + ' (since ' + clock(failing.since) + '). Reads are answered from '
      + 'PostgreSQL meanwhile; the charts go on.';
  }
  status.hidden = state === 'live';
  status.className = state;
  document.body.dataset.state = state;
}

function problem(kind, reason, unreachable) {
  const since = problems[kind] && problems[kind].unreachable === unreachable ? problems[kind].since : Date.now();
  problems[kind] = { reason, unreachable, since };
  showState();
}

function cleared(kind) {
  problems[kind] = null;
  showState();
}

// ---- figures of now, from /cache/metrics (a 503 still carries them, with the Redis error)

// Evictions by kind: every one drops the lists; some drop every detail too, the others the rows they name.
function evictions(figures) {
  const everything = figures.evictions_of_everything || 0;
  const rows = figures.row_evictions || 0;
  return everything + rows === 0 ? String(figures.evictions)
    : `${figures.evictions} (${everything} of everything, ${rows} rows)`;
}

function cell(row, value, className) {
  const td = document.createElement('td');
  td.textContent = value;
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
}

function operationsPerSecond(level, figures, now) {
  if (!previous || !previous.levels[level]) {
    return '-';
  }
  const seconds = (now - previous.at) / 1000;
  const before = previous.levels[level];
  const lookups = (figures.hits + figures.misses) - (before.hits + before.misses);
  return seconds > 0 ? (lookups / seconds).toFixed(2) : '-';
}

function renderMetrics(report, now) {
  const redis = document.getElementById('redis');
  redis.textContent = report.redis;
  redis.className = 'figure ' + (report.redis === 'UP' ? 'up' : 'down');
  text('keyspace-hit-ratio', percent(report.hit_ratio));
  const assessment = document.getElementById('assessment');
  assessment.textContent = report.assessment || 'unknown while Redis is down';
  assessment.className = 'note ' + (report.assessment || '');
  text('keyspace-operations', report.total_operations === null ? '-' : String(report.total_operations));

  const body = document.querySelector('#levels tbody');
  body.textContent = '';
  Object.keys(report.levels).forEach((level) => {
    const figures = report.levels[level];
    const row = document.createElement('tr');
    row.id = 'level-' + level;
    cell(row, level);
    cell(row, percent(figures.hit_ratio), 'hit-ratio');
    cell(row, operationsPerSecond(level, figures, now), 'ops');
    cell(row, figures.load_time_ms.count === 0 ? '-' : figures.load_time_ms.p95.toFixed(3) + ' ms', 'p95');
    ['hits', 'misses', 'loads'].forEach((name) => cell(row, String(figures[name]), name));
    cell(row, evictions(figures), 'evictions');
    cell(row, String(figures.errors), 'errors');
    body.appendChild(row);
  });
  previous = { at: now, levels: report.levels };
  text('updated', clock(now));
}

async function refreshMetrics() {
  try {
    const response = await fetch('../cache/metrics', { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (response.status !== 200 && response.status !== 503) {
      throw new Error('HTTP ' + response.status);
    }
    const report = await response.json();
    renderMetrics(report, Date.now());
    if (report.error) {
      problem('metrics', report.error, false);
    } else {
      cleared('metrics');
    }
  } catch (failure) {
    problem('metrics', failure.message || String(failure), true);
  } finally {
    setTimeout(refreshMetrics, METRICS_EVERY_MS);
  }
}

// ---- the charts, from /cache/history: all of it on opening, then what is new

async function refreshHistory() {
  const since = readings.length ? readings[readings.length - 1].time : 0;
  let answer;
  try {
    const response = await fetch('../cache/history?since=' + since,
      { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (response.status !== 200) {
      throw new Error('HTTP ' + response.status);
    }
    answer = await response.json();
    cleared('history');
  } catch (failure) {
    problem('history', failure.message || String(failure), true);
    return;
  } finally {
    setTimeout(refreshHistory, Math.max(1000, history ? history.interval_ms : 5000));
  }
  // Outside the try: a failure to draw is the page's own error, not the service's.
  history = answer;
  readings = merge(readings, history);
  // The host too once node.name names the node: several nodes may share one host.
  const host = history.host && history.host !== history.node ? ' on ' + history.host : '';
  text('node', history.node + host + ' (pid ' + history.pid + ')');
  text('interval', String(history.interval_ms / 1000));
  const seconds = Math.round((history.capacity * history.interval_ms) / 1000);
  text('window', seconds >= 120 ? Math.round(seconds / 60) + ' minutes' : seconds + ' s');
  charts.update(series(readings));
}

/** What the charts hold, for people and tests that read the DOM (chromium --dump-dom). */
function describe() {
  const root = document.documentElement;
  const s = charts.data;
  document.getElementById('chart-summary').textContent = JSON.stringify({
    node: history ? history.node : null,
    readings: readings.length,
    first: readings.length ? readings[0].time : null,
    last: readings.length ? readings[readings.length - 1].time : null,
    outages: s ? s.outages.map(([from, to]) => [from * 1000, to * 1000]) : [],
    charts: charts.describe(),
    overflow: root.scrollWidth > root.clientWidth,
    scheme: matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
    errors,
  });
}

matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => charts.rebuild());
window.dashboard = { charts: charts.plots, describe };
refreshHistory();
refreshMetrics();
