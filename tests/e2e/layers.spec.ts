import { expect, test, type Locator } from '@playwright/test';
import { kitCnnDemo } from '../../src/demos/kit';
import { experimentSpecSchema } from '../../src/engine/spec/schema';
import { summarize } from '../../src/engine/spec/summarize';
import { seriousViolations } from './axe';
import { demo, trainToEnd } from './demo';
import { useTheme } from './site';

const PAGE = '/about/kit/';
const nf = new Intl.NumberFormat('en');

/** What summarize() gives for the demo's spec with `keep` layers (indices into the demo's own stack). */
function expectedTotal(keep: (i: number) => boolean): number {
  const spec = structuredClone(kitCnnDemo.spec);
  if (spec.model.kind !== 'layers') throw new Error('kit-cnn has a layer stack');
  spec.model.layers = spec.model.layers.filter((_, i) => keep(i));
  return summarize(experimentSpecSchema.parse(spec)).totalParams;
}

const rows = (d: Locator) => d.locator('.lc-layers__list > li');
const row = (d: Locator, n: number) => rows(d).nth(n - 1);
const total = (d: Locator) => d.locator('.lc-layers__table [data-testid="param-total"]');
const titles = (d: Locator) =>
  d.locator('.lc-layers__list .lc-layer__title').evaluateAll((ps) => ps.map((p) => p.textContent!.replace(/^\d+Layer \d+: /, '')));
const focusedName = (d: Locator) =>
  d.page().evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent);

test('removing a conv+pool block makes the total the number summarize() gives, and it grows', async ({ page }) => {
  await page.goto(PAGE);
  const d = await demo(page, 'kit-cnn');
  const before = expectedTotal(() => true);
  await expect(total(d)).toHaveText(nf.format(before));
  await d.getByRole('button', { name: 'Remove layer 3 (conv 8 filters 3×3)' }).click();
  await d.getByRole('button', { name: 'Remove layer 3 (max pool 2×2)' }).click();
  expect(await titles(d)).toEqual(['Convolution', 'Max pool', 'Flatten', 'Dense', 'Dense']);
  const after = expectedTotal((i) => i !== 2 && i !== 3);
  await expect(total(d)).toHaveText(nf.format(after));
  // The Dense after Flatten now takes 13×13×8 numbers instead of 5×5×8.
  expect(after).toBeGreaterThan(before);
  await expect(d.getByRole('button', { name: /^Train/ })).toBeEnabled();
});

test('a pool that does not fit shows its message on its row, and the demo cannot train', async ({ page }) => {
  await page.goto(PAGE);
  const d = await demo(page, 'kit-cnn');
  const train = d.getByRole('button', { name: /^Train/ });
  await expect(train).toBeEnabled();
  await row(d, 4).getByLabel('Pool size', { exact: true }).fill('12');
  const message = 'layer 4 (maxPooling2d): a 12×12 pool does not fit a 11×11 input';
  await expect(row(d, 4).getByRole('alert')).toHaveText(message);
  await expect(d.locator('.lc-layer--invalid')).toHaveCount(1);
  await expect(train).toBeDisabled();
  await expect(d.getByRole('button', { name: 'Step' })).toBeDisabled();
  await row(d, 4).getByLabel('Pool size', { exact: true }).fill('2');
  await expect(d.locator('.lc-layer--invalid')).toHaveCount(0);
  await expect(train).toBeEnabled();
});

test('keyboard only: move a layer, and remove a block with Enter, Enter', async ({ page }) => {
  await page.goto(PAGE);
  const d = await demo(page, 'kit-cnn');
  // From the second layer's first field, back up to its "move up" button with Shift+Tab.
  await row(d, 2).getByLabel('Pool size', { exact: true }).focus();
  for (let i = 0; i < 5 && (await focusedName(d)) !== 'Move layer 2 up'; i++) await page.keyboard.press('Shift+Tab');
  expect(await focusedName(d)).toBe('Move layer 2 up');
  await page.keyboard.press('Enter');
  expect((await titles(d)).slice(0, 2)).toEqual(['Max pool', 'Convolution']);
  // At the top "up" is disabled, so focus is on the same layer's "down": Space moves it back.
  await expect.poll(() => focusedName(d)).toBe('Move layer 1 down');
  await page.keyboard.press('Space');
  expect((await titles(d)).slice(0, 2)).toEqual(['Convolution', 'Max pool']);
  await expect.poll(() => focusedName(d)).toBe('Move layer 2 down');
  // Tab along to layer 3's remove button, then Enter twice removes the conv and the pool that took its place.
  for (let i = 0; i < 20 && (await focusedName(d)) !== 'Remove layer 3 (conv 8 filters 3×3)'; i++) await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect.poll(() => focusedName(d)).toBe('Remove layer 3 (max pool 2×2)');
  await page.keyboard.press('Enter');
  expect(await titles(d)).toEqual(['Convolution', 'Max pool', 'Flatten', 'Dense', 'Dense']);
  await expect(total(d)).toHaveText(nf.format(expectedTotal((i) => i !== 2 && i !== 3)));
});

