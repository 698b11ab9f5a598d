// The height of every embed page before training, as a course page that strips the resizing script needs it for the
// iframe's `height`: each /embed/<id>/ of a built site opened in headless Chromium at 800 px wide, hydrated and live,
// its document height read, plus 24 px, rounded up to 50 px. Writes src/reference/embed-heights.json (read by the
// instructors' catalogue, src/reference/catalogue.ts); rerun after a demo gains or loses a view or a panel.
//
//   npx astro build --outDir /tmp/h-dist && node scripts/serve-dist.mjs 4397 /tmp/h-dist &
//   BASE=http://127.0.0.1:4397 node scripts/reference/embed-heights.mjs
import { execSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';

const BASE = process.env.BASE ?? 'http://127.0.0.1:4397';
const DIST = process.env.DIST ?? '/tmp/h-dist';
const ids = readdirSync(`${DIST}/embed`).sort();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 800, height: 900 } });
const heights = {};
for (const id of ids) {
  await page.goto(`${BASE}/embed/${id}/`);
  await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'), null, { timeout: 60_000 });
  await page.waitForFunction(() => !document.querySelector('.lc-live[aria-disabled="true"]'), null, { timeout: 60_000 });
  await page.waitForTimeout(500);
  const h = await page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
  heights[id] = Math.ceil((h + 24) / 50) * 50;
  console.log(id, h, heights[id]);
}
await browser.close();
const commit = execSync('git rev-parse --short HEAD').toString().trim();
const dirty = execSync('git status --porcelain -- src ":!src/reference/embed-heights.json"').toString().trim() !== '';
const out = {
  setup: {
    engineCommit: dirty ? `${commit} (with uncommitted changes under src/)` : commit,
    backend: 'none: nothing trains; the page is measured before training',
    device: 'headless Chromium at 800 × 900 px',
    node: process.version,
    tfjs: 'not used',
    date: new Date().toISOString().slice(0, 10),
    method: 'document height of each embed page, hydrated and live, untrained, plus 24 px, rounded up to 50 px',
  },
  heights,
};
writeFileSync('src/reference/embed-heights.json', `${JSON.stringify(out, null, 2)}\n`);
console.log('wrote src/reference/embed-heights.json');
