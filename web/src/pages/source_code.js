import { api } from '../api.js';
import { barConfig, chartFigure } from '../charts.js';
import { h, section } from '../dom.js';
import { addLabels, formatNumber, t } from '../i18n.js';
import { dataTable } from '../table.js';
import { geoMap, placesTable, placesToGeoJson, unplaced } from '../map.js';
import { locateByName, settle, unavailable } from './common.js';

addLabels({
  fr: { case_base: 'Base de cas', case_base_lede: (b) => `Les recettes ont été trouvées dans ${b.rows.length} cas${b.description ? ` (${b.description}${b.dropped ? `, ${b.dropped} écartés faute de données` : ''})` : ''}.`,
    condition: 'Condition', outcome: 'Résultat', definition: 'Définition' },
  en: { case_base: 'Case base', case_base_lede: (b) => `The recipes were found in ${b.rows.length} cases${b.description ? ` (${b.description}${b.dropped ? `, ${b.dropped} left out for missing data` : ''})` : ''}.`,
    condition: 'Condition', outcome: 'Outcome', definition: 'Definition' },
});

// The source code: the saved recipes with their outcome, fit and exemplars; the exemplars on a map.
export async function sourceCodePage() {
  document.title = `${t('source_code')} — duckweed`;
  const { value, error } = await settle(api.recipes());
  const head = h('header', { class: 'page-head' }, h('h1', {}, t('source_code')));
  if (error) return [head, section('recipes', t('recipes'), unavailable(error))];
  const recipes = (value.recipes ?? value).map((r) => ({ ...r, cov: r.cov ?? r.cov_r, exemplar_names: exemplarNames(r).join(', ') }));
  const fit = chartFigure('recipes-coverage', `${t('recipes')}: inclS / covS`,
    barConfig(recipes.map((r) => r.expression), [
      { label: 'inclS', data: recipes.map((r) => r.incl) },
      { label: 'covS', data: recipes.map((r) => r.cov) }], { horizontal: true, max: 1 }),
    { columns: recipeColumns(), rows: recipes }, { height: 80 + 50 * recipes.length, open: true });
  const located = await locateByName(recipes.flatMap(exemplarNames));
  const places = located.map((p) => ({ ...p, role: 'exemplar', label: true,
    recipes: recipes.filter((r) => exemplarNames(r).includes(p.name)).map((r) => r.expression).join(' + ') }));
  return [head, section('recipes', t('recipes'), fit), value.case_base ? caseBase(value.case_base) : null,
    section('exemplars', t('exemplars'),
      geoMap('exemplars-map', t('exemplars'), placesToGeoJson(places), { legend: { exemplar: t('exemplars') } }),
      unplaced('exemplars-map', places), placesTable('exemplars', places, [{ key: 'recipes', label: t('recipes') }]))];
}

// The cases each recipe covers (`cases` from the server, `exemplars` in a saved recipes file).
const exemplarNames = (recipe) => (recipe.cases ?? recipe.exemplars ?? []).map((e) => (typeof e === 'object' ? e.name : e));

function recipeColumns() {
  return [
    { key: 'expression', label: 'recipe' }, { key: 'outcome', label: 'outcome' },
    { key: 'incl', label: 'inclS', numeric: true, format: (v) => formatNumber(v, 3) },
    { key: 'cov', label: 'covS', numeric: true, format: (v) => formatNumber(v, 3) },
    { key: 'exemplar_names', label: t('exemplars') },
  ];
}


// Where the recipes come from: the cases, what each condition and the outcome mean, and the case table.
function caseBase(base) {
  const definitions = [...(base.conditions ?? []).map((c) => ({ name: c.name, kind: t('condition'), spec: c.spec })),
    ...(base.outcome ? [{ name: base.outcome.name, kind: t('outcome'), spec: base.outcome.spec }] : [])];
  return section('case-base', t('case_base'), h('p', { class: 'lede', id: 'case-base-lede' }, t('case_base_lede')(base)),
    definitions.length ? dataTable('case-definitions', [{ key: 'name', label: t('name') }, { key: 'kind', label: t('role') },
      { key: 'spec', label: t('definition'), format: (v) => h('code', {}, v) }], definitions) : null,
    h('details', { class: 'behind' }, h('summary', {}, `${t('table')}: ${base.rows.length}`),
      dataTable('case-table', base.columns.map((c) => ({ key: c, label: c, numeric: c !== base.columns[0] })), base.rows)));
}
