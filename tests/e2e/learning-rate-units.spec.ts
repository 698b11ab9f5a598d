/**
 * The learning-rate chapter's figure of each hidden unit's largest pre-activation z over the training images, per
 * recorded iteration: one series per hidden unit, and at learning rate 1 every series ends at or below 0 (every unit
 * dead). 50 iterations: the seed-9 run's last unit dies at iteration 46 on the engine's CPU backend
 * (tests/unit/train/pre-activations.test.ts; src/reference/learning-rate.json), and the run records every 10th
 * iteration, so 50 is the first recorded iteration past it, with a few iterations to spare for another backend's
 * rounding (the chapter's reproducibility box).
 */
import { expect, test } from '@playwright/test';
import { watchPage } from './site';
import { demo, shownData, trainToEnd } from './demo';

const CHAPTER = '/chapters/learning-rate/';
const TITLE = 'Each hidden unit’s largest z over the training images';

test('largest z per hidden unit: one series per unit; at learning rate 1 every series crosses 0 and ends at or below it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const problems = watchPage(page);
  await page.goto(`${CHAPTER}#lr-stuck:lr=1&it=50`);
  const d = await demo(page);
  const figure = d.locator('figure').filter({ has: page.getByRole('heading', { name: TITLE }) });
  await expect(figure.locator('.lc-figure__empty')).toBeVisible();
  await trainToEnd(d, 60_000);

  // Seven hidden units: seven lines, seven columns.
  await expect(figure.locator('g.lc-preact-line path')).toHaveCount(7);
  const { headers, rows } = await shownData(figure);
  expect(headers).toEqual(['iteration', ...[1, 2, 3, 4, 5, 6, 7].map((u) => `unit ${u}`)]);
  const first = rows[0].slice(1).map(Number);
  const last = rows.at(-1)!.slice(1).map(Number);
  expect(rows[0][0]).toBe('1');
  expect(rows.at(-1)![0]).toBe('50');
  // Every unit fires for some image at the start, and for none at the end: each line crossed 0.
  expect(
    first.every((z) => z > 0),
    `first row ${first}`,
  ).toBe(true);
  expect(
    last.every((z) => z <= 0),
    `last row ${last}`,
  ).toBe(true);
  await expect(figure.locator('figcaption')).toHaveText(
    /^All 7 units dead: every line is at or below 0 from the record at iteration (\d+) on\./,
  );
  // The dead-unit meter agrees with the lines.
  await expect(d.getByTestId('dead-units')).toHaveText('7 of 7 hidden units dead');

  // The series follow the network: three hidden units, three lines (two recorded iterations are enough).
  await d.getByLabel('Layer sizes').fill('[784, 3, 1]');
  await d.getByLabel('Iterations').fill('2');
  await trainToEnd(d, 60_000);
  await expect(figure.locator('g.lc-preact-line path')).toHaveCount(3);
  expect((await shownData(figure)).headers).toEqual(['iteration', 'unit 1', 'unit 2', 'unit 3']);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
});
