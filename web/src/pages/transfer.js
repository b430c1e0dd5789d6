import { api } from '../api.js';
import { barConfig, chartFigure } from '../charts.js';
import { h, link, section } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { dataTable } from '../table.js';
import { geoMap, placesTable, placesToGeoJson } from '../map.js';
import { locateByName, printButton, settle, unavailable } from './common.js';

// The transfer sheet: for each recipe, the town's membership, the levers to raise in order of gain, and the
// closest exemplars to visit.
export async function transferPage(id) {
  document.title = `${t('transfer')} ${id} — duckweed`;
  const profile = await settle(api.territory(id));
  const { value, error } = await settle(api.transfer(profile.value?.territory.name ?? id));
  const head = h('header', { class: 'page-head' }, h('h1', {}, `${t('transfer')}: ${value?.town ?? id}`),
    h('nav', { class: 'page-links' }, link(`/town/${id}`, t('town')), printButton()));
  if (error) return [head, section('levers', t('levers'), unavailable(error))];
  const recipes = value.recipes ?? [];
  const places = (await locateByName(recipes.flatMap((r) => (r.closest ?? []).map((c) => c.town))))
    .map((p) => ({ ...p, role: 'exemplar', label: true }));
  return [head, ...recipes.map((recipe, i) => recipeSheet(recipe, i)),
    section('exemplars', t('exemplars_map'),
      geoMap('exemplars-map', t('exemplars_map'), placesToGeoJson(places), { legend: { exemplar: t('exemplars') } }),
      placesTable('exemplar-places', places))];
}

function recipeSheet(recipe, index) {
  const levers = [...(recipe.missing ?? [])].sort((a, b) => b.gain - a.gain || a.literal.localeCompare(b.literal));
  const columns = [{ key: 'literal', label: t('levers') },
    { key: 'current', label: 'now', numeric: true, format: (v) => formatNumber(v, 3) },
    { key: 'gain', label: 'gain', numeric: true, format: (v) => formatNumber(v, 3) }];
  // A chart of gains only when one key alone raises the membership; with crisp sets every single gain is 0
  // (all missing keys are needed together), which the list says instead of an empty chart.
  const chart = levers.some((l) => l.gain > 0)
    ? chartFigure(`levers-${index}`, `${recipe.expression}: ${t('levers')}`,
      barConfig(levers.map((l) => l.literal), [{ label: 'gain', data: levers.map((l) => l.gain) }], { horizontal: true }),
      { columns, rows: levers }, { height: 80 + 40 * levers.length })
    : h('div', {}, levers.length ? h('p', {}, t('all_keys_together')) : null, dataTable(`levers-${index}`, columns, levers));
  return section(`recipe-${index}`, `${recipe.expression} — membership ${formatNumber(recipe.membership, 2)}`,
    h('ol', { class: 'levers' }, levers.map((l) => h('li', {}, `${l.literal} (${formatNumber(l.current, 2)} → +${formatNumber(l.gain, 2)})`))),
    chart,
    h('h3', {}, t('exemplars')),
    dataTable(`exemplars-${index}`, [{ key: 'town', label: t('town') },
      { key: 'membership', label: 'membership', numeric: true, format: (v) => formatNumber(v, 2) },
      { key: 'distance', label: 'distance', numeric: true, format: (v) => formatNumber(v, 3) }], recipe.closest ?? []));
}
