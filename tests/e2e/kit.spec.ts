import { expect, test } from '@playwright/test';
import { demo, statusOf } from './demo';

test('the cost chart redraws while a run trains, not only at its end', async ({ page }) => {
  await page.goto('/chapters/learning-rate/#lr-stuck:it=100000');
  const d = await demo(page);
  const chart = d.locator('figure').filter({ has: page.getByRole('heading', { name: 'Cost', exact: true }) }).locator('.lc-figure__chart');
  await d.getByRole('button', { name: /^Train/ }).click();
  await expect(statusOf(d)).toHaveText(/^Iteration [\d,]+ of 100,000/, { timeout: 60_000 });
  const lastTick = async () => Number((await chart.locator('[aria-label="x-axis tick label"] text').last().textContent())?.replace(/,/g, ''));
  const firstSvg = await chart.innerHTML();
  const firstTick = await lastTick();
  // Several redraws later, still mid-run: the chart has changed and its x-axis reaches further.
  await expect.poll(async () => (await lastTick()) > firstTick, { timeout: 30_000 }).toBe(true);
  await expect(statusOf(d)).toHaveText(/^Iteration [\d,]+ of 100,000/);
  expect(await chart.innerHTML()).not.toBe(firstSvg);
  await d.getByRole('button', { name: 'Pause' }).click();
});
