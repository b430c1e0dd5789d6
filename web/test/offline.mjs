// The offline pages in a real browser (Debian's chromium via playwright-core): `duckweed evaluate TOWN --out`
// and `duckweed transfer --out` write the dashboard's own pages with their data inlined (report/page.h). Run by
// ctest (web.offline):
//   node web/test/offline.mjs --bin DUCKWEED --out WORK_DIR
// Checks: each page opens from a file without console errors, titled with the town, its charts show the
// inlined values (bars from zero, surplus and membership as computed by hand in the golden cases), nothing is
// fetched; screenshots at 1280 and 390 px go to WORK_DIR/screenshots. Exit 0 when every check passes.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const bin = resolve(arg('bin', join(root, 'build/release/src/cli/duckweed')));
const work = resolve(arg('out', join(root, 'build/web-offline-test')));
const chromiumPath = process.env.CHROMIUM ?? '/usr/bin/chromium';
const inputs = join(root, 'tests/golden/evaluate/cli');

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

// The pages, written by the CLI over the golden cases' inputs (no store: DUCKWEED_DB names none).
function writePages() {
  rmSync(work, { recursive: true, force: true });
  mkdirSync(join(work, 'screenshots'), { recursive: true });
  const env = { ...process.env, DUCKWEED_DB: join(work, 'none.db') };
  const dw = (...args) => execFileSync(bin, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  dw('evaluate', 'Loos', '--out', join(work, 'town'), '--indicators', join(inputs, 'town_indicators.csv'),
    '--observations', join(inputs, 'town_observations.csv'), '--capacity', join(inputs, 'town_capacity.json'),
    '--survey', join(inputs, 'town_survey.csv'));
  dw('transfer', 'Target', '--recipes', join(inputs, 'recipes.json'), '--data', join(inputs, 'calibrated.csv'),
    '--out', join(work, 'transfer'));
}

const inlined = (file) => {
  const text = readFileSync(file, 'utf8');
  return JSON.parse(text.match(/<script type="application\/json" id="duckweed-data">(.*?)<\/script>/s)[1]);
};

// Opens a page file; returns the console errors and the requests made beyond the file itself.
async function open(page, file) {
  const errors = [];
  const requests = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('request', (r) => r.url() !== pathToFileURL(file).href && requests.push(r.url()));
  await page.goto(pathToFileURL(file).href);
  await page.waitForSelector('body[data-ready=true]', { timeout: 20000 });
  await page.waitForTimeout(150); // Chart.js lays out on the next frame
  return { errors, requests };
}

const chart = (page, name) => page.evaluate((n) => {
  const c = window.duckweed.charts[n];
  return c && { labels: c.labels, data: c.datasets.map((d) => d.data), scales: c.scales, valueAxis: c.valueAxis };
}, name);

async function main() {
  writePages();
  const townFile = join(work, 'town', 'index.html');
  const transferFile = join(work, 'transfer', 'index.html');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    for (const width of [1280, 390]) {
      for (const [name, file] of [['town', townFile], ['transfer', transferFile]]) {
        await check(`offline ${name} page at ${width}px: no console error, nothing fetched, nothing wider than the window`, async () => {
          const page = await browser.newPage({ viewport: { width, height: 900 } });
          const { errors, requests } = await open(page, file);
          await page.screenshot({ path: join(work, 'screenshots', `offline-${name}-${width}.png`), fullPage: true });
          assert.deepEqual(errors, []);
          assert.deepEqual(requests, []);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          assert.ok(overflow <= 0, `the page is ${overflow}px wider than the window`);
          await page.close();
        });
      }
    }
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const data = inlined(townFile);
    const evaluation = data.api['/territories/Loos/evaluation'];
    await open(page, townFile);
    await check('the town page is titled with the town and draws the inlined surplus from zero', async () => {
      assert.equal(await page.locator('h1').first().textContent(), 'Loos');
      const surplus = await chart(page, 'surplus');
      assert.deepEqual(surplus.labels, evaluation.scores.systemic.map((s) => String(s.year)));
      assert.deepEqual(surplus.data[0], evaluation.scores.systemic.map((s) => s.surplus));
      assert.ok(surplus.scales.y.min <= 0 && surplus.scales.y.max >= 0, `y ${surplus.scales.y.min}..${surplus.scales.y.max}`);
      // 2011 by hand (golden case evaluate_report_is_the_town_page): Choquet 0.629167.
      const aggregate = await chart(page, 'aggregate');
      assert.ok(Math.abs(aggregate.data[0][aggregate.labels.indexOf('2011')] - 0.6291667) < 1e-6);
    });
    await check('every bar chart of the town page starts at zero', async () => {
      const axes = await page.evaluate(() => Object.entries(window.duckweed.charts).filter(([, c]) => c.type === 'bar')
        .map(([name, c]) => [name, c.scales[c.valueAxis]]));
      assert.ok(axes.length >= 3, `${axes.length} bar charts`);
      for (const [name, axis] of axes) assert.ok(axis.min <= 0 && axis.max >= 0, `${name}: ${axis.min}..${axis.max}`);
    });
    await check('the radar names each scored domain without "(n/a)" and the postures show the survey\'s means', async () => {
      const radar = await chart(page, 'radar');
      assert.ok(radar.labels.flat().every((l) => !/n\/a/.test(l)), radar.labels.join(' | '));
      const postures = await chart(page, 'postures');
      const last = Math.max(...evaluation.postures.map((c) => c.year));
      assert.deepEqual(postures.data[0], evaluation.postures.filter((c) => c.year === last).map((c) => c.mean));
    });
    await check('absent sections say why and how (référentiel)', async () => {
      const text = await page.locator('#referentiel').textContent();
      assert.match(text, /--actions/);
    });
    await check('the transfer sheet draws the membership in each recipe (min(0.4, 1 - 0.7, 0.6) = 0.3)', async () => {
      await open(page, transferFile);
      const membership = await chart(page, 'membership');
      assert.equal(membership.data[0].length, 1);
      assert.ok(Math.abs(membership.data[0][0] - 0.3) < 1e-9, String(membership.data[0][0]));
      assert.ok(membership.scales.x.min <= 0);
      assert.equal(await page.locator('[data-table=exemplars-0] tbody td').first().textContent(), 'Loos');
    });
    await check('the offline town page prints as a one-page A4 dossier', async () => {
      await open(page, townFile);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length;
      assert.equal(pages, 1, `${pages} pages`);
    });
    await page.close();
  } finally {
    await browser.close();
  }
}

main().then(() => {
  console.log(failures.length ? `${failures.length} check(s) failed` : 'all checks passed');
  console.log(`screenshots: ${join(work, 'screenshots')}`);
  process.exit(failures.length ? 1 : 0);
}, (error) => {
  console.error(`offline web test: ${error.stack ?? error}`);
  process.exit(1);
});
