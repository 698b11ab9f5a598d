/**
 * Data integrity in the browser: a shard served corrupted or truncated fails its checksum with a message naming
 * it, nothing is trained on it or cached, and a Train after the server is fixed works; what an older build left in
 * Cache Storage (stale bytes under a current name, files no manifest lists, an old cache) is replaced.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { demo, statusOf, trainToEnd } from './demo';
import { uncaught } from './hooks';

const CHAPTER = '/chapters/learning-rate/';
const manifest = JSON.parse(readFileSync('dist/data/fashion-mnist/manifest.json', 'utf8'));
const shard = manifest.splits.train.shards[0].images as { file: string; bytes: number; sha256: string };
const shardUrl = `/data/fashion-mnist/${shard.file}`;

/** Cache Storage as the page sees it: bucket names, and the data bucket's addresses (paths). */
const cacheState = (page: Page) =>
  page.evaluate(async () => {
    const data = await caches.open('learning-curves-data-v1');
    return { buckets: (await caches.keys()).sort(), data: (await data.keys()).map((r) => new URL(r.url).pathname) };
  });

for (const [damage, message] of [
  ['corrupted', /^train-00\.images\.bin is corrupt \(its SHA-256 is [0-9a-f]{12}…, expected [0-9a-f]{12}…\)/],
  ['truncated', new RegExp(`^train-00\\.images\\.bin is corrupt or truncated \\(expected ${shard.bytes} bytes, got 1000\\)`)],
] as const) {
  test(`a ${damage} shard fails its checksum, trains nothing, is not cached, and a later Train works`, async ({ page, context }) => {
    const errors = uncaught(page);
    const served: string[] = [];
    await context.route(`**${shardUrl}`, async (route) => {
      served.push(route.request().url());
      const bytes = readFileSync(`dist${shardUrl}`);
      const body = damage === 'truncated' ? bytes.subarray(0, 1000) : Buffer.from(bytes.map((b, i) => (i % 997 === 0 ? 255 - b : b)));
      await route.fulfill({ status: 200, body, contentType: 'application/octet-stream' });
    });
    await page.goto(`${CHAPTER}#lr-stuck:it=5`);
    const d = await demo(page);
    await d.getByRole('button', { name: /^Train/ }).click();
    await expect(d.getByRole('alert')).toHaveText(message, { timeout: 60_000 });
    expect(served.length).toBeGreaterThan(0);
    await expect(statusOf(d)).toHaveText('Stopped before the first step.');
    await expect(d.getByText('The cost curve appears here once you train.')).toBeVisible();
    expect((await cacheState(page)).data).not.toContain(shardUrl);
    // The server is fixed: the next Train downloads the file again, verifies it and trains.
    await context.unroute(`**${shardUrl}`);
    await trainToEnd(d);
    expect((await cacheState(page)).data).toContain(shardUrl);
    expect(errors).toEqual([]);
  });
}

test('a stale Cache Storage entry from an older build is replaced, and its leftovers deleted', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(
    async ({ url, bytes }) => {
      const data = await caches.open('learning-curves-data-v1');
      await data.put(url, new Response(new Uint8Array(bytes).fill(7)));
      await data.put('/data/fashion-mnist/train-00.000000000000.images.bin', new Response(new Uint8Array(16)));
      await (await caches.open('learning-curves-data-v0')).put(url, new Response('old'));
    },
    { url: shardUrl, bytes: shard.bytes },
  );
  const requested: string[] = [];
  page.on('request', (r) => requested.push(new URL(r.url()).pathname));
  await page.goto(`${CHAPTER}#lr-stuck:it=5`);
  await trainToEnd(await demo(page));
  expect(requested).toContain(shardUrl); // the stale entry failed its check and was fetched again
  const state = await cacheState(page);
  expect(state.buckets).not.toContain('learning-curves-data-v0');
  expect(state.data).toContain(shardUrl);
  expect(state.data).not.toContain('/data/fashion-mnist/train-00.000000000000.images.bin');
  const digest = await page.evaluate(async (url) => {
    const res = await (await caches.open('learning-curves-data-v1')).match(url);
    const hash = await crypto.subtle.digest('SHA-256', await res!.arrayBuffer());
    return [...new Uint8Array(hash)].map((b) => b.toString(16).padStart(2, '0')).join('');
  }, shardUrl);
  expect(digest).toBe(shard.sha256);
});
