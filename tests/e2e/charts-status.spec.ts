/**
 * Charts and the status line say what happened, on a phone too (issue 27, items 6, 9, 10 and 11):
 * - a learning rate changed mid-run is marked on the cost chart and named in the status line;
 * - with a second run at 375 px the runs are named in a legend (numbers at the line ends), not in the right margin;
 * - the backend badge is a button whose plain-language note opens by keyboard;
 * - chart text is at least 11 px in an embed at 375 px (drawn at the container's width, not scaled down);
 * - a run set in epochs counts "Epoch 1 of 30 · step 1", and its empty per-epoch curves say when their first point
 *   comes (the loss chapter's batch-2 demo: the end of epoch 1, step 154).
 * Tiny runs: the fixture page's 20-iteration binary MLP, 3 iterations of the learning-rate embed, one step of the
 * loss-confidence embed.
 */
import { expect, test, type Locator } from '@playwright/test';
import { demo, statusOf } from './demo';
import { uncaught } from './hooks';

test.use({ viewport: { width: 375, height: 800 } });

/** A demo's figure by its heading. */
const figure = (d: Locator, heading: string) =>
  d.locator('figure.lc-figure').filter({ has: d.page().getByRole('heading', { name: heading, exact: true }) });

test('a mid-run learning-rate change is marked on the chart and in the status; the badge note opens by keyboard', async ({ page }) => {
  const errors = uncaught(page);
  await page.goto('/test/kit/');
  const d = await demo(page, 'fx-binary');
  const cost = figure(d, 'Cost');
  // One step at 0.05, then the learning rate moves to 0.5 while the run is paused at iteration 1.
  await d.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(statusOf(d)).toHaveText(/^Paused at Iteration 1 of 20 · /);
  await d.getByRole('group', { name: 'Learning-rate presets' }).getByRole('button', { name: '0.5', exact: true }).click();
  await expect(statusOf(d)).toHaveText(/^Paused at Iteration 1 of 20 · cost \d\.\d{7} · lr → 0\.5 at iteration 1 · /);
  await expect(cost.locator('g.lc-change line')).toHaveCount(1);
  await expect(cost.locator('g.lc-change-label text')).toHaveText('lr → 0.5 at iteration 1');
  await d.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(statusOf(d)).toHaveText(/^Done: Iteration 20 of 20 · cost \d\.\d{7} · lr → 0\.5 at iteration 1 · /, { timeout: 60_000 });
  await expect(cost.locator('g.lc-change-label text')).toHaveText('lr → 0.5 at iteration 1');

  // The backend badge: Tab from Reset reaches it; Enter opens its note in plain words, and closes it.
  const badge = d.locator('.lc-badge');
  await d.getByRole('button', { name: 'Reset', exact: true }).focus();
  await page.keyboard.press('Tab');
  await expect(badge).toBeFocused();
  const note = d.getByRole('note').filter({ hasText: 'Training runs on' });
  await expect(note).toBeHidden();
  await page.keyboard.press('Enter');
  await expect(badge).toHaveAttribute('aria-expanded', 'true');
  await expect(note).toBeVisible();
  await expect(note).toContainText(/Training runs on this device’s (main processor \(CPU\)|graphics chip)/);
  await page.keyboard.press('Enter');
  await expect(note).toBeHidden();
  expect(errors).toEqual([]);
});

test('with a second run at 375 px the runs are numbered at their line ends and named in a legend, leaving the plot its width', async ({
  page,
}) => {
  await page.goto('/test/kit/');
  const d = await demo(page, 'fx-binary');
  const cost = figure(d, 'Cost');
  for (const name of ['Train', 'Train again']) {
    await d.getByRole('button', { name, exact: true }).click();
    await expect(statusOf(d)).toHaveText(/^Done: Iteration 20 of 20/, { timeout: 60_000 });
  }
  const legend = cost.locator('.lc-run-legend .lc-run-swatch');
  await expect(legend).toHaveText(['1 as set up', '2 as set up (current)']);
  await expect(cost.locator('g.lc-run-label text')).toHaveText(['1', '2']);
  // The plot keeps the chart's width: its last x tick sits within 40 px of the chart's right edge.
  const room = await cost
    .locator('.lc-figure__chart svg')
    .last()
    .evaluate((svg) => {
      const ticks = Array.from(svg.querySelectorAll('g[aria-label="x-axis tick label"] text'));
      return svg.getBoundingClientRect().right - Math.max(...ticks.map((t) => t.getBoundingClientRect().right));
    });
  expect(room).toBeLessThan(40);
});

/** The smallest rendered size (px) of every chart text of `d`: font size × the svg's scale on screen. */
const smallestChartText = (d: Locator) =>
  d.evaluate((root) => {
    const sizes: number[] = [];
    for (const svg of Array.from(root.querySelectorAll<SVGSVGElement>('.lc-figure__chart svg'))) {
      const box = svg.viewBox.baseVal;
      const scale = box && box.width ? svg.getBoundingClientRect().width / box.width : 1;
      for (const t of Array.from(svg.querySelectorAll('text')))
        if (t.getClientRects().length) sizes.push(parseFloat(getComputedStyle(t).fontSize) * scale);
    }
    // Legends (HTML) beside the charts.
    for (const el of Array.from(root.querySelectorAll('.lc-figure__chart figure > div')))
      sizes.push(parseFloat(getComputedStyle(el).fontSize));
    return { count: sizes.length, min: Math.min(...sizes) };
  });

test('chart text is at least 11 px in an embed at 375 px', async ({ page }) => {
  await page.goto('/embed/lr-stuck/#lr-stuck:it=3');
  const d = await demo(page, 'lr-stuck');
  await d.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusOf(d)).toHaveText(/^Done: Iteration 3 of 3/, { timeout: 60_000 });
  await expect(figure(d, 'Cost').locator('.lc-figure__chart svg').last()).toBeVisible();
  await expect.poll(async () => (await smallestChartText(d)).count).toBeGreaterThan(20);
  expect((await smallestChartText(d)).min).toBeGreaterThanOrEqual(11);
});

test('a run set in epochs counts epochs, and its empty per-epoch curves say when the first point comes', async ({ page }) => {
  await page.goto('/embed/loss-confidence/');
  const d = await demo(page, 'loss-confidence');
  const loss = figure(d, 'Loss');
  await expect(loss.locator('.lc-figure__empty')).toHaveText('The loss curve appears here once you train.');
  // One step of batch 2: 154 steps make an epoch of the 308 images, whose first evaluation ends it.
  await d.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(statusOf(d)).toHaveText(/^Paused at Epoch 1 of 30 · step 1 · /, { timeout: 60_000 });
  await expect(loss.locator('.lc-figure__empty')).toHaveText('The first point of the loss curve comes at the end of epoch 1 (step 154).');
  await expect(figure(d, 'Accuracy').locator('.lc-figure__empty')).toHaveText(
    'The first point of the accuracy curve comes at the end of epoch 1 (step 154).',
  );
  await d.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(loss.locator('.lc-figure__empty')).toHaveText('The loss curve appears here once you train.');
});
