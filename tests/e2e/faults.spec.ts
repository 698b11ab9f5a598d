/**
 * Faults (no WebGPU adapter: no-webgpu.spec.ts): a WebGPU device lost mid-run, a lost WebGL context, the worker crashing or ending
 * without a word. Each time the demo says what happened and continues on another backend, or offers Restart;
 * the other demos on the page keep working. Faults are caused through `?test-hooks` (see test-hooks.ts).
 */
import { expect, test } from '@playwright/test';
import { demo, statusOf } from './demo';
import { shownStep, uncaught, untilStep, workerTest, workerTestOrLoss } from './hooks';

const CHAPTER = '/chapters/learning-rate/';
const LONG = '#lr-stuck:it=100000';

test('a WebGPU device lost mid-run: the demo says so and continues on WebGL from the last evaluation', async ({ page }) => {
  const errors = uncaught(page);
  await page.goto(`${CHAPTER}?backend=webgpu&test-hooks${LONG}`);
  const d = await demo(page);
  await d.getByRole('button', { name: /^Train/ }).click();
  await untilStep(d, 120); // past the evaluation at 100, whose weights are kept
  expect(await d.locator('.lc-badge').textContent()).toMatch(/^WebGPU/);
  expect((await workerTest(page, 'lose-device')).ok).toBe(true);
  await expect(d.getByRole('alert')).toHaveText(
    /^The GPU device was lost \(.+\); training continues on WebGL from the last evaluated step\.$/,
    { timeout: 60_000 },
  );
  await expect(d.locator('.lc-badge')).toHaveText('WebGL');
  const after = await shownStep(d);
  await untilStep(d, after + 50);
  await expect(d.getByRole('button', { name: 'Pause' })).toBeVisible();
  await d.getByRole('button', { name: 'Pause' }).click();
  expect((await workerTest(page, 'memory')).backend).toBe('webgl');
  // The page's other demo trains on the new backend.
  const other = await demo(page, 'lr-explode');
  await other.getByRole('button', { name: /^Train/ }).click();
  await expect(other.getByRole('alert')).toHaveText(/diverged/, { timeout: 60_000 });
  expect(errors).toEqual([]);
});

test('a lost WebGL context: the demo says so and continues on the CPU', async ({ page }) => {
  const errors = uncaught(page);
  await page.goto(`${CHAPTER}?backend=webgl&test-hooks${LONG}`);
  const d = await demo(page);
  await d.getByRole('button', { name: /^Train/ }).click();
  await untilStep(d, 120);
  expect((await workerTest(page, 'lose-context')).ok).toBe(true);
  await expect(d.getByRole('alert')).toHaveText(
    /^The GPU context was lost \(.+\); training continues on CPU from the last evaluated step\.$/,
    { timeout: 60_000 },
  );
  await expect(d.locator('.lc-badge')).toHaveText('CPU');
  await untilStep(d, (await shownStep(d)) + 20);
  await d.getByRole('button', { name: 'Pause' }).click();
  await expect(statusOf(d)).toHaveText(/^Paused at Iteration/);
  expect(errors).toEqual([]);
});

for (const [fault, message] of [
  [
    'crash',
    /^The training engine crashed \(.*simulated crash in the training worker.*\)\. The results so far are kept; press Restart to train again on a fresh engine\.$/,
  ],
  [
    'exit',
    /^The training engine stopped unexpectedly \(the browser may have needed its memory\)\. The results so far are kept; press Restart to train again on a fresh engine\.$/,
  ],
] as const) {
  test(`the worker ${fault === 'crash' ? 'crashing' : 'ending without a word'}: every demo says so, Restart trains on a fresh worker`, async ({
    page,
  }) => {
    const errors = uncaught(page);
    await page.goto(`${CHAPTER}?test-hooks${LONG}`);
    const d = await demo(page);
    await d.getByRole('button', { name: /^Train/ }).click();
    await untilStep(d, 30);
    const old = page.workers();
    expect(old).toHaveLength(1);
    const closed = new Promise<void>((resolve) => old[0].once('close', () => resolve()));
    await workerTestOrLoss(page, fault);
    await expect(d.getByRole('alert')).toHaveText(message, { timeout: 30_000 });
    await closed; // the dead worker is gone, not left running
    const stoppedAt = await shownStep(d);
    expect(stoppedAt).toBeGreaterThanOrEqual(30);
    // The chart keeps what was trained before the loss.
    await expect(d.locator('figure').first().locator('.lc-figure__chart svg').first()).toBeVisible();
    await d.getByRole('button', { name: 'Restart' }).click();
    await untilStep(d, 5);
    await expect(d.getByRole('button', { name: 'Restart' })).toHaveCount(0);
    expect(page.workers()).toHaveLength(1);
    await d.getByRole('button', { name: 'Pause' }).click();
    // Another demo on the page trains on the fresh worker too.
    const other = await demo(page, 'lr-explode');
    await other.getByRole('button', { name: /^Train/ }).click();
    await expect(other.getByRole('alert')).toHaveText(/diverged/, { timeout: 60_000 });
    expect(page.workers()).toHaveLength(1);
    expect(errors).toEqual([]);
  });
}
