// The dashboard's four uPlot charts over the series of readings.js. uPlot comes from its WebJar in the WAR.
import uPlot from '../webjars/uplot/1.6.30/dist/uPlot.esm.js';
import { ASSESSMENT_BANDS } from './readings.js';

const PERCENTILE_DASH = { p50: [], p95: [6, 3], p99: [2, 3] };

function colour(name) {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}

function levelColour(index) {
  return colour('--series-' + (index % 4));
}

function fixed(digits, unit) {
  return (value) => (value === null || value === undefined ? '-' : value.toFixed(digits) + unit);
}

/** What each chart shows, from the series of readings.js. */
const CHARTS = [
  {
    id: 'hit-ratio',
    unit: 'hit ratio (%)',
    format: fixed(1, ' %'),
    range: () => [0, 100],
    assessment: true,
    series: (s) => s.levels.map((level, i) => ({ label: level, values: s.hitRatio[level], stroke: levelColour(i) }))
      .concat([{ label: 'keyspace', values: s.hitRatio.keyspace, stroke: colour('--muted'), dash: [8, 4] }]),
  },
  {
    id: 'lookups',
    unit: 'lookups/s',
    format: fixed(2, '/s'),
    series: (s) => s.levels.map((level, i) => ({ label: level, values: s.lookups[level], stroke: levelColour(i) })),
  },
  {
    id: 'load-time',
    unit: 'load time (ms)',
    format: fixed(3, ' ms'),
    series: (s) => s.levels.flatMap((level, i) => ['p50', 'p95', 'p99'].map((p) => ({
      label: level + ' ' + p, values: s.loadTime[level][p], stroke: levelColour(i), dash: PERCENTILE_DASH[p],
    }))),
  },
  {
    id: 'events',
    unit: 'per reading',
    format: fixed(0, ''),
    height: 170,
    series: (s) => [
      { label: 'evictions', values: s.evictions, stroke: colour('--eviction'), marker: true },
      { label: 'warm-ups', values: s.warmups, stroke: colour('--warmup'), marker: true },
    ],
  },
];

/** Shades, behind the series, the spans while Redis was down and (on the hit ratio) the assessment bands. */
function backgrounds(spec, state) {
  return {
    hooks: {
      drawClear: [(u) => {
        const { ctx } = u;
        const { left, top, width, height } = u.bbox;
        ctx.save();
        if (spec.assessment) {
          ctx.font = Math.round(9 * devicePixelRatio) + 'px system-ui, sans-serif';
          ctx.textAlign = 'left';
          ctx.textBaseline = 'middle';
          ASSESSMENT_BANDS.forEach((band) => {
            const y0 = u.valToPos(band.to, 'y', true);
            const y1 = u.valToPos(band.from, 'y', true);
            ctx.fillStyle = colour('--band-' + band.name);
            ctx.fillRect(left, y0, width, y1 - y0);
            ctx.fillStyle = colour('--muted');
            ctx.fillText(band.name, left + 4, (y0 + y1) / 2);
          });
          ctx.textBaseline = 'alphabetic';
        }
        let drawn = 0;
        state.outages.forEach(([from, to]) => {
          const x0 = Math.max(left, u.valToPos(from, 'x', true));
          const x1 = Math.min(left + width, u.valToPos(to, 'x', true));
          if (x1 >= x0) {
            // At least 3 px, so an outage seen by one reading still shows.
            const w = Math.max(x1 - x0, 3 * devicePixelRatio);
            ctx.fillStyle = colour('--down-band');
            ctx.fillRect(x0, top, w, height);
            ctx.fillStyle = colour('--down');
            ctx.fillRect(x0, top, w, 3 * devicePixelRatio);
            drawn++;
          }
        });
        if (drawn > 0 && spec.id === 'events') {
          ctx.fillStyle = colour('--down');
          ctx.textAlign = 'left';
          ctx.font = Math.round(11 * devicePixelRatio) + 'px system-ui, sans-serif';
          state.outages.forEach(([from]) => {
            ctx.fillText('Redis down', Math.max(left, u.valToPos(from, 'x', true)) + 3, top + 16 * devicePixelRatio);
          });
        }
        ctx.restore();
        u.root.dataset.outagesDrawn = String(drawn);
      }],
      draw: [() => state.drawn()],
    },
  };
}

