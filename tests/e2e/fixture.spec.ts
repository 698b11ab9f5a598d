/**
 * The kit fixture page (/test/kit/, src/fixtures/kit.ts): a tiny demo of every control, view and island kind,
 * which tests/unit/kit/fixture.test.ts keeps complete. Here, in a real browser: every kind trains under the
 * Content-Security-Policy and draws what it shows mid-run and after; axe finds no serious violation after the
 * runs, light and dark, at 1280 and 375 px; Reset brings the worker's tensors back to where they started; and
 * every start/pause/reset button pressed 50 times as fast as the page renders leaves no run, tensor or error.
 * The book's own demos are trained at full size by `npm run test:full` (stress and a11y-demos specs).
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { COLOUR_RULES, seriousViolations, setTheme } from './axe';
import { cspGuard } from './csp-guard';
import { demo, statusOf, trainToEnd } from './demo';
import { backToBaseline, expectIdle, hammer, hydrated } from './hammer';
import { workerTest } from './hooks';
import { watchPage } from './site';

const PAGE = '/test/kit/?test-hooks';
const DEMOS = ['fx-binary', 'fx-cnn', 'fx-multiclass'];

/** The headings of a demo's figures that have drawn a chart (an SVG). */
const drawn = (d: Locator) =>
  d
    .locator('figure.lc-figure')
    .evaluateAll((figs) =>
      figs.filter((f) => f.querySelector('.lc-figure__chart svg')).map((f) => f.querySelector('h3, h4')?.textContent?.trim() ?? '?'),
    );

/** axe at 1280 and 375 px, each in light (every rule) and dark (the colour rules: nothing else changes with the theme). */
async function axeEverywhere(page: Page): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: 900 });
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      const serious = await seriousViolations(page, { rules: theme === 'dark' ? COLOUR_RULES : undefined });
      if (serious.length) found[`${width} px ${theme}`] = serious;
    }
  }
  return found;
}

test('every kind of control, view and island trains under the policy, draws while it runs, passes axe and frees its tensors', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const guard = await cspGuard(page);
  await page.goto(PAGE);
  await hydrated(page);
  const baseline = (await workerTest(page, 'memory')).numTensors;

  // The binary MLP: its curves are drawn mid-run, not only at the end (a long run, paused).
  const binary = await demo(page, 'fx-binary');
  await binary.getByLabel('Iterations').fill('100000');
  await binary.getByRole('button', { name: /^Train/ }).click();
  await expect.poll(() => drawn(binary), { timeout: 60_000 }).toEqual(expect.arrayContaining(['Cost', 'Accuracy']));
  await expect(statusOf(binary)).toHaveText(/^Iteration [\d,]+ of 100,000/);
  await binary.getByRole('button', { name: 'Pause' }).click();
  await expect(statusOf(binary)).toHaveText(/^Paused at Iteration/);
  await binary.getByLabel('Iterations').fill('20');
  await trainToEnd(binary, 90_000);
  expect(await drawn(binary)).toEqual([
    'Cost',
    expect.stringMatching(/^Gradient norms/),
    expect.stringMatching(/^Largest pre-activation/),
    'Accuracy',
  ]);
  await expect(binary.getByTestId('dead-units')).toHaveText(/^\d of 4 hidden units dead$/);

  // The CNN: curves, the parameter table and the worked layer maths agree, feature maps of a chosen image, and
  // the shift test and linear probes on its finished run.
  const cnn = await demo(page, 'fx-cnn');
  await trainToEnd(cnn, 90_000);
  await expect
    .poll(() => drawn(cnn), { timeout: 60_000 })
    .toEqual(['Loss', 'Accuracy', expect.stringMatching(/^Shift test/), expect.stringMatching(/^Linear probes/)]);
  await expect(cnn.getByTestId('maths-total')).toHaveText((await cnn.getByTestId('param-total').first().textContent())!);
  await expect(cnn.locator('[data-match="no"]')).toHaveCount(0);
  await cnn.getByRole('button', { name: 'Show the feature maps' }).click();
  await cnn.getByRole('button', { name: /^Image 2:/ }).click({ timeout: 60_000 });
  await expect(cnn.locator('.lc-maps__status')).toHaveText(/^Image 2 \(.+\)/, { timeout: 60_000 });
  await expect(cnn.locator('.lc-maps__stack canvas')).toHaveCount(1 + 4 * 4);

  // The ten-class MLP: probabilities, where the validation loss comes from, reliability with its ECE, the
  // confusion matrix and temperature scaling.
  const multi = await demo(page, 'fx-multiclass');
  await trainToEnd(multi, 90_000);
  await expect
    .poll(() => drawn(multi), { timeout: 60_000 })
    .toEqual([
      expect.stringMatching(/^Probability of the true class/),
      expect.stringMatching(/^Where the validation loss comes from/),
      expect.stringMatching(/^Reliability/),
      expect.stringMatching(/^Expected calibration error/),
      expect.stringMatching(/^Confusion matrix/),
      'Reliability as trained',
      'Reliability after temperature scaling',
    ]);

  // The sweep, the gallery of the three demos, and a variant behind the picker.
  const sweep = await demo(page, 'fx-sweep');
  await sweep.getByRole('button', { name: 'Run sweep' }).click();
  await expect(statusOf(sweep)).toHaveText('Sweep finished: 3 batch sizes.', { timeout: 60_000 });
  await expect(sweep.locator('figure.lc-figure .lc-figure__chart svg').first()).toBeVisible();
  const gallery = await demo(page, 'fx-gallery');
  // The binary MLP's paused long run, its finished one, the CNN's and the ten-class MLP's.
  await expect(gallery.getByRole('status')).toHaveText(/^4 runs kept\./);
  await expect(gallery.locator('.lc-figure__chart svg').first()).toBeVisible();
  await page.locator('[data-picker="fx-picker"]').getByRole('button', { name: 'three units', exact: true }).click();
  await trainToEnd(await demo(page, 'fx-variant-b'), 90_000);
  await expect(page.locator('[data-demo="fx-variant-a"]')).toBeHidden();

  expect(await axeEverywhere(page)).toEqual({});

  for (const id of [...DEMOS, 'fx-variant-b']) await page.locator(`[data-demo="${id}"]`).getByRole('button', { name: 'Reset' }).click();
  await backToBaseline(page, baseline);
  expect(page.workers()).toHaveLength(1);
  expect(await guard.violations()).toEqual([]);
  expect(guard.problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
  expect(guard.foreign).toEqual([]);
});

test('every start, pause and reset button pressed 50 times quickly leaves no run, tensor or error behind', async ({ page }) => {
  test.setTimeout(180_000);
  const problems = watchPage(page);
  await page.goto(PAGE);
  await hydrated(page);
  const baseline = (await workerTest(page, 'memory')).numTensors;
  const pressed = await hammer(page, 50);
  // Every demo's three buttons are found enabled at least once per round, or the hammer pressed nothing.
  expect(pressed).toBeGreaterThanOrEqual(50 * 2);
  await expectIdle(page);
  await backToBaseline(page, baseline);
  expect(page.workers()).toHaveLength(1);
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
});
