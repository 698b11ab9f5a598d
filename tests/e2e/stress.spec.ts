/**
 * Stress: every demo's buttons pressed 50 times as fast as the page can render, several demos on one page, and
 * leaving a page mid-run. Afterwards: one worker (none after leaving), no errors, and the worker's tensor count
 * back to where it started. A hidden tab stops redrawing its charts while training goes on.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { builtPages, watchPage } from './site';
import { demo, statusOf } from './demo';
import { slice } from './full';
import { backToBaseline, expectIdle, hammer, hydrated } from './hammer';
import { shownStep, untilStep, workerTest } from './hooks';

/** Each embed page shows one demo, sweep or gallery (with the demos it compares): together, every demo in the book. */
const embeds = builtPages().filter((p) => p.startsWith('/embed/'));

test('every demo of the book can be hammered: one embed page each', () => {
  expect(embeds.length).toBeGreaterThanOrEqual(29);
});

// Every kind of island is hammered on the fixture page (fixture.spec.ts); here the course CNN at full size, whose
// quick Train/Reset once held the worker for 50 s; every embed page under `npm run test:full`.
for (const path of slice(embeds, (p) => p === '/embed/pool-avg2/', 1)) {
  test(`${path}: start, pause and reset 50 times quickly leave no run, tensor or error behind`, async ({ page }) => {
    const problems = watchPage(page);
    await page.goto(`${path}?test-hooks`);
    await hydrated(page);
    const baseline = (await workerTest(page, 'memory')).numTensors;
    const pressed = await hammer(page, 50);
    // Each round found at least one enabled button to press (Train, or Reset while a start was pending).
    expect(pressed).toBeGreaterThanOrEqual(50);
    await expectIdle(page);
    await backToBaseline(page, baseline);
    expect(page.workers()).toHaveLength(1);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
  });
}

/** Book pages (not embeds) with several demos that train, from the built HTML: each is pressed in turn. */
const crowded = builtPages()
  .filter((p) => !p.startsWith('/embed/'))
  .map((path) => ({ path, trainable: readFileSync(join('dist', path, 'index.html'), 'utf8').split('>Train</button>').length - 1 }))
  .filter((p) => p.trainable >= 2);
const crowdedSlice = slice(crowded, (p) => p.path === '/chapters/loss-accuracy/', 1);

test('there are pages with several demos to press at once', () => {
  expect(crowded.length).toBeGreaterThan(0);
});

for (const { path } of crowdedSlice) {
  test(`${path}: every demo started in turn (each pausing the last), then all reset: no run or tensor left`, async ({ page }) => {
    const problems = watchPage(page);
    await page.goto(`${path}?test-hooks`);
    const trainable = page.locator('[data-demo]').filter({ has: page.getByRole('button', { name: /^Train/ }) });
    const ids = await trainable.evaluateAll((els) => els.map((e) => e.getAttribute('data-demo')!));
    for (const id of ids) await demo(page, id);
    const baseline = (await workerTest(page, 'memory')).numTensors;
    for (const id of ids) {
      const d = page.locator(`[data-demo="${id}"]`);
      await d.getByRole('button', { name: /^Train/ }).click();
      await expect
        .poll(async () => (await shownStep(d)) >= 1 || /^(Done|Stopped)/.test((await statusOf(d).textContent()) ?? ''), { timeout: 60_000 })
        .toBe(true);
    }
    // Every demo but the last was paused by the next one's start (or had already finished).
    for (const id of ids.slice(0, -1)) {
      await expect(statusOf(page.locator(`[data-demo="${id}"]`))).toHaveText(/^(Paused at|Done:|Stopped at)/);
    }
    for (const id of ids) await page.locator(`[data-demo="${id}"]`).getByRole('button', { name: 'Reset' }).click();
    await backToBaseline(page, baseline);
    expect(page.workers()).toHaveLength(1);
    expect(problems.consoleErrors).toEqual([]);
  });
}

test('leaving a page mid-run ends its worker, with no error', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('/chapters/learning-rate/#lr-stuck:it=100000');
  const d = await demo(page);
  await d.getByRole('button', { name: /^Train/ }).click();
  await untilStep(d, 20);
  const [worker] = page.workers();
  const closed = new Promise<void>((resolve) => worker.once('close', () => resolve()));
  await page.goto('/chapters/how-to-use/');
  await closed;
  expect(page.workers()).toHaveLength(0);
  await page.goBack();
  const again = await demo(page);
  await expect(statusOf(again)).toHaveText(/^(Ready\. Press Train to start\.|Iteration|Paused|Stopped)/);
  expect(problems.consoleErrors).toEqual([]);
});

test('a hidden tab stops redrawing charts while training goes on, and catches up when shown', async ({ page }) => {
  await page.goto('/chapters/learning-rate/#lr-stuck:it=100000');
  const d = await demo(page);
  const chart = d
    .locator('figure')
    .filter({ has: page.getByRole('heading', { name: 'Cost', exact: true }) })
    .locator('.lc-figure__chart');
  await d.getByRole('button', { name: /^Train/ }).click();
  await untilStep(d, 50);
  await expect(chart.locator('svg').first()).toBeAttached();
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  // Count chart redraws from here on (each replaces the chart's root node).
  await page.evaluate(() => {
    const holder = document.querySelector('[data-demo="lr-stuck"] .lc-figure__chart')!;
    (window as unknown as { redraws: number }).redraws = 0;
    new MutationObserver(() => (window as unknown as { redraws: number }).redraws++).observe(holder, { childList: true });
  });
  await setHidden(true);
  const redraws = () => page.evaluate(() => (window as unknown as { redraws: number }).redraws);
  const hiddenAt = await shownStep(d);
  const start = await redraws();
  await untilStep(d, hiddenAt + 300); // training goes on: the status line still counts
  expect(await redraws()).toBe(start);
  await setHidden(false);
  await expect.poll(redraws).toBeGreaterThan(start);
  await d.getByRole('button', { name: 'Pause' }).click();
});
