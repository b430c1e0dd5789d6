import { api, offline } from '../api.js';
import { barConfig, chartFigure, lineConfig, radarConfig, wrap } from '../charts.js';
import { h, link, section } from '../dom.js';
import { addLabels, domainLabel, formatNumber, t } from '../i18n.js';
import { geoMap, placesTable, placesToGeoJson } from '../map.js';
import { dataTable } from '../table.js';
import { absentList, printButton, settle, sourceLink, unavailable } from './common.js';
import { entrySection } from './entry.js';
import { emergentSection, posturesSection } from './postures.js';

addLabels({
  fr: { no_systemic_years: 'Sans score systémique, faute de chiffre dans un domaine de la capacité', unscored_title: 'Domaines sans score, et le chiffre qui manque',
    nothing_observed: 'aucun chiffre de la commune n’est observé dans ce domaine',
    observed_unscored: (names) => `observé : ${names} ; mais aucune cible ni fonction de valeur ne dit ce qu’est un bon score`,
    no_year_yet: 'pas encore d’observation cette année-là' },
  en: { no_systemic_years: 'No systemic score, for want of a figure in a domain of the capacity', unscored_title: 'Domains without a score, and the figure that is missing',
    nothing_observed: 'no figure of the town is observed in this domain',
    observed_unscored: (names) => `observed: ${names}; but no target nor value function says what a good score is`,
    no_year_yet: 'no observation yet that year' },
});

// The town page: profile and hierarchy, map, trajectories with sources, systemic evaluation, référentiel,
// the town against towns like it, and data entry for an editor.
export async function townPage(id) {
  const [profile, evaluation, peers] = await Promise.all([
    settle(api.territory(id)), settle(api.evaluation(id)), settle(api.peers(id)),
  ]);
  // The référentiel: in the evaluation when it was scored with it; not asked for when the evaluation says it
  // is absent (and why); else its own route.
  const absentReferentiel = evaluation.value?.absent?.some((a) => /référentiel/i.test(a.section));
  const referentiel = evaluation.value?.referentiel ? { value: evaluation.value.referentiel }
    : absentReferentiel ? { error: null } : await settle(api.referentiel(id));
  if (profile.error) return [h('h1', {}, id), unavailable(profile.error)];
  const town = profile.value;
  document.title = `${town.territory.name} — duckweed`;
  // Names and units: from the profile's indicators when the server gives them, else the catalogue.
  const definitions = town.indicators ?? (await settle(api.indicators())).value ?? [];
  const units = indicatorIndex(definitions);
  town.neighbours = await locate(town.neighbours ?? []);
  return [
    header(town),
    profileSection(town, peers.value),
    trajectorySection(town, units),
    evaluationSection(evaluation, town, units),
    posturesSection(evaluation.value),
    emergentSection(evaluation.value),
    referentielSection(referentiel, evaluation.value),
    // An offline report carries no peers unless they were computed for it: no empty section then.
    offline && peers.error ? null : peersSection(peers, town.member_of ?? []),
    initiativesSection(town),
    sourcesSection(town, evaluation.value),
    offline ? null : entrySection(town, (kind) => (kind === 'initiative' ? reloadInitiatives(id) : reloadTrajectories(id, units))),
  ];
}

// Neighbours with their coordinates, from each one's own record when the profile leaves them out.
async function locate(neighbours) {
  return Promise.all(neighbours.map(async (n) => {
    if (Number.isFinite(n.latitude)) return n;
    const { value } = await settle(api.territory(n.id));
    return { ...n, latitude: value?.territory.latitude, longitude: value?.territory.longitude };
  }));
}

function indicatorIndex(list) {
  return Object.fromEntries(list.map((i) => [i.id, i]));
}

function header(town) {
  const p = town.territory;
  return h('header', { class: 'page-head' },
    h('h1', {}, p.name),
    h('p', { class: 'lede' }, [p.kind && p.country ? `${p.kind}, ${p.country}` : p.kind, p.id,
      p.population != null ? `${t('population')} ${formatNumber(p.population, 0)}` : null].filter(Boolean).join(' · ')),
    h('nav', { class: 'page-links', 'aria-label': p.name },
      offline ? [] : [link(`/transfer/${p.id}`, t('transfer')), link('/source-code', t('source_code')),
        link('/diffusion', t('diffusion'))], printButton()));
}

