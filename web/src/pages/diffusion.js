import { api } from '../api.js';
import { chartFigure, lineConfig, palette } from '../charts.js';
import { h, section } from '../dom.js';
import { formatNumber, t } from '../i18n.js';
import { dataTable } from '../table.js';
import { settle, unavailable } from './common.js';
import { pendingNeeds } from './pending.js';

const channels = ['concentric', 'long-range', 'all'];

// Diffusion: the same recipe spread from a seed town over each channel of the networks of places (jobs on
// the server), the mean adoption curves compared, each with its 95% interval across replicas.
export function diffusionPage() {
  document.title = `${t('diffusion')} — duckweed`;
  const params = new URLSearchParams(location.search);
  const seed = h('input', { id: 'diffusion-seed', value: params.get('seed') ?? 'Loos-en-Gohelle', required: true });
  const beta = h('input', { id: 'diffusion-beta', type: 'number', step: '0.05', min: '0', max: '1', value: params.get('beta') ?? '0.2' });
  const replicas = h('input', { id: 'diffusion-replicas', type: 'number', min: '1', max: '10000', value: params.get('replicas') ?? '100' });
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { id: 'diffusion-results' });
  const form = h('form', { class: 'entry inline' },
    h('div', { class: 'field' }, h('label', { for: seed.id }, t('seed_town')), seed),
    h('div', { class: 'field' }, h('label', { for: beta.id }, 'β (SI)'), beta),
    h('div', { class: 'field' }, h('label', { for: replicas.id }, t('replicas')), replicas),
    h('button', { type: 'submit' }, t('run')), status);
  const start = async () => {
    const run = { model: 'si', beta: Number(beta.value), replicas: Number(replicas.value), seed: 1,
      seed_names: [seed.value.trim()] };
    // The address says what was run, so a result can be shared.
    history.replaceState(null, '', `/diffusion?seed=${encodeURIComponent(run.seed_names[0])}&beta=${run.beta}&replicas=${run.replicas}`);
    results.replaceChildren(await compare(run, status));
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    start();
  });
  // The page runs what its address names (a shared result); else it waits for the form.
  if (params.has('seed')) start();
  return [h('header', { class: 'page-head' }, h('h1', {}, t('diffusion')), h('p', { class: 'lede' }, t('diffusion_lede'))),
    section('diffusion-run', t('channels'), form, results),
    section('diffusion-map', t('adoption'), pendingNeeds('diffusion_map'))];
}

// One job per channel, one after the other (the server bounds the jobs running at once). A channel whose job
// fails is named with the server's reason; the others are still compared.
async function compare(run, status) {
  status.textContent = t('loading');
  const records = [];
  const failed = [];
  for (const channel of channels) {
    const submitted = await settle(api.submitDiffusion({ ...run, channel }));
    if (submitted.error) {
      status.textContent = '';
      return unavailable(submitted.error);
    }
    const done = await poll(submitted.value.id, (job) => {
      status.textContent = `${channel}: ${job.state} ${Math.round(100 * (job.progress ?? 0))}%`;
    });
    if (done.state === 'done') records.push({ channel, record: done.result });
    else failed.push({ channel, state: done.state, error: done.error?.message ?? done.error ?? '' });
  }
  status.textContent = '';
  const failures = failed.length ? h('div', { class: 'notice', id: 'diffusion-failed' }, h('ul', {},
    failed.map((f) => h('li', { 'data-channel': f.channel }, `${f.channel}: ${f.state} — ${f.error}`)))) : null;
  return h('div', {}, records.length ? curves(records) : null, failures, records.length ? reachTable(records) : null);
}

async function poll(jobId, onProgress) {
  for (;;) {
    const job = await api.job(jobId);
    onProgress(job);
    if (job.state !== 'running' && job.state !== 'queued') return job;
    await new Promise((r) => setTimeout(r, 300));
  }
}

// Mean adopters per step for each channel, with its interval (low..high across replicas) as a band.
function curves(records) {
  const steps = Math.max(...records.map((r) => r.record.curve.length));
  const labels = Array.from({ length: steps }, (_, i) => String(i));
  const datasets = records.flatMap(({ channel, record }, i) => {
    const color = palette[i % palette.length];
    const at = (key) => labels.map((_, s) => record.curve[Math.min(s, record.curve.length - 1)][key]);
    return [
      { label: `${channel}: ${t('interval')} (low)`, data: at('low'), borderColor: 'transparent', backgroundColor: `${color}22`, pointRadius: 0, fill: false },
      { label: `${channel}: ${t('interval')} (high)`, data: at('high'), borderColor: 'transparent', backgroundColor: `${color}22`, pointRadius: 0, fill: '-1' },
      { label: channel, data: at('mean'), borderColor: color, backgroundColor: color, pointRadius: 0 },
    ];
  });
  const config = lineConfig(labels, datasets, { yTitle: t('adopters'), min: 0 });
  config.options.plugins.legend.labels.filter = (item) => !item.text.includes('(');
  config.options.scales.x = { title: { display: true, text: t('step') } };
  const rows = records.flatMap(({ channel, record }) => record.curve.map((c) => ({ channel, ...c })));
  return chartFigure('diffusion-curves', `${t('forecast')}: ${t('adopters')}`, config, {
    columns: [{ key: 'channel', label: t('channel') }, { key: 'step', label: t('step'), numeric: true },
      { key: 'mean', label: t('adopters'), numeric: true, format: (v) => formatNumber(v, 1) },
      { key: 'low', label: 'low', numeric: true, format: (v) => formatNumber(v, 1) },
      { key: 'high', label: 'high', numeric: true, format: (v) => formatNumber(v, 1) }],
    rows,
  }, { height: 360 });
}

// Steps to reach 10%, 50%, 90% of the places, by channel.
function reachTable(records) {
  const rows = records.flatMap(({ channel, record }) => (record.reach ?? []).map((r) => ({ channel, ...r })));
  return dataTable('diffusion-reach', [
    { key: 'channel', label: t('channel') },
    { key: 'fraction', label: '%', numeric: true, format: (v) => formatNumber(100 * v, 0) },
    { key: 'replicas_reached', label: t('replicas'), numeric: true },
    { key: 'median_step', label: t('median_step'), numeric: true, format: (v) => formatNumber(v, 1) },
  ], rows, t('reach'));
}
