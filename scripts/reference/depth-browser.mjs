// Reference runs for the chapter "Accuracy went up when I removed layers?", measured the way a reader runs them:
// the built page in headless Chromium, each demo set through its URL hash, trained to the end with the engine's
// default backend there (WebGL; on a machine without a GPU that is SwiftShader), then the loss and accuracy
// "Show data" tables and the status line read back. One JSON line per run is appended to LOG.
//
//   node scripts/serve-dist.mjs 4344 dist &
//   BASE=http://127.0.0.1:4344 LOG=/tmp/depth-browser.log node scripts/reference/depth-browser.mjs 'depth-cnn:ep=20' 'depth-gap:ep=20&aug=s2f'
import { appendFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE ?? 'http://127.0.0.1:4344';
const LOG = process.env.LOG ?? '/tmp/depth-browser.log';
const runs = process.argv.slice(2);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--enable-unsafe-webgpu'],
});
for (const run of runs) {
  const [id] = run.split(':');
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${BASE}/chapters/depth/#${run}`);
  const d = page.locator(`[data-demo="${id}"]`);
  await d.scrollIntoViewIfNeeded();
  await page.waitForFunction((demo) => !document.querySelector(`astro-island[ssr] [data-demo="${demo}"]`), id);
  const started = Date.now();
  await d.getByRole('button', { name: /^Train/ }).click();
  await page.waitForFunction(
    (demo) => /^Done:/.test(document.querySelector(`[data-demo="${demo}"] [role=status]`)?.textContent ?? ''),
    id,
    { timeout: 3_600_000, polling: 2000 },
  );
  const wall = (Date.now() - started) / 1000;
  const table = async (heading) => {
    const fig = d.locator('figure').filter({ has: page.getByRole('heading', { name: heading }) });
    await fig.getByRole('button', { name: 'Show data' }).click();
    const t = fig.getByRole('table');
    const headers = await t.locator('thead th').allTextContents();
    const rows = await t.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    return { headers, rows };
  };
  const loss = await table(/^Loss/);
  const accuracy = await table(/^Accuracy/);
  const status = await d.getByRole('status').first().textContent();
  const notice = (await d.locator('.lc-status__notice').count()) ? await d.locator('.lc-status__notice').textContent() : '';
  const badge = await d.locator('.lc-badge').first().getAttribute('title');
  appendFileSync(LOG, `${JSON.stringify({ run, wall, status, notice, badge, loss, accuracy, errors })}\n`);
  console.log(run, wall.toFixed(0), 's', status);
  await page.close();
}
await browser.close();