function profileSection(town, peers) {
  const p = town.territory;
  // A report made without a store knows only the town's name: no empty table nor empty map then.
  if (offline && !(town.member_of ?? []).length && !Number.isFinite(p.latitude)) return null;
  const hierarchy = dataTable('hierarchy', [
    { key: 'kind', label: t('kind') }, { key: 'name', label: t('name') }, { key: 'id', label: t('id') },
    { key: 'population', label: t('population'), numeric: true, format: (v) => formatNumber(v, 0) },
  ], town.member_of ?? [], t('hierarchy'));
  const places = [
    { ...p, role: 'self', label: true },
    ...(town.neighbours ?? []).map((n) => ({ ...n, role: 'neighbour', label: true })),
    ...(peers?.peers ?? []).map((n) => ({ ...n, role: 'peer' })),
  ];
  const legend = { self: p.name, neighbour: t('neighbours'), peer: t('peer_towns') };
  return section('profile', t('profile'),
    h('div', { class: 'two' },
      h('div', {}, hierarchy),
      h('div', {}, geoMap('town-map', `${t('map')}: ${p.name}`, placesToGeoJson(places), { legend }),
        placesTable('town-places', places, [{ key: 'role', label: t('kind') }]))));
}

// Observations grouped by indicator: one bar chart per indicator observed at least twice, and the full table
// with the unit and the source address of every figure.
function trajectorySection(town, units) {
  const rows = (town.observations ?? []).map((o) => ({
    ...o, name: units[o.indicator]?.name ?? o.indicator, unit: units[o.indicator]?.unit ?? '',
  }));
  rows.sort((a, b) => a.name.localeCompare(b.name) || a.year - b.year);
  const byIndicator = Map.groupBy(rows, (r) => r.indicator);
  const charts = [...byIndicator.entries()].filter(([, list]) => list.length >= 2).map(([indicator, list]) =>
    chartFigure(`trajectory-${indicator}`, withUnit(list[0].name, list[0].unit),
      barConfig(list.map((o) => String(o.year)), [{ label: list[0].unit || list[0].name, data: list.map((o) => o.value) }],
        { yTitle: list[0].unit }),
      { columns: [{ key: 'year', label: t('year') }, { key: 'value', label: withUnit(t('value'), list[0].unit),
        numeric: true, format: (v) => formatNumber(v) }, { key: 'source', label: t('source'), format: (v) => sourceLink(v) }],
      rows: list }, { height: 220 }));
  const table = dataTable('observations', [
    { key: 'name', label: t('indicator') }, { key: 'year', label: t('year'), numeric: true },
    { key: 'value', label: t('value'), numeric: true, format: (v) => formatNumber(v) },
    { key: 'unit', label: t('unit') }, { key: 'source', label: t('source'), format: (v) => sourceLink(v) },
    { key: 'note', label: t('note') },
  ], rows, t('trajectories'));
  return section('trajectories', t('trajectories'), h('div', { class: 'grid' }, charts), table);
}

async function reloadInitiatives(id) {
  const town = await api.territory(id);
  document.getElementById('initiatives').replaceWith(initiativesSection(town));
}

async function reloadTrajectories(id, units) {
  const town = await api.territory(id);
  document.getElementById('trajectories').replaceWith(trajectorySection(town, units));
}

