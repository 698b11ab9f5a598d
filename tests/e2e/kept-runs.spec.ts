/**
 * Runs that survive a reload (#26 §2), as a reader sees them on the fixture page: a finished run's curve, status
 * and gallery entry come back after a reload, with a line saying how much of the browser's storage the page's
 * runs use; "Forget my runs" clears them for good. A run paused after three Steps comes back paused at iteration
 * 3 and Resume finishes it, its iterations going on from 4 (no step counted twice). With IndexedDB blocked (a
 * private window) the page trains as before and says its runs will not be kept.
 */
import { expect, test, type Locator } from '@playwright/test';
import { demo, shownData, statusOf, trainToEnd } from './demo';
import { uncaught } from './hooks';

const costFigure = (d: Locator) => d.locator('figure').filter({ has: d.page().getByRole('heading', { name: 'Cost', exact: true }) });
const kept = (d: Locator) => d.getByTestId('kept-runs');

/** The cost chart's table rows (iteration and values), as "Show data" shows them. */
const costRows = async (d: Locator) => (await shownData(costFigure(d))).rows;

test('a finished run comes back after a reload: status, curve and gallery; Forget my runs clears them', async ({ page }) => {
  const errors = uncaught(page);
  await page.goto('/test/kit/');
  let d = await demo(page, 'fx-binary');
  await trainToEnd(d, 60_000);
  await expect(kept(d)).toHaveText(
    /^Your runs on this page use \d+\.\d MB of this browser’s storage \(the book keeps at most 50\.0 MB; the oldest runs go first\)\.Forget my runs$/,
  );
  const status = (await statusOf(d).textContent())!.replace(/ · [\d,]+ samples\/s.*$/, '');
  const rows = await costRows(d);
  expect(rows.length).toBeGreaterThan(1);
  // The curve as drawn (Plot's line marks).
  const lines = costFigure(d).locator('svg [aria-label="line"] path');
  await expect(lines.first()).toBeVisible();
  const drawn = await lines.evaluateAll((ps) => ps.map((p) => p.getAttribute('d')));

  await page.reload();
  d = await demo(page, 'fx-binary');
  await expect(statusOf(d)).toHaveText(new RegExp(`^${status.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `));
  await expect(kept(d)).toHaveText(/^1 run came back from your last visit\. Your runs on this page use \d+\.\d MB/);
  expect(await costRows(d)).toEqual(rows);
  await expect(costFigure(d).locator('svg [aria-label="line"] path').first()).toBeVisible();
  expect(
    await costFigure(d)
      .locator('svg [aria-label="line"] path')
      .evaluateAll((ps) => ps.map((p) => p.getAttribute('d'))),
  ).toEqual(drawn);
  const gallery = await demo(page, 'fx-gallery');
  await expect(gallery.getByRole('status').first()).toHaveText(/^1 run kept\./);
  await expect(kept(gallery)).toContainText('Your runs on this page use');
  // Train again still works, and labels the new run beside the kept one.
  await expect(d.getByRole('button', { name: 'Train again' })).toBeEnabled();

  await kept(d).getByRole('button', { name: 'Forget my runs' }).click();
  await expect(kept(d)).toHaveText(
    'Forgotten: this browser keeps none of this page’s runs now. The runs on screen go when you leave; new runs will be kept.',
  );
  await expect(kept(d)).toBeFocused();
  await page.reload();
  d = await demo(page, 'fx-binary');
  await expect(statusOf(d)).toHaveText('Ready. Press Train to start.');
  await expect((await demo(page, 'fx-gallery')).getByRole('status').first()).toHaveText(/^No runs yet\./);
  await expect(kept(d)).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a paused run comes back paused and Resume finishes it, the iterations going on', async ({ page }) => {
  const errors = uncaught(page);
  await page.goto('/test/kit/');
  let d = await demo(page, 'fx-binary');
  const step = d.getByRole('button', { name: 'Step', exact: true });
  for (let i = 1; i <= 3; i++) {
    await step.click();
    await expect(statusOf(d)).toHaveText(new RegExp(`^Paused at Iteration ${i} of 20 · `));
  }
  await expect(kept(d)).toContainText('Your runs on this page use');
  const before = await costRows(d);
  expect(before.map((r) => r[0])).toEqual(['1', '2', '3']);

  await page.reload();
  d = await demo(page, 'fx-binary');
  await expect(statusOf(d)).toHaveText(/^Paused at Iteration 3 of 20 · cost \d\.\d{7} · /);
  await expect(d.locator('.lc-status__notice')).toHaveText(
    'Kept from your last visit. Resume continues from its saved weights and step, with the same batches, as if it had never stopped.',
  );
  expect(await costRows(d)).toEqual(before);
  await d.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(statusOf(d)).toHaveText(/^Done: Iteration 20 of 20 · /, { timeout: 60_000 });
  const after = (await costRows(d)).map((r) => r[0]);
  expect(after).toEqual(['1', '2', '3', '10', '20']);
  expect(errors).toEqual([]);
});

test('with IndexedDB blocked the page trains as before and says runs will not be kept', async ({ page }) => {
  const errors = uncaught(page);
  await page.addInitScript(() => Object.defineProperty(window, 'indexedDB', { get: () => undefined, configurable: true }));
  await page.goto('/test/kit/');
  const d = await demo(page, 'fx-binary');
  await trainToEnd(d, 60_000);
  await expect(kept(d)).toHaveText(
    'Your runs will not be kept after a reload: this browser does not let the page store them (a private window, or site data blocked).',
  );
  expect(errors).toEqual([]);
});
