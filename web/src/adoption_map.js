import { geoGraticule10, geoMercator, geoPath } from 'd3-geo';
import { h } from './dom.js';
import { drawOutlines } from './outlines.js';

const svgNs = 'http://www.w3.org/2000/svg';
const s = (tag, attrs = {}) => {
  const el = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  return el;
};

// The box holding the middle 99% of the points in each direction, so that a country's overseas places
// (France's Réunion, Guadeloupe...) do not shrink its mainland to a dot; points outside are off the frame.
function core(points) {
  const at = (values, q) => values[Math.min(values.length - 1, Math.floor(q * values.length))];
  const xs = points.map((p) => p[0]).sort((a, b) => a - b);
  const ys = points.map((p) => p[1]).sort((a, b) => a - b);
  const lo = points.length > 200 ? 0.005 : 0;
  const hi = points.length > 200 ? 0.995 : 1 - 1e-9;
  const [x0, x1, y0, y1] = [at(xs, lo), at(xs, hi), at(ys, lo), at(ys, hi)];
  const m = 0.03 * Math.max(x1 - x0, y1 - y0, 0.1);
  return { type: 'MultiPoint', coordinates: [[x0 - m, y0 - m], [x1 + m, y1 + m]] };
}

// Observed adoption on a map (no tiles: the country's places, from the store, drawn as one faint path): a
// circle per member with coordinates, shown when it joined by the chosen year (orange: joined that very
// year). Returns {svg, show(year) -> members drawn}; `data-year` on the svg says the year shown.
export function adoptionMap(name, title, adoption) {
  const width = Math.round(Math.min(720, Math.max(320, window.innerWidth - 48)));
  const height = Math.round(width * 0.8);
  const members = adoption.adopters.filter((a) => Number.isFinite(a.latitude) && Number.isFinite(a.longitude));
  const background = [];
  for (let i = 0; i + 1 < adoption.background.length; i += 2) background.push([adoption.background[i], adoption.background[i + 1]]);
  const extent = core(background.length ? background : members.map((m) => [m.longitude, m.latitude]));
  const projection = geoMercator().fitExtent([[12, 12], [width - 12, height - 12]], extent);
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'map', 'data-map': name });
  svg.append(s('path', { d: geoPath(projection)(geoGraticule10()), class: 'graticule' }));
  drawOutlines(svg, projection, width, height);
  if (background.length) {
    let d = '';
    for (const p of background) {
      const [x, y] = projection(p);
      d += `M${x.toFixed(1)} ${y.toFixed(1)}h0`;
    }
    svg.append(s('path', { d, class: 'places' }));
  }
  const dots = members.map((m) => {
    const [x, y] = projection([m.longitude, m.latitude]);
    const dot = s('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: members.length > 2000 ? 1.6 : 3.5,
      class: 'adopter feature', 'data-id': m.id, 'data-year': m.year ?? '' });
    const tip = s('title');
    tip.textContent = `${m.name} (${m.year ?? '?'}, ${m.channel})`;
    dot.append(tip);
    svg.append(dot);
    return dot;
  });
  const show = (year) => {
    let drawn = 0;
    for (const dot of dots) {
      const joined = Number(dot.dataset.year);
      const state = !dot.dataset.year || joined > year ? 'later' : joined === year ? 'new' : 'earlier';
      dot.setAttribute('class', `adopter feature ${state}`);
      if (state !== 'later') drawn += 1;
    }
    svg.dataset.year = String(year);
    svg.dataset.drawn = String(drawn);
    return drawn;
  };
  return { svg, show, figure: (...extra) => h('figure', { class: 'map-figure' }, h('figcaption', {}, title), svg, ...extra) };
}