function options(spec, lines, width, state) {
  const axis = {
    stroke: colour('--muted'),
    grid: { stroke: colour('--grid'), width: 1 },
    ticks: { stroke: colour('--grid'), width: 1 },
  };
  return {
    width,
    height: spec.height || 230,
    plugins: [backgrounds(spec, state)],
    cursor: { points: { size: 7 } },
    legend: { live: true },
    scales: {
      x: { time: true },
      y: { range: spec.range || ((u, min, max) => [0, max > 0 ? max * 1.1 : 1]) },
    },
    axes: [
      Object.assign({ label: 'local time', labelSize: 20 }, axis),
      Object.assign({ label: spec.unit, labelSize: 20, size: 52 }, axis),
    ],
    series: [{ label: 'time', value: '{HH}:{mm}:{ss}' }].concat(lines.map((line) => ({
      label: line.label,
      stroke: line.stroke,
      width: line.marker ? 0 : 1.5,
      dash: line.dash,
      spanGaps: false,
      value: (u, v) => spec.format(v),
      paths: line.marker ? () => null : undefined,
      points: line.marker ? { show: true, size: 9, width: 2, fill: line.stroke, stroke: line.stroke } : { show: false },
    }))),
  };
}

/** The charts in their `<figure>`s; `update` gives them new series, `rebuild` new colours (scheme change). */
export class Charts {
  constructor(container, onDrawn) {
    this.container = container;
    this.plots = {};
    this.state = { outages: [], drawn: onDrawn };
    this.data = null;
    // Resized in the next frame: resizing inside the observer's callback would change the layout it observes.
    new ResizeObserver(() => requestAnimationFrame(() => this.resize())).observe(container);
  }

  update(s) {
    this.data = s;
    this.state.outages = s.outages;
    CHARTS.forEach((spec) => {
      const lines = spec.series(s);
      const data = [s.time].concat(lines.map((line) => line.values));
      const plot = this.plots[spec.id];
      if (plot && plot.series.length === data.length) {
        plot.setData(data);
      } else {
        this.create(spec, lines, data);
      }
    });
  }

  create(spec, lines, data) {
    const figure = this.container.querySelector('#chart-' + spec.id);
    const holder = figure.querySelector('.plot');
    if (this.plots[spec.id]) {
      this.plots[spec.id].destroy();
    }
    this.plots[spec.id] = new uPlot(options(spec, lines, holder.clientWidth || 300, this.state), data, holder);
  }

  rebuild() {
    if (!this.data) {
      return;
    }
    CHARTS.forEach((spec) => {
      const lines = spec.series(this.data);
      this.create(spec, lines, [this.data.time].concat(lines.map((line) => line.values)));
    });
  }

  resize() {
    Object.entries(this.plots).forEach(([id, plot]) => {
      const width = this.container.querySelector('#chart-' + id + ' .plot').clientWidth;
      if (width > 0 && Math.abs(width - plot.width) > 1) {
        plot.setSize({ width, height: plot.height });
      }
    });
  }

  /**
   * Per chart: how many values each series has (nulls are gaps, not points), how many outage bands it drew, the
   * axes' labels, and whether its legend follows the cursor (the values on hover).
   */
  describe() {
    const charts = {};
    Object.entries(this.plots).forEach(([id, plot]) => {
      const series = {};
      plot.series.slice(1).forEach((line, i) => {
        series[line.label] = plot.data[i + 1].filter((v) => v !== null && v !== undefined).length;
      });
      charts[id] = {
        points: plot.data[0].length,
        series,
        outagesDrawn: Number(plot.root.dataset.outagesDrawn || 0),
        axes: plot.axes.map((axis) => axis.label),
        hover: plot.root.querySelector('.u-legend.u-live') !== null,
      };
    });
    return charts;
  }
}
