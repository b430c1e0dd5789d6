import { geoGraticule10, geoMercator, geoPath } from 'd3-geo';
import { h } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { drawOutlines } from './outlines.js';
import { dataTable } from './table.js';

const svgNs = 'http://www.w3.org/2000/svg';
const s = (tag, attrs = {}) => {
  const el = document.createElementNS(svgNs, tag);
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  return el;
};

// GeoJSON points → a FeatureCollection. places: [{id, name, latitude, longitude, role, value?}]; those
// without coordinates are left out of the map (and stay in the table).
export function placesToGeoJson(places) {
  return {
    type: 'FeatureCollection',
    features: places.filter((p) => Number.isFinite(p.latitude) && Number.isFinite(p.longitude)).map((p) => ({
      type: 'Feature',
      id: p.id,
      properties: { ...p },
      geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] },
    })),
  };
}

// An SVG map of a FeatureCollection drawn with d3-geo (no tiles, no network): points as circles coloured by
// `role` (self, or a class the caller names), labelled when `label` is set. Other geometries as paths.
export function geoMap(name, title, collection, { legend = {} } = {}) {
  // Drawn at about the size it is shown, so labels stay readable on a phone.
  const width = Math.round(Math.min(640, Math.max(320, window.innerWidth - 48)));
  const height = Math.round(width * 0.66);
  if (!collection.features.length) {
    return h('figure', { class: 'map-figure' }, h('figcaption', {}, title), h('p', { class: 'notice' }, t('no_coordinates')));
  }
  const svg = s('svg', { viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': title, class: 'map',
    'data-map': name });
  const pad = 28;
  const projection = geoMercator();
  const extent = padded(collection);
  projection.fitExtent([[pad, pad], [width - pad, height - pad]], extent);
  const path = geoPath(projection);
  svg.append(s('path', { d: path(geoGraticule10()), class: 'graticule' }));
  drawOutlines(svg, projection, width, height);
  const placed = [];
  // The town itself is drawn last, on top of the others, and labelled first (its label is never the one
  // left out); every label goes above every dot, so no dot hides a name.
  const isSelf = (f) => (f.properties.role ?? 'other') === 'self';
  const features = [...collection.features.filter((f) => !isSelf(f)), ...collection.features.filter(isSelf)];
  const labels = [];
  for (const feature of features) {
    const role = feature.properties.role ?? 'other';
    if (feature.geometry.type !== 'Point') {
      svg.append(s('path', { d: path(feature), class: `feature ${role}`, 'data-id': feature.id }));
      continue;
    }
    const [x, y] = projection(feature.geometry.coordinates);
    const dot = s('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: role === 'self' ? 7 : 5,
      class: `feature ${role}`, 'data-id': feature.id, fill: feature.properties.color ?? null });
    const tip = s('title');
    tip.textContent = feature.properties.name ?? feature.id;
    dot.append(tip);
    svg.append(dot);
    if (feature.properties.label) labels.push({ x, y, name: feature.properties.name, role });
  }
  for (const l of [...labels.filter((l) => l.role === 'self'), ...labels.filter((l) => l.role !== 'self')]) {
    const label = placeLabel(l.x, l.y, l.name, width, l.role, placed);
    if (label) svg.append(label);
  }
  const drawn = new Set(collection.features.map((f) => f.properties.role ?? 'other'));
  const keys = Object.entries(legend).filter(([role]) => drawn.has(role)).map(([role, text]) =>
    h('li', {}, h('span', { class: `swatch ${role}` }), text));
  return h('figure', { class: 'map-figure' }, h('figcaption', {}, title), svg,
    keys.length ? h('ul', { class: 'legend' }, keys) : null);
}

// A label beside its point, kept inside the frame (to the left of points near the right edge), or none when
// it would overlap a label already placed (the name stays in the point's tooltip and the table).
// `placed` collects the boxes of the labels drawn so far.
function placeLabel(x, y, text, width, role, placed) {
  const right = x > width * 0.7;
  const w = 7 * String(text).length;
  const box = { x0: right ? x - 10 - w : x + 10, x1: right ? x - 10 : x + 10 + w, y0: y - 8, y1: y + 8 };
  if (placed.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) return null;
  placed.push(box);
  const label = s('text', { x: (right ? x - 10 : x + 10).toFixed(1), y: (y + 4).toFixed(1),
    'text-anchor': right ? 'end' : 'start', class: `label ${role}` });
  label.textContent = text;
  return label;
}

// The features' extent grown by a margin (a single town would otherwise fill the frame to a point).
function padded(collection) {
  const points = collection.features.flatMap((f) => (f.geometry.type === 'Point' ? [f.geometry.coordinates] : []));
  if (!points.length) return { type: 'Sphere' };
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const margin = Math.max(0.01, 0.08 * Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys)));
  return { type: 'MultiPoint', coordinates: [[Math.min(...xs) - margin, Math.min(...ys) - margin],
    [Math.max(...xs) + margin, Math.max(...ys) + margin]] };
}

// The places a map leaves out for want of coordinates, named under it (so a missing dot is not read as a
// missing place); null when every place is drawn.
export function unplaced(name, places) {
  const names = places.filter((p) => !(Number.isFinite(p.latitude) && Number.isFinite(p.longitude))).map((p) => p.name);
  if (!names.length) return null;
  return h('p', { class: 'chart-note', id: `${name}-unplaced`, 'data-count': names.length }, `${t('not_on_map')}: ${names.join(', ')}`);
}

// The map's table: the places it draws, with their coordinates.
export function placesTable(name, places, extra = []) {
  const columns = [
    { key: 'name', label: t('name') }, { key: 'id', label: t('id') },
    ...extra,
    { key: 'latitude', label: 'lat', numeric: true, format: (v) => formatNumber(v, 4) },
    { key: 'longitude', label: 'lon', numeric: true, format: (v) => formatNumber(v, 4) },
  ];
  return h('details', { class: 'behind' }, h('summary', {}, t('table')), dataTable(name, columns, places));
}
