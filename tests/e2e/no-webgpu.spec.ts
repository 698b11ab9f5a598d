/** A browser whose WebGPU has no adapter (navigator.gpu exists, requestAdapter() answers null). */
import { expect, test } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumExecutable } from './browser';
import { demo, trainToEnd } from './demo';
import { uncaught } from './hooks';

// Without --enable-unsafe-webgpu, this Chromium has navigator.gpu but no adapter.
test.use({ launchOptions: { executablePath: chromiumExecutable(), args: CHROMIUM_ARGS.filter((a) => a !== '--enable-unsafe-webgpu') } });

test('asking for WebGPU without an adapter trains on WebGL and the badge says why', async ({ page }) => {
  const errors = uncaught(page);
  await page.goto('/chapters/learning-rate/?backend=webgpu#lr-stuck:it=5');
  const d = await demo(page);
  await trainToEnd(d);
  const badge = d.locator('.lc-badge');
  await expect(badge).toHaveText('WebGL');
  await expect(badge).toHaveAttribute('title', /^WebGL, because no WebGPU adapter/);
  expect(errors).toEqual([]);
});