function evaluationSection({ value, error }, town, units) {
  if (error) return section('evaluation', t('evaluation'), unavailable(error));
  const { years, domains, systemic } = value.scores ?? value;
  // The radar spans the domains scored in some year; those never scored are named under it, not drawn as 0.
  const ids = Object.keys(domains).filter((d) => years.some((y) => domains[d].years[String(y)]?.score != null));
  const unscored = Object.keys(domains).filter((d) => !ids.includes(d));
  const scored = systemic.filter((s) => s.choquet !== null);
  const last = scored.at(-1)?.year ?? years.at(-1);
  const first = scored[0]?.year;
  const scoreOf = (d, y) => domains[d].years[String(y)]?.score ?? null;
  const radarSets = [{ label: String(last), data: ids.map((d) => scoreOf(d, last)) }];
  if (first !== undefined && first !== last) radarSets.push({ label: String(first), data: ids.map((d) => scoreOf(d, first)) });
  const radarRows = ids.map((d) => ({ domain: domainLabel(d), id: d, ...Object.fromEntries(years.map((y) => [y, scoreOf(d, y)])) }));
  // A radar needs three axes; with fewer scored domains the scores are bars.
  const domainChart = ids.length >= 3 ? radarConfig(ids.map(domainLabel), radarSets)
    : barConfig(ids.map(domainLabel), radarSets, { horizontal: true, max: 1 });
  const radar = chartFigure('radar', `${t('radar')} (${last})`, domainChart, {
    columns: [{ key: 'domain', label: t('domain') },
      ...years.map((y) => ({ key: y, label: String(y), numeric: true, format: (v) => formatNumber(v, 3) }))],
    rows: radarRows,
  }, { height: ids.length >= 3 ? 380 : 90 + 44 * ids.length });
  const systemicColumns = [
    { key: 'year', label: t('year') },
    { key: 'choquet', label: t('choquet'), numeric: true, format: (v) => formatNumber(v, 3) },
    { key: 'standalone_sum', label: t('standalone_sum'), numeric: true, format: (v) => formatNumber(v, 3) },
    { key: 'surplus', label: t('surplus'), numeric: true, format: (v) => formatNumber(v, 3) },
    { key: 'weighted_sum', label: t('weighted_sum'), numeric: true, format: (v) => formatNumber(v, 3) },
    { key: 'balance', label: t('balance'), numeric: true, format: (v) => formatNumber(v, 3) },
    { key: 'missing', label: t('missing'), format: (v) => (v?.length ? v.map(domainLabel).join(', ') : '—') },
  ];
  const yearsLabels = systemic.map((s) => String(s.year));
  // Years drawn empty, and the domains each lacks (an empty slot is not a score of zero).
  const gaps = systemic.filter((s) => s.choquet === null);
  const unscoredYears = gaps.length ? `${t('no_systemic_years')}: ${gaps.map((s) =>
    `${s.year} (${(s.missing ?? []).map(domainLabel).join(', ')})`).join('; ')}.` : null;
  // The Choquet integral is the stand-alone sum plus the systemic surplus; beside it the Shapley-weighted sum.
  const aggregate = () => chartFigure('aggregate', `${t('choquet')}, ${t('standalone_sum').toLowerCase()}, ${t('weighted_sum')}`,
    barConfig(yearsLabels, [{ label: t('choquet'), data: systemic.map((s) => s.choquet) },
      { label: t('standalone_sum'), data: systemic.map((s) => s.standalone_sum ?? null) },
      { label: t('weighted_sum'), data: systemic.map((s) => s.weighted_sum) }], { max: 1 }),
    { columns: systemicColumns, rows: systemic }, { note: unscoredYears });
  const surplusSets = [{ label: t('surplus'), data: systemic.map((s) => s.surplus) }];
  if (systemic.some((s) => s.balance !== undefined)) surplusSets.push({ label: t('balance'), data: systemic.map((s) => s.balance ?? null) });
  const surplus = () => chartFigure('surplus', `${t('surplus')} ${t('and')} ${t('balance').toLowerCase()} ${t('over_years')}`,
    barConfig(yearsLabels, surplusSets), { columns: systemicColumns, rows: systemic },
    { note: t('surplus_note') });
  // Each domain's score over the years (a gap: a year without observations).
  const trajectories = chartFigure('domains', t('domain_trajectories'),
    // (clip: false, so a score of exactly 1 is drawn whole on the top edge.)
    lineConfig(years.map(String), ids.map((d) => ({ label: domainLabel(d), data: years.map((y) => scoreOf(d, y)), clip: false })),
      { min: 0, max: 1 }),
    { columns: [{ key: 'domain', label: t('domain') },
      ...years.map((y) => ({ key: y, label: String(y), numeric: true, format: (v) => formatNumber(v, 3) }))],
    rows: radarRows }, { height: 300 });
  // Each domain without a score, and in plain words what is missing for it.
  const why = missingFigure(town, units, domains);
  const note = unscored.length ? h('div', { class: 'notice', id: 'unscored' }, h('strong', {}, t('unscored_title')),
    h('ul', {}, unscored.map((d) => h('li', { 'data-domain': d }, `${domainLabel(d)}: ${why(d)}`)))) : null;
  // No year with a systemic score: say which domains the capacity misses and why, rather than two empty charts.
  const systemicCharts = scored.length ? [aggregate(), surplus()]
    : [h('div', { class: 'notice', id: 'no-systemic' }, h('strong', {}, t('no_systemic')),
      h('ul', {}, systemic.map((s) => h('li', {}, `${s.year}: ${t('missing')} ${(s.missing ?? []).map((d) =>
        `${domainLabel(d)} (${domains[d]?.declared ? t('no_year_yet') : why(d)})`).join('; ') || '—'}`))))];
  return section('evaluation', t('evaluation'), h('div', { class: 'grid wide' }, radar, systemicCharts, trajectories), note,
    absentList(value.absent?.filter((a) => !/référentiel|posture/i.test(a.section)) ?? []));
}

