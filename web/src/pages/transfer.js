import { api, offline } from '../api.js';
import { barConfig, chartFigure, wrap } from '../charts.js';
import { h, link, section } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { dataTable } from '../table.js';
import { geoMap, placesTable, placesToGeoJson, unplaced } from '../map.js';
import { locateByName, printButton, settle, unavailable } from './common.js';

// The transfer sheet: the town's membership in each recipe, then for each recipe the levers to raise in order of
// gain, what in its context may not fit, and the closest exemplars to visit (on a map).
export async function transferPage(id) {
  document.title = `${t('transfer')} ${id} — duckweed`;
  const profile = await settle(api.territory(id));
  const { value, error } = await settle(api.transfer(profile.value?.territory.name ?? id));
  const name = profile.value?.territory.name ?? value?.town ?? id;
  document.title = `${t('transfer')}: ${name} — duckweed`;
  const head = h('header', { class: 'page-head' }, h('h1', {}, `${t('transfer')}: ${name}`),
    h('p', { class: 'lede' }, t('transfer_lede')),
    h('nav', { class: 'page-links' }, offline ? [] : link(`/town/${id}`, t('town')), printButton()));
  if (error) return [head, section('levers', t('levers'), unavailable(error))];
  const recipes = value.recipes ?? [];
  const places = (await locateByName(recipes.flatMap((r) => (r.closest ?? []).map((c) => c.town))))
    .map((p) => ({ ...p, role: 'exemplar', label: true }));
  const located = places.some((p) => Number.isFinite(p.latitude));
  return [head, membershipSection(recipes), ...recipes.map((recipe, i) => recipeSheet(recipe, i)),
    offline && !located ? null : section('exemplars', t('exemplars_map'),
      geoMap('exemplars-map', t('exemplars_map'), placesToGeoJson(places), { legend: { exemplar: t('exemplars') } }),
      unplaced('exemplars-map', places), placesTable('exemplar-places', places))];
}

// One bar per recipe: the town's membership (fuzzy minimum over the recipe's conditions), on 0..1.
function membershipSection(recipes) {
  const rows = recipes.map((r) => ({ expression: r.expression, membership: r.membership }));
  return section('membership', t('membership'), chartFigure('membership', t('membership_chart'),
    barConfig(rows.map((r) => wrap(r.expression, 28)), [{ label: t('membership'), data: rows.map((r) => r.membership) }],
      { horizontal: true, max: 1 }),
    { columns: [{ key: 'expression', label: t('recipes') },
      { key: 'membership', label: t('membership'), numeric: true, format: (v) => formatNumber(v, 2) }], rows },
    { height: 70 + 40 * rows.length, note: t('membership_note') }));
}

function recipeSheet(recipe, index) {
  const levers = [...(recipe.missing ?? [])].sort((a, b) => b.gain - a.gain || a.literal.localeCompare(b.literal));
  const columns = [{ key: 'literal', label: t('levers') },
    { key: 'current', label: t('now'), numeric: true, format: (v) => formatNumber(v, 3) },
    { key: 'gain', label: t('gain'), numeric: true, format: (v) => formatNumber(v, 3) }];
  // A chart of gains only when one key alone raises the membership; with crisp sets every single gain is 0
  // (all missing keys are needed together), which the list says instead of an empty chart.
  const chart = levers.some((l) => l.gain > 0)
    ? chartFigure(`levers-${index}`, `${recipe.expression}: ${t('levers')}`,
      barConfig(levers.map((l) => l.literal), [{ label: t('gain'), data: levers.map((l) => l.gain) }], { horizontal: true }),
      { columns, rows: levers }, { height: 80 + 40 * levers.length })
    : h('div', {}, levers.length ? h('p', {}, t('all_keys_together')) : null, dataTable(`levers-${index}`, columns, levers));
  const context = recipe.context_differences ?? [];
  return section(`recipe-${index}`, `${recipe.expression} — ${t('membership').toLowerCase()} ${formatNumber(recipe.membership, 2)}`,
    h('ol', { class: 'levers' }, levers.map((l) => h('li', {}, `${l.literal} (${formatNumber(l.current, 2)} → +${formatNumber(l.gain, 2)})`))),
    chart,
    context.length ? [h('h3', {}, t('context_differences')),
      h('ul', {}, context.map((c) => h('li', {}, `${c.literal}: ${formatNumber(c.current, 2)}`)))] : null,
    h('h3', {}, t('exemplars')),
    dataTable(`exemplars-${index}`, [{ key: 'town', label: t('town') },
      { key: 'membership', label: t('membership'), numeric: true, format: (v) => formatNumber(v, 2) },
      { key: 'distance', label: 'distance', numeric: true, format: (v) => formatNumber(v, 3) }], recipe.closest ?? []));
}
