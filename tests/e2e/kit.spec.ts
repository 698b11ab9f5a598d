import { expect, test } from '@playwright/test';
import { demo, statusOf, trainToEnd } from './demo';

test('the cost chart redraws while a run trains, not only at its end', async ({ page }) => {
  await page.goto('/chapters/learning-rate/#lr-stuck:it=100000');
  const d = await demo(page);
  const chart = d
    .locator('figure')
    .filter({ has: page.getByRole('heading', { name: 'Cost', exact: true }) })
    .locator('.lc-figure__chart');
  await d.getByRole('button', { name: /^Train/ }).click();
  await expect(statusOf(d)).toHaveText(/^Iteration [\d,]+ of 100,000/, { timeout: 60_000 });
  const lastTick = async () =>
    Number((await chart.locator('[aria-label="x-axis tick label"] text').last().textContent())?.replace(/,/g, ''));
  const firstSvg = await chart.innerHTML();
  const firstTick = await lastTick();
  // Several redraws later, still mid-run: the chart has changed and its x-axis reaches further.
  await expect.poll(async () => (await lastTick()) > firstTick, { timeout: 30_000 }).toBe(true);
  await expect(statusOf(d)).toHaveText(/^Iteration [\d,]+ of 100,000/);
  expect(await chart.innerHTML()).not.toBe(firstSvg);
  await d.getByRole('button', { name: 'Pause' }).click();
});

test.describe('instructor kit page', () => {
  test('feature maps show the stated shapes for a chosen image, before training', async ({ page }) => {
    await page.goto('/about/kit/');
    const d = await demo(page, 'kit-cnn');
    await d.getByRole('button', { name: 'Show the feature maps' }).click();
    await d.getByRole('button', { name: /^Image 3:/ }).click({ timeout: 60_000 });
    await expect(d.locator('.lc-maps__status')).toHaveText(/^Image 3 \(.+\), random filters, before training\.$/, { timeout: 60_000 });
    const stack = d.locator('.lc-maps__stack');
    for (const caption of [
      'input · 28×28×1 = 784 numbers',
      'conv 1 · 26×26×8 = 5,408 numbers',
      'max pool 1 · 13×13×8 = 1,352 numbers',
      'conv 2 · 11×11×8 = 968 numbers',
      'max pool 2 · 5×5×8 = 200 numbers',
    ]) {
      await expect(stack.getByText(caption, { exact: true })).toBeVisible();
    }
    // One canvas per channel: 1 + 8 + 8 + 8 + 8.
    await expect(stack.locator('canvas')).toHaveCount(33);
    await expect(d.getByRole('button', { name: /^Image 3:/ })).toHaveAttribute('aria-pressed', 'true');
  });

  test('the gallery keeps two runs and shows both; per-example probabilities have a point per validation image', async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto('/about/kit/#kit-mlp:ep=1&train=200');
    const d = await demo(page, 'kit-mlp');
    await trainToEnd(d);
    await d.getByLabel('Dropout rate').fill('0.5');
    await trainToEnd(d);
    const gallery = await demo(page, 'kit-gallery');
    await expect(gallery.getByRole('status')).toHaveText(/^2 runs kept\./);
    const figure = gallery.locator('figure').filter({ has: page.getByRole('heading', { name: /Final accuracy/ }) });
    await figure.getByRole('button', { name: 'Show data' }).click();
    const labels = await figure.locator('tbody tr th').allTextContents();
    // Each run is labelled by what differs: the first by the link's settings, the second by what changed since.
    expect(labels).toEqual(['epochs 1, train 200', 'dropout 0.5']);
    const probabilities = d.locator('figure').filter({ has: page.getByRole('heading', { name: /Probability of the true class/ }) });
    await expect(probabilities.locator('[data-index]')).toHaveCount(250);
  });
});