// The store's indicator domains are ids or aliases of the taxonomy's (src/evaluate/domains.json, mirrored here
// for display only): which taxonomy domain an observed indicator belongs to.
const domainAliases = {
  energie: 'energy', housing: 'building_housing', building: 'building_housing', logement: 'building_housing',
  food: 'food_agriculture', agriculture: 'food_agriculture', alimentation: 'food_agriculture',
  nature: 'nature_green_belts', green_belts: 'nature_green_belts', biodiversity: 'nature_green_belts',
  transport: 'mobility', circular_economy: 'economy', jobs: 'economy', participation: 'participation_governance',
  governance: 'participation_governance', heritage: 'heritage_culture', culture: 'heritage_culture',
  social: 'social_cohesion', solidarity: 'social_cohesion',
};

// domain → why it has no score: nothing observed in it, or the indicators observed with no reference to score
// them against (the evaluation names them as left out or not evaluated).
function missingFigure(town, units, domains) {
  const observed = new Map();
  for (const o of town.observations ?? []) {
    if (o.kind && o.kind !== 'result') continue;
    const raw = units[o.indicator]?.domain;
    const domain = domains[raw] ? raw : domainAliases[raw];
    if (!domain) continue;
    if (!observed.has(domain)) observed.set(domain, new Set());
    observed.get(domain).add(units[o.indicator]?.name ?? o.indicator);
  }
  return (domain) => (observed.has(domain) ? t('observed_unscored')([...observed.get(domain)].join(', '))
    : t('nothing_observed'));
}

// Sources: the addresses stored with the figures shown (each figure's own link is in its table), then how the
// evaluation was computed and what it left out (its notes).
function sourcesSection(town, evaluation) {
  const counts = new Map();
  for (const o of [...(town.observations ?? []), ...(town.initiatives ?? [])]) {
    if (o.source) counts.set(o.source, (counts.get(o.source) ?? 0) + 1);
  }
  const rows = [...counts.entries()].map(([source, figures]) => ({ source, figures }))
    .sort((a, b) => b.figures - a.figures || a.source.localeCompare(b.source));
  const notes = evaluation?.notes ?? [];
  return section('sources', t('sources'),
    rows.length ? dataTable('sources', [{ key: 'source', label: t('source'), format: (v) => sourceLink(v, true) },
      { key: 'figures', label: t('figures'), numeric: true }], rows, t('sources')) : h('p', { class: 'muted' }, t('no_sources')),
    notes.length ? h('details', { class: 'notes' }, h('summary', {}, t('method_notes')), h('ul', {}, notes.map((n) => h('li', {}, n)))) : null);
}


