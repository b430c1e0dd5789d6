import { geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import atlas from 'world-atlas/countries-50m.json';

// Country outlines under the maps: Natural Earth's 1:50m countries (world-atlas, public domain), bundled at build
// time: no tile server, no network. Decoded once, on the first map drawn.
let countries = null;
const svgNs = 'http://www.w3.org/2000/svg';

// Appends to `svg` one path per country that shows in the frame [0, width] × [0, height] of `projection`, clipped
// to it (so a map of three towns carries only the borders around them), under whatever is drawn next. Returns
// the names of the countries drawn.
export function drawOutlines(svg, projection, width, height) {
  countries ??= feature(atlas, atlas.objects.countries).features;
  const previous = projection.clipExtent();
  projection.clipExtent([[0, 0], [width, height]]);
  const path = geoPath(projection);
  const group = document.createElementNS(svgNs, 'g');
  group.setAttribute('class', 'outlines');
  const names = [];
  for (const country of countries) {
    const d = path(country);
    if (!d) continue;
    const el = document.createElementNS(svgNs, 'path');
    el.setAttribute('d', d);
    el.setAttribute('class', 'country');
    el.setAttribute('data-name', country.properties.name);
    group.append(el);
    names.push(country.properties.name);
  }
  projection.clipExtent(previous);
  svg.append(group);
  svg.setAttribute('data-countries', names.length);
  return names;
}
