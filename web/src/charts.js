import {
  BarController, BarElement, CategoryScale, Chart, Filler, Legend, LinearScale, LineController, LineElement,
  PointElement, RadarController, RadialLinearScale, Tooltip,
} from 'chart.js';
import { h } from './dom.js';
import { currentLang, t } from './i18n.js';
import { dataTable } from './table.js';

Chart.register(BarController, BarElement, CategoryScale, Filler, Legend, LinearScale, LineController,
  LineElement, PointElement, RadarController, RadialLinearScale, Tooltip);
Chart.defaults.animation = false; // a printed dossier and a screenshot show the final chart
Chart.defaults.font.family = 'system-ui, sans-serif';
Chart.defaults.maintainAspectRatio = false;

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
export function chartFigure(name, title, config, table, { height = 300 } = {}) {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  const figure = h('figure', { class: 'chart', 'data-chart': name },
    h('figcaption', {}, title),
    h('div', { class: 'canvas-box', style: `height:${height}px` }, canvas),
    h('details', { class: 'behind' }, h('summary', {}, t('table')), dataTable(name, table.columns, table.rows, title)));
    // (Chart.js waits for the canvas to be attached before its first layout.)
  config.options = { ...config.options, locale: currentLang() === 'fr' ? 'fr-FR' : 'en-GB' }; // 0,5 or 0.5
  const chart = new Chart(canvas, config);
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

export function barConfig(labels, datasets, { yTitle, horizontal = false } = {}) {
  const valueAxis = { beginAtZero: true, title: { display: Boolean(yTitle), text: yTitle } };
  return {
    type: 'bar',
    data: { labels, datasets: datasets.map((d, i) => ({ backgroundColor: palette[i % palette.length], ...d })) },
    options: {
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
        pointLabels: { font: { size: 13 } } } },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}
