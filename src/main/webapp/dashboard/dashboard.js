// Reads /cache/metrics every few seconds and shows it; no framework, no build step.
(function () {
  'use strict';
  var INTERVAL_MS = 3000;
  var previous = null; // the last reading, for operations per second

  function text(id, value) {
    document.getElementById(id).textContent = value;
  }

  function percent(value) {
    return value === null || value === undefined ? '-' : value.toFixed(2) + ' %';
  }

  function cell(row, value) {
    var td = document.createElement('td');
    td.textContent = value;
    row.appendChild(td);
    return td;
  }

  function operationsPerSecond(level, figures, now) {
    if (!previous || !previous.levels[level]) {
      return '-';
    }
    var seconds = (now - previous.at) / 1000;
    var before = previous.levels[level];
    var lookups = (figures.hits + figures.misses) - (before.hits + before.misses);
    return seconds > 0 ? (lookups / seconds).toFixed(2) : '-';
  }

  function render(report, now) {
    var redis = document.getElementById('redis');
    redis.textContent = report.redis;
    redis.className = 'figure ' + (report.redis === 'UP' ? 'up' : 'down');
    text('keyspace-hit-ratio', percent(report.hit_ratio));
    var assessment = document.getElementById('assessment');
    assessment.textContent = report.assessment || 'unknown';
    assessment.className = 'note ' + (report.assessment || '');
    text('keyspace-operations', report.total_operations === null ? '-' : String(report.total_operations));
    var error = document.getElementById('error');
    error.hidden = !report.error;
    error.textContent = report.error || '';

    var body = document.querySelector('#levels tbody');
    body.textContent = '';
    Object.keys(report.levels).forEach(function (level) {
      var figures = report.levels[level];
      var row = document.createElement('tr');
      row.id = 'level-' + level;
      cell(row, level);
      cell(row, percent(figures.hit_ratio)).className = 'hit-ratio';
      cell(row, operationsPerSecond(level, figures, now)).className = 'ops';
      cell(row, figures.load_time_ms.count === 0 ? '-' : figures.load_time_ms.p95.toFixed(3) + ' ms').className = 'p95';
      ['hits', 'misses', 'loads', 'evictions', 'errors'].forEach(function (name) {
        cell(row, String(figures[name])).className = name;
      });
      body.appendChild(row);
    });
    previous = { at: now, levels: report.levels };
    text('updated', new Date(now).toISOString());
    document.body.dataset.state = 'live';
  }

  function refresh() {
    // 503 still carries the report, with the Redis error in it.
    fetch('../cache/metrics', { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then(function (response) { return response.json(); })
      .then(function (report) { render(report, Date.now()); })
      .catch(function (failure) {
        var error = document.getElementById('error');
        error.hidden = false;
        error.textContent = 'The service did not answer: ' + failure;
        document.body.dataset.state = 'unreachable';
      });
  }

  text('interval', String(INTERVAL_MS / 1000));
  refresh();
  setInterval(refresh, INTERVAL_MS);
}());
