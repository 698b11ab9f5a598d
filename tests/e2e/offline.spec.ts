/**
 * Offline: after one visit (the service worker has kept the build, a demo has downloaded its data), a chapter
 * reloads with no network, says it is offline, and its demo trains from the data already downloaded; back
 * online, the notice goes. A visit also fetches the data of the page's other demos ahead, so one never trained
 * trains offline too. A new build's service worker replaces the old build's cache.
 */
import { expect, test } from '@playwright/test';
import { demo, statusOf, trainToEnd } from './demo';
import { watchPage } from './site';

test.use({ serviceWorkers: 'allow' });

const CHAPTER = '/chapters/learning-rate/';

test('a visited chapter opens and trains offline, and says it is offline', async ({ page, context }) => {
  const problems = watchPage(page);
  await page.goto(`${CHAPTER}#lr-stuck:it=5`);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  await expect(page.locator('#lc-offline-notice')).toHaveCount(0);
  await trainToEnd(await demo(page));

  await context.setOffline(true);
  const offline: string[] = [];
  page.on('requestfailed', (r) => offline.push(r.url()));
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker()).toBe(true);
  await expect(page.locator('h1').first()).toHaveText(/Why is my cost stuck/);
  // Really offline: what the service worker does not keep cannot be fetched.
  expect(
    await page.evaluate(() =>
      fetch('/sitemap-index.xml', { cache: 'no-store' }).then(
        () => 'fetched',
        () => 'failed',
      ),
    ),
  ).toBe('failed');
  await expect(page.getByRole('status').filter({ hasText: /^You are offline\./ })).toBeVisible();
  const d = await demo(page);
  await trainToEnd(d);
  await expect(statusOf(d)).toHaveText(/^Done: Iteration 5 of 5/);
  // Another chapter, never opened, comes from the kept build too.
  await page.goto('/chapters/pooling/');
  await expect(page.locator('h1').first()).toBeVisible();

  await context.setOffline(false);
  await expect(page.locator('#lc-offline-notice')).toHaveCount(0);
  expect(problems.consoleErrors.filter((e) => !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
});

test('a visited chapter fetches its demos’ data ahead: a demo never trained trains offline', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto('/chapters/pooling/');
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Fetched when the browser is idle, once the service worker keeps the pages; nothing was trained.
  await expect(page.locator('html')).toHaveAttribute('data-offline-data', 'ready', { timeout: 60_000 });
  const kept = await page.evaluate(async () =>
    (await (await caches.open('learning-curves-data-v1')).keys()).map((r) => new URL(r.url).pathname),
  );
  expect(kept).toContain('/data/fashion-mnist/manifest.json');
  expect(kept.filter((p) => p.endsWith('.bin')).length).toBeGreaterThan(0);

  await context.setOffline(true);
  await page.reload();
  const d = await demo(page, 'pool-with');
  await d.getByRole('button', { name: 'Step' }).click();
  await expect(statusOf(d)).toHaveText(/^Paused at Epoch 1 of \d+ · step 1 /, { timeout: 120_000 });
  await context.setOffline(false);
});

test('the kept build is named by its contents, and older builds are deleted when a new one activates', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => caches.open('learning-curves-shell-000000000000').then((c) => c.put('/old', new Response('old'))));
  await page.evaluate(() => navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready));
  await expect
    .poll(() => page.evaluate(async () => (await caches.keys()).filter((n) => n.startsWith('learning-curves-shell-'))))
    .toEqual([expect.stringMatching(/^learning-curves-shell-[0-9a-f]{12}$/)]);
  const sw = await (await page.request.get('/sw.js')).text();
  const name = /const CACHE = "(learning-curves-shell-[0-9a-f]{12})"/.exec(sw)?.[1];
  expect(await page.evaluate(() => caches.keys())).toContain(name);
  const kept = await page.evaluate(
    (n) =>
      caches
        .open(n)
        .then((c) => c.keys())
        .then((ks) => ks.map((k) => new URL(k.url).pathname)),
    name!,
  );
  expect(kept).toEqual(expect.arrayContaining(['/', '/chapters/learning-rate/', '/embed/lr-stuck/', '/pagefind/pagefind.js']));
  expect(kept.filter((p) => p.startsWith('/data/'))).toEqual([]);
});
