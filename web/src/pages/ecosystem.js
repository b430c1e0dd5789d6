import { api } from '../api.js';
import { barConfig, chartFigure, lineConfig, palette, wrap } from '../charts.js';
import { h, section } from '../dom.js';
import { addLabels, currentLang, formatNumber, t } from '../i18n.js';
import { dataTable } from '../table.js';
import { settle, unavailable } from './common.js';

addLabels({
  fr: {
    ecosystem_lede: 'Le modèle de stocks et de flux de l’écosystème local, lancé avec les constantes choisies ; les boucles de rétroaction qui dominent au fil du temps ; les scénarios des cartes cognitives floues.',
    sd_model: 'Modèle de stocks et de flux', reset: 'Valeurs du fichier', stocks_over_time: 'Stocks au fil du temps',
    dominance_chart: 'Score relatif des boucles dominantes (Loops That Matter)', relative_score: 'Score relatif',
    dominant_loop: 'Boucle dominante', from: 'De', to: 'À', polarity: 'Polarité', chain: 'Chaîne causale',
    fcm: 'Scénarios de la carte cognitive', fcm_map: 'Carte', clamp: 'Concept fixé', clamp_value: 'Valeur',
    transfer_fn: 'Fonction de transfert', scenario_chart: 'Écart scénario − référence par concept',
    difference: 'Écart', baseline: 'Référence', scenario: 'Scénario', clamped: 'fixé', time: 'Temps',
    dominance_note: 'Score relatif de chaque boucle dans [−1, 1] : positif quand elle agit en renforcement ; la boucle dominante a la plus grande valeur absolue. Seules les boucles dominantes à un moment sont tracées.',
    fcm_note: 'Même carte lancée deux fois depuis le même état : libre (référence) puis avec le concept fixé (règle de Kosko, comme Mental Modeler).',
    no_models: 'Aucun modèle',
  },
  en: {
    ecosystem_lede: 'The local ecosystem’s stock-and-flow model run with the constants you set; the feedback loops that dominate over time; the fuzzy cognitive maps’ scenarios.',
    sd_model: 'Stock-and-flow model', reset: 'File values', stocks_over_time: 'Stocks over time',
    dominance_chart: 'Relative score of the dominant loops (Loops That Matter)', relative_score: 'Relative score',
    dominant_loop: 'Dominant loop', from: 'From', to: 'To', polarity: 'Polarity', chain: 'Causal chain',
    fcm: 'Cognitive map scenarios', fcm_map: 'Map', clamp: 'Clamped concept', clamp_value: 'Value',
    transfer_fn: 'Transfer function', scenario_chart: 'Scenario − baseline by concept',
    difference: 'Difference', baseline: 'Baseline', scenario: 'Scenario', clamped: 'clamped', time: 'Time',
    dominance_note: 'Each loop’s relative score in [−1, 1]: positive when it acts as reinforcing; the dominant loop has the largest absolute value. Only loops dominant at some time are drawn.',
    fcm_note: 'The same map run twice from the same state: free (baseline), then with the concept clamped (Kosko rule, as Mental Modeler).',
    no_models: 'No model',
  },
});

// A slider's range around the file's value: 0..2v for a positive constant, 2v..0 for a negative one.
function range(value) {
  if (value === 0) return { min: 0, max: 1, step: 0.01 };
  const lo = Math.min(0, 2 * value);
  const hi = Math.max(0, 2 * value);
  return { min: lo, max: hi, step: Number(((hi - lo) / 100).toPrecision(2)) };
}

const label = (name) => name.replaceAll('_', ' ');
// A model time as a label: no thousands separator (2001.25, not 2,001.25).
const timeLabel = (x) => Number(x).toLocaleString(currentLang() === 'fr' ? 'fr-FR' : 'en-GB', { useGrouping: false, maximumFractionDigits: 2 });
// Lines over model time: a few unrotated time ticks, no legend when the title names the one line.
function timeLines(labels, datasets, options) {
  const config = lineConfig(labels, datasets, options);
  config.options.scales.x = { ticks: { autoSkip: true, maxRotation: 0, maxTicksLimit: window.innerWidth < 700 ? 4 : 8 } };
  if (datasets.length === 1) config.options.plugins.legend.display = false;
  return config;
}