test('the URL hash holds the compact form, and a reload restores the stack', async ({ page }) => {
  await page.goto(PAGE);
  const d = await demo(page, 'kit-cnn');
  await d.getByRole('button', { name: 'Remove layer 3 (conv 8 filters 3×3)' }).click();
  await d.getByRole('button', { name: 'Remove layer 3 (max pool 2×2)' }).click();
  await d.getByRole('button', { name: 'Add dropout layer' }).click();
  await row(d, 1).getByLabel('Kernel', { exact: true }).fill('3x5');
  await row(d, 1).getByLabel('Padding', { exact: true }).selectOption('same');
  const compact = 'c8k3x5same-max2-flat-d32relu-drop0.25-d10softmax';
  await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#kit-cnn:layers=${compact}`);
  const shown = await total(d).textContent();
  await page.reload();
  const again = await demo(page, 'kit-cnn');
  await expect(rows(again)).toHaveCount(6);
  expect(await titles(again)).toEqual(['Convolution', 'Max pool', 'Flatten', 'Dense', 'Dropout', 'Dense']);
  await expect(row(again, 1).getByLabel('Kernel', { exact: true })).toHaveValue('3×5');
  await expect(row(again, 5).getByLabel('Rate', { exact: true })).toHaveValue('0.25');
  await expect(total(again)).toHaveText(shown!);
  await expect(page).toHaveURL(new RegExp(`#kit-cnn:layers=${compact}$`));
});

test('adding a batch-norm layer: its row holds 4 × channels parameters, 2 × channels trainable, and the network trains', async ({
  page,
}) => {
  await page.goto(PAGE);
  const d = await demo(page, 'kit-cnn');
  const before = expectedTotal(() => true);
  await d.getByRole('button', { name: 'Add batch norm layer' }).click();
  // After the last convolution (8 filters): γ, β, moving mean and variance per channel.
  expect(await titles(d)).toEqual(['Convolution', 'Max pool', 'Convolution', 'Batch norm', 'Max pool', 'Flatten', 'Dense', 'Dense']);
  const table = d.locator('.lc-layers__table [data-testid="param-table"]');
  await expect(table.getByRole('row', { name: /^batch_normalization_1/ })).toContainText('32 (16 trainable)');
  await expect(total(d)).toHaveText(nf.format(before + 32));
  await expect(d.getByTestId('param-untrained')).toContainText(`16 of ${nf.format(before + 32)} parameters are batch-norm moving averages`);
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('-c8k3-bn-max2-');
  await trainToEnd(d);
});

test('the editor and its table fit a phone without scrolling sideways', async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 800 });
  await page.goto(PAGE);
  const d = await demo(page, 'kit-cnn');
  await d.getByRole('button', { name: 'Add conv layer' }).click();
  await row(d, 4).getByLabel('Pool size', { exact: true }).fill('12');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  const table = d.locator('.lc-layers__table .lc-figure__table');
  expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});

for (const theme of ['light', 'dark'] as const) {
  test(`an invalid row has no serious accessibility violations (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    await page.goto(PAGE);
    const d = await demo(page, 'kit-cnn');
    await row(d, 4).getByLabel('Pool size', { exact: true }).fill('12');
    await row(d, 6).getByLabel('Units', { exact: true }).fill('3a');
    await expect(d.locator('.lc-layer--invalid')).toHaveCount(2);
    expect(await seriousViolations(page, { include: '[data-demo="kit-cnn"]' })).toEqual([]);
  });
}
