import { h, section } from '../dom.js';
import { t } from '../i18n.js';

// Diffusion and ecosystem pages: they need API routes that duckweed serve does not have yet (jobs for the
// Monte Carlo, SD runs with constants). Until then the page says exactly which, rather than showing an empty chart.
const needs = {
  diffusion_map: ['GET /api/v1/jobs/{id} → result.geojson: diffusion::AdoptionGeoJson (mean adoption step per place)'],
  ecosystem: ['GET /api/v1/sd/models/{id}', 'POST /api/v1/sd/run {"model", "constants"}'],
};

export function pendingNeeds(name) {
  return [h('p', { class: 'notice' }, `${t('api_missing')}:`), h('ul', {}, needs[name].map((route) => h('li', {}, h('code', {}, route))))];
}

export function pendingPage(name) {
  document.title = `${t(name)} — duckweed`;
  return [h('header', { class: 'page-head' }, h('h1', {}, t(name))),
    section(`${name}-pending`, t('not_available'), h('p', { class: 'notice' }, `${t('api_missing')}:`),
      h('ul', {}, needs[name].map((route) => h('li', {}, h('code', {}, route)))))];
}
