import { expect, test, type Locator } from '@playwright/test';
import { assertSpec } from '../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../src/engine/spec/schema';
import { summarize } from '../../src/engine/spec/summarize';
import { cnnLayers, cnnSpec, mlpSpec } from '../../src/demos/depth';
import { watchPage } from './site';
import { demo, figureOf, shownData, statusOf } from './demo';

const CHAPTER = '/chapters/depth/';
const nf = new Intl.NumberFormat('en');
const totalOf = (spec: ExperimentSpecInput) => nf.format(summarize(assertSpec(spec)).totalParams);

/** The parameter table's total (beside the layer editor, or the params view). */
const total = (d: Locator) => d.getByTestId('param-total');

/** Trains the demo's current settings and waits for the run to end (by its epochs or by early stopping). */
async function trainToEnd(d: Locator, timeout = 120_000) {
  await d.getByRole('button', { name: /^Train/ }).click();
  await expect(statusOf(d)).toHaveText(/^Done: Epoch/, { timeout });
}

/** Removes the fifth conv+pool block (layers 9 and 10) with the editor's buttons, as a reader would. */
async function removeLastBlock(d: Locator) {
  await d.getByRole('button', { name: 'Remove layer 9 (conv 8 filters 3×3)' }).click();
  await d.getByRole('button', { name: 'Remove layer 9 (max pool 2×2)' }).click();
  await expect(d.getByRole('button', { name: /^Remove layer 9 \(flatten/ })).toBeVisible();
}

test.describe('chapter: accuracy went up when I removed layers?', () => {
  test('removing a conv+pool block shows the larger total that summarize() gives', async ({ page }) => {
    const problems = watchPage(page);
    await page.goto(CHAPTER);
    const d = await demo(page, 'depth-cnn');
    await expect(total(d)).toHaveText(totalOf(cnnSpec));
    await removeLastBlock(d);
    const four = { ...cnnSpec, model: { kind: 'layers' as const, layers: cnnLayers(4) } };
    await expect(total(d)).toHaveText(totalOf(four));
    expect(summarize(assertSpec(four)).totalParams).toBeGreaterThan(summarize(assertSpec(cnnSpec)).totalParams);
    await expect(d.getByRole('button', { name: /^Train/ })).toBeEnabled();
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
  });

  test('the learner’s cases are one press away: 5, 4 and 3 blocks (and 2, 1), each with the engine’s total', async ({ page }) => {
    await page.goto(CHAPTER);
    const d = await demo(page, 'depth-cnn');
    const presets = d.getByRole('group', { name: 'Layers: presets' });
    await expect(presets.getByRole('button', { name: '5 blocks' })).toHaveAttribute('aria-pressed', 'true');
    for (const blocks of [4, 3, 1, 5]) {
      await presets.getByRole('button', { name: `${blocks} block${blocks > 1 ? 's' : ''}`, exact: true }).click();
      await expect(total(d)).toHaveText(totalOf({ ...cnnSpec, model: { kind: 'layers', layers: cnnLayers(blocks) } }));
      await expect(presets.getByRole('button', { pressed: true })).toHaveText(`${blocks} block${blocks > 1 ? 's' : ''}`);
    }
    // Removing a block by hand lands on the 4-block preset too.
    await removeLastBlock(d);
    await expect(presets.getByRole('button', { pressed: true })).toHaveText('4 blocks');
  });

  test('typing [784, 100, 20, 7, 5, 1] shows its parameter count; an invalid list shows a message and does not train', async ({ page }) => {
    await page.goto(CHAPTER);
    const d = await demo(page, 'depth-mlp');
    const sizes = d.getByLabel('Layer sizes', { exact: true });
    const train = d.getByRole('button', { name: /^Train/ });
    await expect(total(d)).toHaveText(totalOf(mlpSpec));
    await sizes.fill('[784, 100, 20, 7, 5, 1]');
    await expect(total(d)).toHaveText(totalOf({ ...mlpSpec, model: { kind: 'mlp', sizes: [784, 100, 20, 7, 5, 1] } }));
    await expect(total(d)).toHaveText('80,713');

    await sizes.fill('[784, -5, 1]');
    await expect(sizes).toHaveAttribute('aria-invalid', 'true');
    // The message is the field's own description, right under it.
    const describedBy = await sizes.getAttribute('aria-describedby');
    expect(describedBy).toBeTruthy();
    const message = d.locator(`[id="${describedBy}"]`);
    await expect(message).toHaveRole('alert');
    await expect(message).toHaveText(/^each layer size must be a whole number ≥ 1 and ≤ 100000, got -5/);
    await expect(train).toBeDisabled();
    await sizes.fill('deep');
    await expect(message).toHaveText(/layer sizes must be a list of whole numbers like \[784, 7, 1\]/);
    await expect(train).toBeDisabled();
    await expect(d.getByRole('button', { name: 'Step' })).toBeDisabled();
    await expect(statusOf(d)).toHaveText('Fix the highlighted field to train.');
    // Nothing lost: a valid list trains again.
    await sizes.fill('[784, 20, 7, 5, 1]');
    await expect(total(d)).toHaveText('15,893');
    await expect(train).toBeEnabled();
  });

  test('curves grow during a run, with train and validation columns; the gallery keeps two runs and shows both', async ({ page }) => {
    test.setTimeout(180_000);
    const problems = watchPage(page);
    // A small, short run: 100 training images (all evaluated like validation), 3 epochs.
    await page.goto(`${CHAPTER}#depth-cnn:ep=3&train=100`);
    const d = await demo(page, 'depth-cnn');
    const loss = figureOf(d, 'Loss: training and validation');
    await d.getByRole('button', { name: /^Train/ }).click();
    // Mid-run: the loss chart has drawn (after the first epoch's evaluation) while the run still trains.
    await expect(loss.locator('.lc-figure__chart svg').first()).toBeVisible({ timeout: 60_000 });
    await expect(statusOf(d)).toHaveText(/^Epoch [1-3] of 3 · step \d+ /);
    await expect(statusOf(d)).toHaveText(/^Done: Epoch 3 of 3 · step 12 /, { timeout: 90_000 });
    const { headers, rows } = await shownData(loss);
    expect(headers[0]).toBe('epoch');
    expect(headers.some((h) => / · train loss$|^train loss$/.test(h))).toBe(true);
    expect(headers.some((h) => / · validation loss$|^validation loss$/.test(h))).toBe(true);
    expect(rows.map((r) => Number(r[0]))).toEqual([1, 2, 3]);

    // A second run, one block fewer: both land in the gallery, labelled by what changed.
    await removeLastBlock(d);
    await trainToEnd(d);
    const gallery = await demo(page, 'depth-gallery');
    await expect(gallery.getByRole('status')).toHaveText(/^2 runs kept\./);
    // Both runs drawn, not only tabulated: the charts are shown, with a sweet-spot ring per run on the loss chart.
    await expect(gallery.locator('.lc-figure__chart')).toHaveCount(3);
    for (const chart of await gallery.locator('.lc-figure__chart').all()) await expect(chart).toBeVisible();
    await expect(figureOf(gallery, /best validation epoch marked/).locator('.lc-sweet-dot circle')).toHaveCount(2);
    const { rows: runs } = await shownData(figureOf(gallery, /Final accuracy/));
    expect(runs.map((r) => r[0])).toEqual(['epochs 3, train 100', expect.stringMatching(/^c4k3same max2same /)]);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
  });

  test('early stopping restores the best epoch: the evaluation after restoring equals the best one', async ({ page }) => {
    test.setTimeout(180_000);
    // 100 training images overfit within a few epochs; patience 2 stops after two evaluations without a new best.
    await page.goto(`${CHAPTER}#depth-gap:train=100&ep=10&es=2`);
    const d = await demo(page, 'depth-gap');
    await d.getByRole('button', { name: /^Train/ }).click();
    await expect(statusOf(d)).toHaveText(/^Done: Epoch/, { timeout: 150_000 });
    const { headers, rows } = await shownData(figureOf(d, 'Loss: training and validation'));
    const col = headers.findIndex((h) => /validation loss$/.test(h));
    expect(col).toBeGreaterThan(0);
    const values = rows.map((r) => Number(r[col]));
    const last = values.at(-1)!;
    const best = Math.min(...values.slice(0, -1));
    // The table's last row is the evaluation after restoring (it replaces the stopping epoch's own row).
    expect(last).toBe(best);
    // It stopped early (before epoch 8), and says which epoch's weights came back: the one with the lowest loss.
    const bestEpoch = Number(rows[values.indexOf(best)][0]);
    const stoppedAt = Number(rows.at(-1)![0]);
    expect(stoppedAt).toBeLessThan(10);
    expect(bestEpoch).toBeLessThan(stoppedAt);
    await expect(d.locator('.lc-status__notice')).toHaveText(
      `stopped early at epoch ${stoppedAt}: validation loss has not improved for 2 evaluations since epoch ${bestEpoch} (${best.toFixed(4)}); restored the weights of epoch ${bestEpoch}`,
    );
  });
});
