import { adoptionMap } from '../adoption_map.js';
import { api } from '../api.js';
import { barConfig, chartFigure, lineConfig, palette } from '../charts.js';
import { h, section } from '../dom.js';
import { addLabels, formatNumber, t } from '../i18n.js';
import { dataTable } from '../table.js';
import { settle, unavailable } from './common.js';

addLabels({
  fr: {
    observed_lede: 'Quand les communes ont rejoint la Convention des maires (JRC 2024) : chaque point, un signataire, affiché à partir de son année d’adhésion.',
    country: 'Pays', all_countries: 'Tous les pays', play: 'Animer', pause: 'Pause', members_by: 'signataires fin', joined_that_year: 'adhésion cette année-là',
    joined_before: 'adhésion antérieure', places_of_country: 'communes du pays', joined: 'Adhésions', cumulative: 'Cumul',
    joined_per_year: 'Adhésions par année', forecast_lede: 'Le modèle de risque calibré sur les dates d’adhésion observées, lancé depuis les signataires observés jusqu’à l’année d’ajustement (ou depuis les communes nommées) sur chaque canal : par proximité seule (cercles concentriques) ou par tous les réseaux. Moyenne et intervalle à 90 % (quantiles 5 et 95 % des réplications), en années civiles.',
    seed_towns: 'Communes de départ', observed_members: 'signataires observés', observed_start: (o) => `Départ : les ${o.members} signataires de ${o.network} des pays de ces communes ayant adhéré en ${o.up_to} ou avant, placés sur ${o.seeds} communes (${o.by_territory} par leur code, ${o.by_coordinates} à moins de 5 km).`,
    cancel: 'Annuler', cancelled: 'annulé', job_progress: 'Avancement du travail',
    forecast_chart: 'Communes adoptantes par année, moyenne et intervalle à 90 %', from_year: 'Première année', until_year: 'Dernière année',
    reach_year: 'Année d’atteinte (médiane)', lo: '5 %', hi: '95 %', target: 'Communes', steps_lede: 'Le même modèle SI en étapes de simulation, canal par canal (travaux longs du serveur).',
    channel_concentric: 'cercles concentriques', 'channel_long-range': 'longue distance', channel_all: 'tous les réseaux', channel_institutional: 'institutionnel',
    steps: 'Monte Carlo en étapes',
    diffusion_page_lede: 'Comment une démarche se diffuse : l’adhésion observée à un réseau année par année, la prévision calibrée sur ces dates par canal, et le modèle SI en étapes.',
  },
  en: {
    observed_lede: 'When towns joined the Covenant of Mayors (JRC 2024): one dot per signatory, shown from its join year on.',
    country: 'Country', all_countries: 'All countries', play: 'Play', pause: 'Pause', members_by: 'signatories by the end of', joined_that_year: 'joined that year',
    joined_before: 'joined before', places_of_country: 'the country’s places', joined: 'Joined', cumulative: 'Cumulative',
    joined_per_year: 'Joins per year', forecast_lede: 'The hazard model calibrated on the observed join dates, run from the signatories observed up to its fit year (or from the towns named) over each channel: by proximity alone (concentric circles) or through every network. Mean and 90% interval (5% and 95% quantiles over replicas), in calendar years.',
    seed_towns: 'Starting towns', observed_members: 'observed signatories', observed_start: (o) => `Start: the ${o.members} signatories of ${o.network} in these towns' countries joined in ${o.up_to} or before, placed on ${o.seeds} towns (${o.by_territory} by their code, ${o.by_coordinates} within 5 km).`,
    cancel: 'Cancel', cancelled: 'cancelled', job_progress: 'Job progress',
    forecast_chart: 'Adopting towns per year, mean and 90% interval', from_year: 'First year', until_year: 'Last year',
    reach_year: 'Year reached (median)', lo: '5%', hi: '95%', target: 'Towns', steps_lede: 'The same SI model in simulation steps, channel by channel (server jobs).',
    channel_concentric: 'concentric circles', 'channel_long-range': 'long range', channel_all: 'all networks', channel_institutional: 'institutional',
    steps: 'Monte Carlo in steps',
    diffusion_page_lede: 'How an approach spreads: observed membership of a network year by year, the forecast calibrated on those dates by channel, and the SI model in steps.',
  },
});

const channels = ['concentric', 'long-range', 'all'];
const network = 'Covenant of Mayors';
const channelLabel = (c) => t(`channel_${c}`);

