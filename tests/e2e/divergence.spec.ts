/**
 * A far too high learning rate: the run stops within one readback of the first non-finite loss, says why and
 * what to do, the chart and its table keep only the finite points, and Reset brings the demo back to its start.
 */
import { expect, test } from '@playwright/test';
import { demo, statusOf } from './demo';
import { uncaught } from './hooks';

test('lr-explode stops within one readback, explains, keeps the finite points, and Reset works', async ({ page }) => {
  const errors = uncaught(page);
  await page.goto('/chapters/learning-rate/');
  const d = await demo(page, 'lr-explode');
  await d.getByRole('button', { name: /^Train/ }).click();
  const alert = d.getByRole('alert');
  await expect(alert).toHaveText(
    /^Stopped: diverged at step \d+: (loss|weights) became NaN or infinite\. Each step overshot further than the last until the numbers overflowed; a smaller learning rate usually fixes this\. The chart keeps the points before it\.$/,
    { timeout: 60_000 },
  );
  const divergedAt = Number(/diverged at step (\d+)/.exec((await alert.textContent())!)![1]);
  // This demo reads the loss back every step: the run ends at the step that diverged, not later, and the status
  // shows the last step with a finite cost, the one before.
  await expect(statusOf(d)).toHaveText(new RegExp(`^Stopped at Iteration ${divergedAt - 1} of 300 · cost \\d`));

  const cost = d.locator('figure').filter({ has: page.getByRole('heading', { name: 'Cost', exact: true }) });
  // The chart is drawn, from finite points only.
  const paths = cost.locator('.lc-figure__chart svg path');
  await expect(paths.first()).toBeAttached();
  for (const dAttr of await paths.evaluateAll((ps) => ps.map((p) => p.getAttribute('d') ?? ''))) expect(dAttr).not.toMatch(/NaN|Infinity/);
  await cost.getByRole('button', { name: 'Show data' }).click();
  const rows = await cost.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
  const headers = await cost.locator('thead th').allTextContents();
  const train = headers.findIndex((h) => /train cost/.test(h));
  const trainCosts = rows.map((r) => r[train]).filter((v) => v !== '');
  expect(trainCosts.length).toBeGreaterThan(0);
  expect(trainCosts.every((v) => Number.isFinite(Number(v)))).toBe(true);
  expect(Math.max(...rows.map((r) => Number(r[0])))).toBe(divergedAt - 1);
  await cost.getByRole('button', { name: 'Hide data' }).click();

  await d.getByRole('button', { name: 'Reset' }).click();
  await expect(statusOf(d)).toHaveText('Ready. Press Train to start.');
  await expect(alert).toHaveCount(0);
  await expect(cost.getByText('The cost curve appears here once you train.')).toBeVisible();
  // And it trains again, from the start, at a learning rate that works.
  await d.getByRole('button', { name: '0.1', exact: true }).click();
  await d.getByRole('button', { name: /^Train/ }).click();
  await expect(statusOf(d)).toHaveText(/^Done: Iteration 300 of 300/, { timeout: 60_000 });
  await expect(alert).toHaveCount(0);
  expect(errors).toEqual([]);
});