// Ecosystem: the SD model with a slider per constant (each change reruns it on the server), its stocks and
// its loop dominance over time; then an FCM scenario.
export async function ecosystemPage() {
  document.title = `${t('ecosystem')} — duckweed`;
  const head = h('header', { class: 'page-head' }, h('h1', {}, t('ecosystem')), h('p', { class: 'lede' }, t('ecosystem_lede')));
  const listed = await settle(api.models());
  if (listed.error) return [head, section('sd', t('sd_model'), unavailable(listed.error))];
  const models = listed.value;
  const sd = models.filter((m) => m.kind === 'sd');
  const fcm = models.filter((m) => m.kind === 'fcm');
  return [head,
    section('sd', t('sd_model'), sd.length ? await sdPanel(sd[0]) : h('p', { class: 'notice' }, t('no_models'))),
    section('fcm', t('fcm'), fcm.length ? fcmPanel(fcm) : h('p', { class: 'notice' }, t('no_models')))];
}

async function sdPanel(model) {
  const constants = {}; // the values set away from the file's
  const results = h('div', { id: 'sd-results', 'aria-live': 'polite' });
  const status = h('p', { class: 'form-status', role: 'status' });
  const sliders = model.constants.map((c, i) => {
    const r = range(c.value);
    const input = h('input', { type: 'range', id: `constant-${i}`, min: r.min, max: r.max, step: r.step, value: c.value,
      'data-constant': c.name, 'aria-describedby': `constant-${i}-value` });
    const shown = h('output', { id: `constant-${i}-value`, for: input.id }, formatNumber(c.value, 4));
    input.addEventListener('input', () => { shown.textContent = formatNumber(Number(input.value), 4); });
    input.addEventListener('change', () => {
      if (Number(input.value) === c.value) delete constants[c.name];
      else constants[c.name] = Number(input.value);
      rerun();
    });
    return h('div', { class: 'slider', title: c.doc || null },
      h('label', { for: input.id }, c.name, c.units ? h('span', { class: 'muted' }, ` (${c.units})`) : null), input, shown);
  });
  const reset = h('button', { type: 'button', onclick: () => {
    for (const s of sliders) {
      const input = s.querySelector('input');
      const c = model.constants.find((k) => k.name === input.dataset.constant);
      input.value = c.value;
      input.dispatchEvent(new Event('input'));
    }
    for (const k of Object.keys(constants)) delete constants[k];
    rerun();
  } }, t('reset'));
  let pending = Promise.resolve();
  const rerun = () => {
    pending = pending.then(async () => {
      status.textContent = t('loading');
      document.body.dataset.running = 'true';
      const run = await settle(api.runModel(model.name, { ...constants }));
      status.textContent = '';
      results.replaceChildren(...(run.error ? [unavailable(run.error)] : sdCharts(model, run.value)));
      results.dataset.constants = JSON.stringify(constants);
      document.body.dataset.running = 'false';
    });
    return pending;
  };
  await rerun();
  return [h('p', { class: 'muted' }, `${model.title} — ${model.start}–${model.stop}, dt ${model.dt} ${model.time_units}`),
    h('details', { class: 'constants', open: true }, h('summary', {}, t('constants')),
      h('div', { class: 'sliders' }, sliders), reset, status),
    results];
}

function sdCharts(model, run) {
  const labels = run.time.map(timeLabel);
  const stocks = (model.stocks ?? []).filter((s) => run.columns[s]);
  const figures = stocks.map((name, i) => chartFigure(`sd-${name}`, name,
    timeLines(labels, [{ label: name, data: run.columns[name], pointRadius: 0, borderColor: palette[i % palette.length] }], {}),
    { columns: [{ key: 'time', label: t('time'), numeric: true, format: timeLabel }, { key: 'value', label: name, numeric: true, format: (v) => formatNumber(v, 3) }],
      rows: run.time.map((time, r) => ({ time, value: run.columns[name][r] })) }, { height: 200 }));
  return [h('h3', {}, t('stocks_over_time')), h('div', { class: 'grid small' }, figures), dominance(run)];
}