// The référentiel (ADEME label lens): each axis's réalisé share of its personalised potential, and the stars.
function referentielSection({ value, error }, evaluation) {
  if (!value) {
    const absent = evaluation?.absent?.filter((a) => /référentiel/i.test(a.section)) ?? [];
    return section('referentiel', t('referentiel'), absent.length ? absentList(absent) : unavailable(error));
  }
  const axes = value.axes ?? [];
  const share = (a) => (a.realise_pct !== undefined ? (a.concerne === false ? null : a.realise_pct / 100)
    : a.max ? a.score / a.max : a.score ?? null);
  const rows = axes.map((a) => ({ ...a, label: a.name ? `${a.id} ${a.name}` : a.id, share: share(a) }));
  const figure = chartFigure('referentiel', `${t('referentiel')} ${value.referentiel ?? ''}: ${t('realise_share')}`,
    barConfig(rows.map((r) => wrap(r.label, 30)), [{ label: t('realise_share'), data: rows.map((r) => r.share) }], { horizontal: true, max: 1 }),
    { columns: [{ key: 'id', label: t('id') }, { key: 'name', label: t('name') },
      { key: 'share', label: t('realise_share'), numeric: true, format: (v) => (v == null ? '—' : `${formatNumber(100 * v, 1)} %`) },
      { key: 'potential', label: t('potential'), numeric: true, format: (v) => formatNumber(v, 1) }], rows },
    { height: 60 + 40 * rows.length });
  const stars = value.label?.stars ?? value.stars;
  const total = value.total?.realise_pct;
  return section('referentiel', t('referentiel'),
    stars !== undefined ? h('p', { class: 'stars', 'aria-label': `${stars} / 5` }, '★'.repeat(stars) + '☆'.repeat(Math.max(0, 5 - stars)),
      h('span', { class: 'muted' }, ` ${stars} ${t('stars')}${total !== undefined ? ` · ${t('total')} ${formatNumber(total, 1)} % ${t('realise')}` : ''}`)) : null,
    figure);
}

// The town's domain scores beside the peers' mean (or median when the API gives only that).
function peersSection({ value, error }, memberOf) {
  if (error) return section('peers', t('peers'), unavailable(error));
  const domains = value.domains ?? [];
  const reference = domains.some((d) => d.mean !== undefined) ? 'mean' : 'median';
  const refLabel = reference === 'mean' ? t('peers_mean') : t('median');
  // Domains with neither a score of the town nor of its peers are named under the chart, not drawn empty.
  const rows = domains.filter((d) => d.score != null || d[reference] != null).map((d) => ({ ...d, label: domainLabel(d.domain) }));
  const empty = domains.filter((d) => d.score == null && d[reference] == null).map((d) => domainLabel(d.domain));
  // Without any peer value the peers' series is left out (a legend entry for bars that are not there reads
  // as a mean of zero) and the sentence below says why.
  const peersDrawn = rows.some((r) => r[reference] != null);
  const figure = chartFigure('peers', t('peers'),
    barConfig(rows.map((r) => wrap(r.label, 22)), [
      { label: t('this_town'), data: rows.map((r) => r.score) },
      ...(peersDrawn ? [{ label: refLabel, data: rows.map((r) => r[reference] ?? null) }] : [])], { horizontal: true, max: 1 }),
    { columns: [{ key: 'label', label: t('domain') },
      { key: 'score', label: t('this_town'), numeric: true, format: (v) => formatNumber(v, 3) },
      { key: reference, label: refLabel, numeric: true, format: (v) => formatNumber(v, 3) },
      { key: 'rank', label: t('rank'), numeric: true }, { key: 'compared', label: 'n', numeric: true }], rows },
    { height: 80 + 44 * rows.length });
  const withData = (value.peers ?? []).filter((p) => p.has_data).length;
  return section('peers', t('peers'),
    h('p', {}, `${t('band')}: ${value.band} · ${t('area')}: ${memberOf.find((m) => m.id === value.area)?.name ?? value.area} · ${t('peers_count')((value.peers ?? []).length, formatNumber(value.candidates, 0), withData)}`),
    figure, peersDrawn ? null : h('p', { class: 'muted', id: 'peers-no-data' }, t('peers_no_data')), empty.length ? h('p', { class: 'muted' }, `${t('no_data')}: ${empty.join(', ')}`) : null);
}

const withUnit = (text, unit) => (unit ? `${text} (${unit})` : text);

function initiativesSection(town) {
  if (offline && !(town.initiatives ?? []).length) return null;
  return section('initiatives', t('initiatives'), dataTable('initiatives', [
    { key: 'title', label: t('title') }, { key: 'domain', label: t('domain'), format: domainLabel },
    { key: 'start_year', label: t('start_year'), numeric: true }, { key: 'involvement', label: t('involvement') },
    { key: 'status', label: t('status') }, { key: 'source', label: t('source'), format: (v) => sourceLink(v) },
  ], town.initiatives ?? [], t('initiatives')));
}