// Diffusion: observed adoption by year on a map (animated), the calibrated forecast over the channels in
// calendar years with its 90% interval, and the SI model in steps as server jobs.
export async function diffusionPage() {
  document.title = `${t('diffusion')} — duckweed`;
  const params = new URLSearchParams(location.search);
  const health = await settle(api.health());
  const home = health.value?.default_territory ?? 'fr:62528';
  const town = (await settle(api.territory(home))).value?.territory;
  const country = params.get('country') ?? town?.country ?? 'FR';
  return [h('header', { class: 'page-head' }, h('h1', {}, t('diffusion')), h('p', { class: 'lede' }, t('diffusion_page_lede'))),
    section('diffusion-map', t('adoption'), h('p', { class: 'lede' }, t('observed_lede')), await observed(country)),
    section('diffusion-forecast', t('forecast'), h('p', { class: 'lede' }, t('forecast_lede')),
      forecastPanel(params)),
    section('diffusion-run', t('steps'), h('p', { class: 'lede' }, t('steps_lede')), stepsPanel(params))];
}

// The map with its year control and a play button, the joins per year as bars from zero, the members' table.
async function observed(country) {
  const holder = h('div', { id: 'adoption' });
  const draw = async (code) => {
    holder.replaceChildren(h('p', { class: 'loading' }, t('loading')));
    const got = await settle(api.adoptions(network, code));
    if (got.error) {
      holder.replaceChildren(unavailable(got.error));
      return;
    }
    holder.replaceChildren(...adoptionView(got.value, code, draw));
  };
  await draw(country);
  return holder;
}

function adoptionView(adoption, code, redraw) {
  const years = adoption.years;
  const first = years[0]?.year ?? 2008;
  const last = years.at(-1)?.year ?? first;
  const map = adoptionMap('adoption-map', `${network}: ${t('adoption')}`, adoption);
  const slider = h('input', { type: 'range', id: 'adoption-year', min: first, max: last, step: 1, value: last,
    'aria-describedby': 'adoption-year-shown' });
  const shown = h('output', { id: 'adoption-year-shown', for: slider.id });
  const count = h('span', { id: 'adoption-count' });
  const setYear = (year) => {
    slider.value = year;
    const drawn = map.show(year);
    shown.textContent = String(year);
    count.textContent = `${formatNumber(drawn, 0)} ${t('members_by')} ${year}`;
  };
  slider.addEventListener('input', () => setYear(Number(slider.value)));
  let timer = null;
  const play = h('button', { type: 'button', id: 'adoption-play' }, t('play'));
  play.addEventListener('click', () => {
    if (timer) {
      clearInterval(timer);
      timer = null;
      play.textContent = t('play');
      return;
    }
    let year = Number(slider.value) >= last ? first : Number(slider.value);
    setYear(year);
    play.textContent = t('pause');
    timer = setInterval(() => {
      if (!slider.isConnected || year >= last) {
        clearInterval(timer);
        timer = null;
        play.textContent = t('play');
        return;
      }
      year += 1;
      setYear(year);
    }, 700);
  });
  const select = h('select', { id: 'adoption-country' },
    h('option', { value: '' }, t('all_countries')),
    adoption.countries.map((c) => h('option', { value: c.country }, `${c.country} (${c.members})`)));
  select.value = code;
  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('country', select.value);
    history.replaceState(null, '', url);
    redraw(select.value);
  });
  setYear(last);
  const legend = h('ul', { class: 'legend' },
    h('li', {}, h('span', { class: 'swatch' }), t('joined_before')),
    h('li', {}, h('span', { class: 'swatch new' }), t('joined_that_year')),
    adoption.background.length ? h('li', {}, h('span', { class: 'swatch places' }), t('places_of_country')) : null);
  const config = barConfig(years.map((y) => String(y.year)), [{ label: t('joined'), data: years.map((y) => y.joined) }], { yTitle: t('joined') });
  config.options.scales.x.ticks = { autoSkip: true, maxRotation: 0 }; // years skipped rather than overlapping on a phone
  const bars = chartFigure('adoption-years', t('joined_per_year'), config,
    { columns: [{ key: 'year', label: t('year') }, { key: 'joined', label: t('joined'), numeric: true },
      { key: 'cumulative', label: t('cumulative'), numeric: true }], rows: years }, { height: 260 });
  return [h('div', { class: 'year-control' },
    h('label', { for: select.id }, t('country')), select,
    h('label', { for: slider.id }, t('year')), slider, shown, play, count),
  h('div', { class: 'two' }, map.figure(legend), bars),
  h('details', { class: 'behind' }, h('summary', {}, `${t('table')}: ${adoption.adopters.length}`),
    dataTable('adopters', [{ key: 'name', label: t('name') }, { key: 'id', label: t('id') },
      { key: 'year', label: t('year'), numeric: true }, { key: 'channel', label: t('channel') },
      { key: 'latitude', label: 'lat', numeric: true, format: (v) => formatNumber(v, 3) },
      { key: 'longitude', label: 'lon', numeric: true, format: (v) => formatNumber(v, 3) }], adoption.adopters))];
}