// The loops dominant at some time, their relative score over time; the intervals as a table.
function dominance(run) {
  const d = run.dominance;
  if (!d || !d.loops.length) return h('p', { class: 'notice' }, t('no_data'));
  const ids = [...new Set(d.dominant.map((iv) => iv.loop).filter(Boolean))];
  const loops = ids.map((id) => d.loops.find((l) => l.id === id));
  const labels = d.times.map(timeLabel);
  const config = timeLines(labels, loops.map((l, i) => ({ label: l.id, data: l.relative_score, pointRadius: 0,
    borderColor: palette[i % palette.length], borderDash: l.polarity === 'balancing' ? [5, 3] : [] })),
  { yTitle: t('relative_score'), min: -1, max: 1 });
  const rows = d.dominant.map((iv) => {
    const loop = d.loops.find((l) => l.id === iv.loop);
    return { from: iv.from, to: iv.to, loop: iv.loop ?? '—', polarity: loop?.polarity ?? '',
      chain: loop ? [...loop.variables, loop.variables[0]].join(' → ') : '' };
  });
  return h('div', { id: 'dominance' },
    chartFigure('loop-dominance', t('dominance_chart'), config, {
      columns: [{ key: 'time', label: t('time'), numeric: true, format: timeLabel }, ...loops.map((l) => ({ key: l.id, label: l.id, numeric: true, format: (v) => formatNumber(v, 3) }))],
      rows: d.times.map((time, k) => Object.fromEntries([['time', time], ...loops.map((l) => [l.id, l.relative_score[k]])])),
    }, { height: 320, note: t('dominance_note') }),
    dataTable('dominant-loops', [
      { key: 'from', label: t('from'), numeric: true, format: timeLabel },
      { key: 'to', label: t('to'), numeric: true, format: timeLabel },
      { key: 'loop', label: t('dominant_loop') }, { key: 'polarity', label: t('polarity') },
      { key: 'chain', label: t('chain') }], rows, t('dominant_loop')));
}

function fcmPanel(maps) {
  const select = h('select', { id: 'fcm-map' }, maps.map((m) => h('option', { value: m.name }, `${m.name} (${m.title})`)));
  const concept = h('select', { id: 'fcm-clamp' });
  const value = h('input', { id: 'fcm-value', type: 'number', min: '0', max: '1', step: '0.1', value: '1' });
  const transfer = h('select', { id: 'fcm-transfer' }, h('option', { value: 'sigmoid' }, 'sigmoid'), h('option', { value: 'tanh' }, 'tanh'));
  const results = h('div', { id: 'fcm-results' });
  const fillConcepts = () => {
    const map = maps.find((m) => m.name === select.value);
    const names = map.concepts.map((c) => c.name);
    concept.replaceChildren(...names.map((n) => h('option', { value: n }, label(n))));
    if (names.includes('citizen_involvement')) concept.value = 'citizen_involvement';
  };
  select.addEventListener('change', fillConcepts);
  fillConcepts();
  const form = h('form', { class: 'entry inline', id: 'fcm-form' },
    h('div', { class: 'field' }, h('label', { for: select.id }, t('fcm_map')), select),
    h('div', { class: 'field' }, h('label', { for: concept.id }, t('clamp')), concept),
    h('div', { class: 'field' }, h('label', { for: value.id }, t('clamp_value')), value),
    h('div', { class: 'field' }, h('label', { for: transfer.id }, t('transfer_fn')), transfer),
    h('button', { type: 'submit' }, t('run')));
  const scenario = async () => {
    const body = { clamps: { [concept.value]: Number(value.value) }, transfer: transfer.value, keep_sources: true };
    const run = await settle(api.scenario(select.value, body));
    results.replaceChildren(run.error ? unavailable(run.error) : scenarioChart(run.value));
    results.dataset.request = JSON.stringify({ map: select.value, ...body });
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    scenario();
  });
  scenario(); // the page opens on the first map's scenario
  return [h('p', { class: 'muted' }, t('fcm_note')), form, results];
}

// Scenario − baseline per concept as bars from zero (the clamped concept is named, not drawn).
function scenarioChart(result) {
  const rows = result.concepts.filter((c) => !c.clamped);
  const config = barConfig(rows.map((c) => wrap(label(c.concept), 22)), [{ label: t('difference'),
    data: rows.map((c) => c.difference), backgroundColor: rows.map((c) => (c.difference < 0 ? palette[2] : palette[0])) }],
  { yTitle: t('difference'), horizontal: true });
  const clamped = result.concepts.filter((c) => c.clamped).map((c) => `${label(c.concept)} = ${formatNumber(c.scenario, 2)}`);
  return chartFigure('fcm-scenario', t('scenario_chart'), config, {
    columns: [{ key: 'concept', label: t('name'), format: (v, r) => (r.clamped ? `${label(v)} (${t('clamped')})` : label(v)) },
      { key: 'baseline', label: t('baseline'), numeric: true, format: (v) => formatNumber(v, 3) },
      { key: 'scenario', label: t('scenario'), numeric: true, format: (v) => formatNumber(v, 3) },
      { key: 'difference', label: t('difference'), numeric: true, format: (v) => formatNumber(v, 3) }],
    rows: result.concepts,
  }, { height: Math.max(260, 26 * rows.length), note: `${t('clamped')}: ${clamped.join(', ')}` });
}
