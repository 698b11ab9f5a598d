// Reference runs for "Why is my cost stuck at 0.6439?" measured in a browser, per backend: the built page in
// headless Chromium, the demo lr-stuck set through its URL hash to learning rate 1 and a seed, the backend forced with
// ?backend=…, trained to the end (2,500 iterations), then the dead units, the first iteration with ‖dW1‖ = 0 and the
// final cost read back as a reader sees them. Writes src/reference/learning-rate-browser.json with the setup: the
// engine commit, the browser, the backend and renderer the page reported, the date. On a machine without a GPU,
// Chromium's WebGL is SwiftShader (software), which rounds like a GPU driver, not like tfjs' CPU backend.
//
//   npx astro build --outDir /tmp/lr-dist && node scripts/serve-dist.mjs 4396 /tmp/lr-dist &
//   BASE=http://127.0.0.1:4396 node scripts/reference/learning-rate-browser.mjs
import { execSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE ?? 'http://127.0.0.1:4396';
const BACKENDS = (process.env.BACKENDS ?? 'webgl,cpu').split(',');
const SEEDS = (process.env.SEEDS ?? '1,2,3,9').split(',').map(Number);

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const runs = {};
for (const backend of BACKENDS) {
  runs[backend] = {};
  for (const seed of SEEDS) {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${BASE}/embed/lr-stuck/?backend=${backend}#lr-stuck:lr=1&seed=${seed}`);
    const d = page.locator('[data-demo="lr-stuck"]');
    await page.waitForFunction(() => !document.querySelector('astro-island[ssr] [data-demo="lr-stuck"]'));
    await page.waitForFunction(() => !document.querySelector('[data-demo="lr-stuck"] .lc-live[aria-disabled="true"]'));
    const started = Date.now();
    await d.getByRole('button', { name: /^Train/ }).click();
    await page.waitForFunction(
      () => /^Done:/.test(document.querySelector('[data-demo="lr-stuck"] [role=status]')?.textContent ?? ''),
      null,
      { timeout: 1_800_000, polling: 1000 },
    );
    const wall = (Date.now() - started) / 1000;
    const dead = await d.getByTestId('dead-units').textContent();
    const caption = (await d.locator('figcaption').filter({ hasText: 'np.linalg.norm(dW1)' }).allTextContents()).join(' ');
    const cost = d.locator('figure').filter({ has: page.getByRole('heading', { name: 'Cost', exact: true }) });
    await cost.getByRole('button', { name: 'Show data' }).click();
    const headers = await cost.getByRole('table').locator('thead th').allTextContents();
    const last = await cost
      .getByRole('table')
      .locator('tbody tr')
      .last()
      .evaluate((tr) => [...tr.children].map((c) => c.textContent));
    const col = headers.findLastIndex((h) => /train cost/.test(h));
    const badge = (await d.locator('.lc-badge').first().textContent())?.trim();
    const detail = (await d.locator('.lc-badge__detail').first().textContent())?.replace(/^Technical detail: /, '').trim();
    const m = /^(\d+) of (\d+) hidden units dead$/.exec(dead ?? '');
    const zero = /exactly 0 from iteration ([\d,]+)/.exec(caption);
    runs[backend][`seed${seed}`] = {
      deadUnits: m ? Number(m[1]) : null,
      units: m ? Number(m[2]) : null,
      zeroGradFrom: zero ? Number(zero[1].replace(/,/g, '')) : null,
      finalCost: Number(last[col]),
      badge,
      renderer: detail,
      seconds: Math.round(wall),
      errors,
    };
    console.log(backend, seed, JSON.stringify(runs[backend][`seed${seed}`]));
    await page.close();
  }
}
const commit = execSync('git rev-parse --short HEAD').toString().trim();
const dirty =
  execSync('git status --porcelain -- src/engine src/demos/learning-rate.ts scripts/reference/learning-rate-browser.mjs')
    .toString()
    .trim() !== '';
const out = {
  setup: {
    engineCommit: dirty ? `${commit} (with uncommitted changes to the engine or this demo)` : commit,
    node: 'not used: the engine ran in the page',
    tfjs: JSON.parse(readFileSync('node_modules/@tensorflow/tfjs/package.json', 'utf8')).version,
    browser: `Chromium ${browser.version()} (headless)`,
    backend: 'forced per run with ?backend=…; the page reported it in its badge (below, per run)',
    device: 'a 2-core Intel Xeon VM without a GPU: WebGL is SwiftShader (software)',
    date: new Date().toISOString().slice(0, 10),
    spec: 'src/demos/learning-rate.ts lr-stuck at learning rate 1: [784, 7, 1], 209 training images (72 Bag), 50 test, full batch, course init, 2,500 iterations',
    seeds: SEEDS,
  },
  runs,
};
await browser.close();
writeFileSync('src/reference/learning-rate-browser.json', `${JSON.stringify(out, null, 2)}\n`);
console.log('wrote src/reference/learning-rate-browser.json');