// The calibrated forecast: concentric circles against every network, from the members observed up to the
// model's fit year (the server's default), or from the towns named.
function forecastPanel(params) {
  const seedName = params.get('forecast_seed') ?? '';
  const seed = h('input', { id: 'forecast-seed', value: seedName, placeholder: t('observed_members') });
  const from = h('input', { id: 'forecast-from', type: 'number', min: '2000', max: '2100', value: params.get('forecast_from') ?? '2024' });
  const until = h('input', { id: 'forecast-until', type: 'number', min: '2000', max: '2100', value: params.get('forecast_until') ?? '2045' });
  const replicas = h('input', { id: 'forecast-replicas', type: 'number', min: '1', max: '200', value: params.get('forecast_replicas') ?? '50' });
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const results = h('div', { id: 'forecast-results' });
  const form = h('form', { class: 'entry inline', id: 'forecast-form' },
    h('div', { class: 'field' }, h('label', { for: seed.id }, t('seed_towns')), seed),
    h('div', { class: 'field' }, h('label', { for: from.id }, t('from_year')), from),
    h('div', { class: 'field' }, h('label', { for: until.id }, t('until_year')), until),
    h('div', { class: 'field' }, h('label', { for: replicas.id }, t('replicas')), replicas),
    h('button', { type: 'submit' }, t('run')), status);
  const start = async () => {
    const query = { ...(seed.value.trim() ? { seed: seed.value.trim() } : {}), channels: 'concentric,all',
      model: 'distance', from: from.value, until: until.value, replicas: replicas.value, reach: '1,2' };
    // The address says which forecast is shown, so it can be shared (the other sections' parameters kept).
    const url = new URL(location.href);
    for (const [key, value] of [['forecast_seed', query.seed ?? ''], ['forecast_from', query.from], ['forecast_until', query.until],
      ['forecast_replicas', query.replicas]]) {
      if (value) url.searchParams.set(key, value);
      else url.searchParams.delete(key);
    }
    history.replaceState(null, '', url);
    status.textContent = t('loading');
    const got = await settle(api.forecast(query));
    status.textContent = '';
    results.replaceChildren(...(got.error ? [unavailable(got.error)] : forecastView(got.value)));
    results.dataset.query = new URLSearchParams(query).toString();
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    start();
  });
  start();
  return [form, results];
}

function forecastView(forecast) {
  const years = forecast.channels[0].years.map((y) => String(y.year));
  const datasets = forecast.channels.flatMap((c, i) => {
    const color = palette[i % palette.length];
    const name = channelLabel(c.channel);
    return [
      { label: `${name} 5%`, data: c.years.map((y) => y.lo), borderColor: 'transparent', backgroundColor: `${color}26`, pointRadius: 0, fill: false, band: true },
      { label: `${name} 95%`, data: c.years.map((y) => y.hi), borderColor: 'transparent', backgroundColor: `${color}26`, pointRadius: 0, fill: '-1', band: true },
      { label: name, data: c.years.map((y) => y.mean), borderColor: color, backgroundColor: color, pointRadius: 0, channel: c.channel },
    ];
  });
  const config = lineConfig(years, datasets, { yTitle: t('adopters'), min: 0 });
  config.options.plugins.legend.labels.filter = (item) => !config.data.datasets[item.datasetIndex].band;
  const chart = chartFigure('forecast', t('forecast_chart'), config, {
    columns: [{ key: 'channel', label: t('channel'), format: channelLabel }, { key: 'year', label: t('year') },
      { key: 'mean', label: t('mean'), numeric: true, format: (v) => formatNumber(v, 1) },
      { key: 'lo', label: t('lo'), numeric: true }, { key: 'hi', label: t('hi'), numeric: true }],
    rows: forecast.rows,
  }, { height: 340, note: `${forecast.calibrated_model.name}, ${forecast.calibrated_model.fit_years.join('–')}; ${forecast.replicas} ${t('replicas').toLowerCase()}` });
  const reach = forecast.channels.flatMap((c) => c.reach.map((r) => ({ channel: c.channel, ...r })));
  const start = forecast.observed_start;
  return [start ? h('p', { id: 'forecast-start', 'data-seeds': start.seeds }, t('observed_start')(start)) : null, chart,
    h('ul', { class: 'sentences', id: 'forecast-sentences' }, forecast.channels.flatMap((c) =>
      c.sentences.map((text) => h('li', {}, h('strong', {}, `${channelLabel(c.channel)}: `), text)))),
    dataTable('forecast-reach', [
      { key: 'channel', label: t('channel'), format: channelLabel },
      { key: 'fraction', label: '%', numeric: true, format: (v) => formatNumber(100 * v, 1) },
      { key: 'target', label: t('target'), numeric: true },
      { key: 'year', label: t('reach_year'), numeric: true }, { key: 'lo', label: t('lo'), numeric: true },
      { key: 'hi', label: t('hi'), numeric: true }], reach, t('reach_year'))];
}

