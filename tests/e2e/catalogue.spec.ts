/**
 * The instructor catalogue on "Demos for instructors" (src/components/book/DemoCatalogue.astro): it lists every demo
 * whose embed page the site builds (the registry's demos, sweeps and galleries), renders without console errors, its
 * embed snippet is selectable text that the Copy button puts on the clipboard, the snippet's height fits the embed
 * page before training, and the printable figures are inline SVG with no script.
 */
import { expect, test } from '@playwright/test';
import { demo } from './demo';
import { watchPage } from './site';

const PAGE = '/about/kit/';

test('lists every demo with an embed page, with no console errors', async ({ page, request }) => {
  const problems = watchPage(page);
  const sitemap = await (await request.get('/sitemap-0.xml')).text();
  const embedded = [...sitemap.matchAll(/\/embed\/([^/<]+)\/</g)].map((m) => decodeURIComponent(m[1])).sort();
  expect(embedded.length).toBeGreaterThan(20);
  await page.goto(PAGE);
  const listed = (
    await page.locator('[data-catalogue-id]').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.catalogueId!))
  ).sort();
  expect(listed).toEqual(embedded);
  // Every entry but a gallery says its run size and its time here, measured or "not measured yet".
  const demo = page.locator('[data-catalogue-id="lr-stuck"]');
  await expect(demo).toContainText('2,500 iterations');
  await expect(demo.locator('[data-measured]')).toHaveText(/^(about .+ s per step\)|not measured yet)$/);
  await expect(page.locator('[data-catalogue-id="pool-with"]')).toContainText(/On a GPU\s*estimate: about/);
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
});

test('an embed snippet is selectable and copies to the clipboard', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto(PAGE);
  const entry = page.locator('[data-catalogue-id="lr-explode"]');
  await entry.getByText('Embed code', { exact: true }).click();
  const pre = entry.locator('pre[data-snippet]');
  await expect(pre).toBeVisible();
  expect(await pre.evaluate((el) => getComputedStyle(el).userSelect)).toBe('all');
  const snippet = (await pre.textContent())!;
  expect(snippet).toMatch(/^<iframe src="[^"]+\/embed\/lr-explode\/" title="[^"]+" width="100%" height="\d+"/);
  await entry.getByRole('button', { name: 'Copy embed code' }).click();
  await expect(entry.getByRole('status')).toHaveText('Copied.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
});

for (const id of ['lr-stuck', 'pool-with']) {
  test(`${id}: the snippet's height fits its embed page before training`, async ({ page }) => {
    await page.goto(PAGE);
    const height = Number(/height="(\d+)"/.exec((await page.locator(`pre[data-snippet="${id}"]`).textContent())!)![1]);
    await page.setViewportSize({ width: 800, height: 900 });
    await page.goto(`/embed/${id}/`);
    await demo(page, id);
    // Hydrated and live, the page settles within the iframe's height, with no more than a few hundred px to spare.
    const pageHeight = () => page.evaluate(() => Math.ceil(document.documentElement.getBoundingClientRect().height));
    await expect.poll(pageHeight).toBeGreaterThan(height - 300);
    expect(await pageHeight()).toBeLessThanOrEqual(height);
  });
}

test('printable figures are inline SVG drawn at build time, with no script, and download as SVG', async ({ page }) => {
  await page.goto(PAGE);
  const figures = page.locator('figure[data-print-figure]');
  await expect(figures).toHaveCount(3);
  for (const f of await figures.all()) {
    await expect(f.locator('svg > title')).not.toHaveText('');
    expect(await f.locator('svg script').count()).toBe(0);
    await expect(f.getByRole('link', { name: 'Download SVG' })).toHaveAttribute('href', /^data:image\/svg\+xml/);
  }
  await expect(page.locator('#fig-lr-survey svg rect title')).toHaveCount(41);
});
