import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement,
  PointElement, RadarController, RadialLinearScale, Tooltip,
} from 'chart.js';
import { h } from './dom.js';
import { currentLang, t } from './i18n.js';
import { dataTable } from './table.js';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController,
  LineElement, PointElement, RadarController, RadialLinearScale, Tooltip);
// Each bar's value written at its end, so a bar of 0 still reads as 0 rather than as a missing bar.
const valueLabels = {
  id: 'valueLabels',
  afterDatasetsDraw(chart) {
    if (chart.config.type !== 'bar') return;
    const { ctx } = chart;
    const horizontal = chart.options.indexAxis === 'y';
    const locale = chart.options.locale;
    ctx.save();
    ctx.font = `${printing.matches ? 7 : 11}px system-ui, sans-serif`;
    ctx.fillStyle = '#333';
    const labels = [];
    chart.data.datasets.forEach((dataset, i) => {
      const meta = chart.getDatasetMeta(i);
      if (meta.hidden || meta.data.length > 24) return;
      meta.data.forEach((bar, j) => {
        const value = dataset.data[j];
        if (value === null || value === undefined || Array.isArray(value)) return; // a floating bar: an interval
        // Two significant digits below 1 (a small difference reads 0.00026, not 0 or -0), else 2 or 0 decimals.
        const small = value !== 0 && Math.abs(value) < 1;
        const text = Number(value).toLocaleString(locale, small ? { maximumSignificantDigits: 2 }
          : { maximumFractionDigits: Math.abs(value) < 10 ? 2 : 0 });
        labels.push({ bar, value, text });
      });
    });
    // Upright bars too narrow for one of their labels (a phone, grouped bars) carry none: labels would run into
    // each other, and some but not all would read as a choice. The values stay in the table behind the chart.
    if (!horizontal && labels.some(({ bar, text }) => ctx.measureText(text).width > bar.width + 4)) labels.length = 0;
    for (const { bar, value, text } of labels) {
      if (horizontal) {
        ctx.textAlign = value < 0 ? 'right' : 'left';
        ctx.textBaseline = 'middle';
        ctx.fillText(text, bar.x + (value < 0 ? -4 : 4), bar.y);
      } else {
        ctx.textAlign = 'center';
        ctx.textBaseline = value < 0 ? 'top' : 'bottom';
        ctx.fillText(text, bar.x, bar.y + (value < 0 ? 3 : -3));
      }
    }
    ctx.restore();
  },
};
Chart.register(valueLabels);
Chart.defaults.animation = false; // a printed dossier and a screenshot show the final chart
Chart.defaults.font.family = 'system-ui, sans-serif';
Chart.defaults.maintainAspectRatio = false;

// On paper the charts are small: smaller text, and a new layout when printing starts or ends.
const drawn = new Set();
const printing = window.matchMedia('print');
const relayout = () => {
  Chart.defaults.font.size = printing.matches ? 8 : 12;
  for (const chart of drawn) {
    if (!chart.canvas?.isConnected) drawn.delete(chart);
    else chart.resize();
  }
};
printing.addEventListener('change', relayout);
window.addEventListener('beforeprint', relayout);
window.addEventListener('afterprint', relayout);

export const palette = ['#1b7837', '#2166ac', '#b2182b', '#e08214', '#762a83', '#4d4d4d'];

// What each chart shows, by name, for the browser tests and anyone reading the page's data from the console.
window.duckweed = window.duckweed || { charts: {} };

// A long label split into lines of at most `width` characters, so axis and radar labels are not clipped.
export function wrap(label, width = 16) {
  const lines = [];
  for (const word of String(label).split(/\s+/)) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last].length + word.length + 1 <= width) lines[last] += ` ${word}`;
    else lines.push(word);
  }
  return lines.length > 1 ? lines : lines[0] ?? '';
}

// A chart with the table of exactly its values beneath (closed on screen, open in print).
// config: a Chart.js configuration; table: {columns, rows}. Returns the <figure>.
export function chartFigure(name, title, config, table, { height = 300, open = false, note = null } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  const figure = h('figure', { class: 'chart', 'data-chart': name },
    h('figcaption', {}, title),
    h('div', { class: 'canvas-box', style: `height:${height}px` }, canvas),
    note ? h('p', { class: 'chart-note' }, note) : null,
    h('details', { class: 'behind', open }, h('summary', {}, t('table')), dataTable(name, table.columns, table.rows, title)));
    // (Chart.js waits for the canvas to be attached before its first layout.)
  config.options = { ...config.options, locale: currentLang() === 'fr' ? 'fr-FR' : 'en-GB' }; // 0,5 or 0.5
  const chart = new Chart(canvas, config);
  drawn.add(chart);
  window.duckweed.charts[name] = {
    type: config.type,
    valueAxis: config.type === 'radar' ? 'r' : config.options?.indexAxis === 'y' ? 'x' : 'y',
    labels: config.data.labels,
    datasets: config.data.datasets.map((d) => ({ label: d.label, data: d.data })),
    // The drawn axes' ranges, read once laid out (a bar axis must include zero).
    get scales() {
      return Object.fromEntries(Object.entries(chart.scales).map(([k, s]) => [k, { min: s.min, max: s.max }]));
    },
  };
  return figure;
}

// Bars from zero. `max`: a bounded scale (1 for scores and shares), with room beside it for the value labels.
export function barConfig(labels, datasets, { yTitle, horizontal = false, max } = {}) {
  const valueAxis = { beginAtZero: true, title: { display: Boolean(yTitle), text: yTitle } };
  if (max === undefined) valueAxis.grace = '10%';
  else valueAxis.max = max;
  return {
    type: 'bar',
    data: { labels, datasets: datasets.map((d, i) => ({ backgroundColor: palette[i % palette.length], ...d })) },
    options: {
      layout: { padding: max === undefined ? 0 : horizontal ? { right: 36 } : { top: 16 } },
      indexAxis: horizontal ? 'y' : 'x',
      scales: horizontal ? { x: valueAxis, y: { ticks: { autoSkip: false } } }
        : { y: valueAxis, x: { ticks: { autoSkip: false, maxRotation: 0 } } },
      plugins: { legend: { display: datasets.length > 1, position: 'bottom' } },
    },
  };
}

export function lineConfig(labels, datasets, { yTitle, min, max } = {}) {
  return {
    type: 'line',
    data: {
      labels,
      datasets: datasets.map((d, i) => ({
        borderColor: palette[i % palette.length], backgroundColor: palette[i % palette.length],
        spanGaps: true, ...d,
      })),
    },
    options: {
      scales: { y: { min, max, title: { display: Boolean(yTitle), text: yTitle } } },
      plugins: { legend: { position: 'bottom', labels: { boxWidth: 14 } } },
    },
  };
}

export function radarConfig(labels, datasets) {
  return {
    type: 'radar',
    data: {
      labels: labels.map((l) => wrap(l, 12)),
      datasets: datasets.map((d, i) => ({
        borderColor: palette[i % palette.length], backgroundColor: `${palette[i % palette.length]}33`, ...d,
      })),
    },
    options: {
      layout: { padding: { left: 36, right: 36, top: 4, bottom: 4 } }, // room for the domain names
      scales: { r: { min: 0, max: 1, ticks: { stepSize: 0.5, backdropColor: 'transparent', font: { size: 10 } },
        pointLabels: { font: () => ({ size: printing.matches ? 8 : 13 }) } } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}