// The SI model in steps, one server job per channel (issue 13's jobs); runs what its address names.
function stepsPanel(params) {
  const seed = h('input', { id: 'diffusion-seed', value: params.get('seed') ?? 'Loos-en-Gohelle', required: true });
  const beta = h('input', { id: 'diffusion-beta', type: 'number', step: '0.05', min: '0', max: '1', value: params.get('beta') ?? '0.2' });
  const replicas = h('input', { id: 'diffusion-replicas', type: 'number', min: '1', max: '10000', value: params.get('replicas') ?? '100' });
  const status = h('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const progress = h('progress', { id: 'diffusion-progress', max: 1, value: 0, 'aria-label': t('job_progress'), hidden: true });
  const cancel = h('button', { type: 'button', id: 'diffusion-cancel', disabled: true }, t('cancel'));
  const results = h('div', { id: 'diffusion-results' });
  const form = h('form', { class: 'entry inline' },
    h('div', { class: 'field' }, h('label', { for: seed.id }, t('seed_town')), seed),
    h('div', { class: 'field' }, h('label', { for: beta.id }, 'β (SI)'), beta),
    h('div', { class: 'field' }, h('label', { for: replicas.id }, t('replicas')), replicas),
    h('button', { type: 'submit' }, t('run')), cancel, progress, status);
  // The job running now; Cancel asks the server to stop it (DELETE), and no further channel is submitted.
  const current = { id: null, cancelled: false };
  cancel.addEventListener('click', async () => {
    current.cancelled = true;
    cancel.disabled = true;
    if (current.id) await settle(api.cancelJob(current.id));
  });
  const start = async () => {
    const run = { model: 'si', beta: Number(beta.value), replicas: Number(replicas.value), seed: 1,
      seed_names: [seed.value.trim()] };
    // The address says what was run, so a result can be shared.
    const url = new URL(location.href);
    url.searchParams.set('seed', run.seed_names[0]);
    url.searchParams.set('beta', run.beta);
    url.searchParams.set('replicas', run.replicas);
    history.replaceState(null, '', url);
    current.cancelled = false;
    delete results.dataset.job;
    progress.value = 0;
    cancel.disabled = false;
    progress.hidden = false;
    results.dataset.state = 'running';
    const view = await compare(run, { status, progress, current, results });
    cancel.disabled = true;
    progress.hidden = true;
    results.replaceChildren(view);
    results.dataset.state = current.cancelled ? 'cancelled' : 'done';
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    start();
  });
  if (params.has('beta')) start();
  return [form, results];
}

// One job per channel, one after the other (the server bounds the jobs running at once). A channel whose job
// fails is named with the server's reason; the others are still compared.
async function compare(run, { status, progress, current, results }) {
  status.textContent = t('loading');
  const records = [];
  const failed = [];
  const jobs = {};
  for (const channel of channels) {
    if (current.cancelled) break;
    const submitted = await settle(api.submitDiffusion({ ...run, channel }));
    if (submitted.error) {
      status.textContent = '';
      return unavailable(submitted.error);
    }
    current.id = submitted.value.id;
    jobs[channel] = current.id;
    results.dataset.job = current.id; // the job running now, for whoever wants to follow it on the API
    const done = await poll(submitted.value.id, (job) => {
      progress.value = job.progress ?? 0;
      status.textContent = `${channelLabel(channel)}: ${job.state === 'cancelled' ? t('cancelled') : job.state} ${Math.round(100 * (job.progress ?? 0))}%`;
    });
    current.id = null;
    if (done.state === 'done') records.push({ channel, record: done.result });
    else failed.push({ channel, state: done.state === 'cancelled' ? t('cancelled') : done.state, error: done.error?.message ?? done.error ?? '' });
  }
  status.textContent = current.cancelled ? t('cancelled') : '';
  results.dataset.jobs = JSON.stringify(jobs);
  const failures = failed.length ? h('div', { class: 'notice', id: 'diffusion-failed' }, h('ul', {},
    failed.map((f) => h('li', { 'data-channel': f.channel }, `${channelLabel(f.channel)}: ${f.state}${f.error ? ` — ${f.error}` : ''}`)))) : null;
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
