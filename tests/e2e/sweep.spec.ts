/**
 * A sweep over any control: the fixture's sweep over batch size draws one curve per value, each labelled by the
 * control ("batch 16"); only a learning-rate sweep plots final cost against its values.
 *
 * The learning-rate sweep is a demo like the others: its URL hash sets what it trains (`#lr-sweep:it=3` trains
 * 3 iterations at each rate, not the chapter's 1,000), its heading says so, it has Copy link / Copy embed code /
 * Open alone, and its final-cost chart labels every learning rate it tries.
 */
import { expect, test } from '@playwright/test';
import { demo, figureOf, shownData, statusOf } from './demo';

test('the sweep honours its URL hash, labels every rate and shares like a demo', async ({ page }) => {
  await page.goto('/embed/lr-sweep/#lr-sweep:it=3&sizes=784-2-1');
  const d = await demo(page, 'lr-sweep');
  await expect(page.locator('h1')).toHaveText('A learning-rate sweep in factors of three ([784, 2, 1], iterations 3)');
  await expect(d.getByRole('link', { name: 'Open alone' })).toHaveAttribute('href', '/embed/lr-sweep/#lr-sweep:sizes=784-2-1&it=3');
  await expect(d.getByRole('button', { name: 'Copy link' })).toBeVisible();
  await expect(d.getByRole('button', { name: 'Copy embed code' })).toBeVisible();

  await d.getByRole('button', { name: 'Run sweep' }).click();
  await expect(statusOf(d)).toHaveText('Sweep finished: 6 learning rates.', { timeout: 60_000 });
  // Every run trained 3 iterations: the cost table's iterations end at 3.
  const cost = d.locator('figure').filter({ hasText: 'Cost at each learning rate' });
  await cost.getByRole('button', { name: 'Show data' }).click();
  const iterations = (await cost.locator('tbody tr td:first-child, tbody tr th:first-child').allTextContents()).map(Number);
  expect(Math.max(...iterations)).toBe(3);
  const final = d.locator('figure').filter({ hasText: 'Final cost against learning rate' });
  await expect(final.locator('g[aria-label="x-axis tick label"] text')).toHaveText(['0.0075', '0.02', '0.06', '0.18', '0.54', '1']);
});

test('a sweep link that sets the learning rate, or a bad value, is answered beside the sweep', async ({ page }) => {
  await page.goto('/embed/lr-sweep/#lr-sweep:lr=5&it=-4');
  const d = await demo(page, 'lr-sweep');
  await expect(d.getByRole('note')).toContainText('the sweep sets the learning rate itself');
  await expect(statusOf(d)).toContainText('cannot be trained');
  await expect(d.getByRole('button', { name: 'Run sweep' })).toBeDisabled();
});

test('a sweep over batch size draws one curve per value, each labelled by the control', async ({ page }) => {
  // Three iterations at each batch size, set by the sweep's own link.
  await page.goto('/test/kit/#fx-sweep:it=3');
  const d = await demo(page, 'fx-sweep');
  await expect(statusOf(d)).toHaveText('Ready. Press Run sweep to train at each batch size in turn.');
  await d.getByRole('button', { name: 'Run sweep' }).click();
  await expect(statusOf(d)).toHaveText('Sweep finished: 3 batch sizes.', { timeout: 60_000 });
  const cost = figureOf(d, 'Cost at each batch size');
  const { headers, rows } = await shownData(cost);
  expect(headers[0]).toBe('iteration');
  // One training-cost curve per batch size, named by the control (each run's evaluations have their own columns).
  expect(headers.filter((h) => / · train cost$/.test(h)).map((h) => h.split(' · ')[0])).toEqual(['batch 16', 'batch 32', 'batch full']);
  expect(Math.max(...rows.map((r) => Number(r[0])))).toBe(3);
  // The chart's legend names the three curves.
  await expect(cost.getByText(/^batch (16|32|full)$/)).toHaveText(['batch 16', 'batch 32', 'batch full']);
  // Any numeric setting gets the final-cost chart, named by the setting; 'full' is not a number, so no chart here.
  await expect(d.getByRole('heading', { name: /^Final cost against/ })).toHaveCount(0);
});
