/**
 * Predict, then see (issue 25 §1), on the kit fixture's binary MLP: commit an option or a drawn curve before the run,
 * train, and read one sentence computed from the run; the drawing works from the keyboard; the prediction survives a
 * reload, and skipping it never blocks Train.
 */
import { expect, test, type Page } from '@playwright/test';
import { demo, finalCost, trainToEnd } from './demo';

const PAGE = '/test/kit/';

async function fresh(page: Page) {
  await page.goto(PAGE);
  await page.evaluate(() => localStorage.removeItem('lc-predict:fx-binary'));
  await page.reload();
  return demo(page, 'fx-binary');
}

test('an option committed before the run is checked against the run, in one sentence, and kept across a reload', async ({ page }) => {
  const d = await fresh(page);
  const panel = d.locator('.lc-predict');
  await expect(panel).toContainText('Predict first. What will the cost do?');
  // The question never blocks training.
  await expect(d.getByRole('button', { name: /^Train/ })).toBeEnabled();
  await expect(panel.getByRole('button', { name: 'Commit this answer' })).toBeDisabled();
  await panel.getByLabel('the cost will fall below 0.69').check();
  await panel.getByRole('button', { name: 'Commit this answer' }).click();
  const kept = d.getByTestId('prediction');
  await expect(kept).toContainText('Your prediction: the cost will fall below 0.69.');
  await expect(kept.getByTestId('verdict')).toHaveText('Press Train to see.');
  await trainToEnd(d);
  const verdict = kept.getByTestId('verdict');
  await expect(verdict).toHaveText(
    /^You expected the cost to fall below 0\.69; it ended at [\d.]+.*\. (Your prediction held\.|Not what you expected: look again at why\.)$/,
  );
  // The sentence tells the truth about the run: held exactly when the last cost is below 0.69.
  const last = await finalCost(d);
  await expect(verdict).toHaveAttribute('data-held', String(last < 0.69));
  await page.reload();
  const again = await demo(page, 'fx-binary');
  await expect(again.getByTestId('prediction')).toContainText('Your prediction: the cost will fall below 0.69.');
});

test('a curve drawn with the keyboard is overlaid by the run’s own; a run at another setting is not compared; skipping sticks', async ({
  page,
}) => {
  const d = await fresh(page);
  const panel = d.locator('.lc-predict');
  await panel.getByRole('button', { name: 'Or draw the curve you expect' }).click();
  const first = panel.getByRole('slider', { name: 'the cost at 0 % of the run' });
  await first.focus();
  await page.keyboard.press('End');
  await expect(first).toHaveAttribute('aria-valuenow', '1');
  await page.keyboard.press('ArrowRight');
  await expect(panel.getByRole('slider', { name: 'the cost at 25 % of the run' })).toBeFocused();
  await page.keyboard.press('PageUp');
  await expect(panel.getByRole('slider', { name: 'the cost at 25 % of the run' })).toHaveAttribute('aria-valuenow', '0.7');
  await panel.getByRole('button', { name: 'Commit my curve' }).click();
  const kept = d.getByTestId('prediction');
  await expect(kept).toContainText('Your prediction: the curve you drew.');
  // At another learning rate the run is not the one predicted.
  await d.getByRole('button', { name: '0.5', exact: true }).click();
  await trainToEnd(d);
  await expect(kept.getByTestId('verdict')).toHaveText(
    'This prediction is about learning rate 0.05: set it back, then press Train to check.',
  );
  await d.getByRole('button', { name: '0.05', exact: true }).click();
  await trainToEnd(d);
  await expect(kept.getByTestId('verdict')).toHaveText(/^Your curve was within 0\.1 of the cost at [0-5] of 5 points; it ended at /);
  await expect(kept.locator('polyline.lc-predict__actual')).toHaveAttribute('points', /\d+(\.\d)?,\d+(\.\d)? \d/);
  await kept.getByRole('button', { name: 'Change' }).click();
  await panel.getByRole('button', { name: 'Skip' }).click();
  await expect(d.locator('.lc-predict')).toHaveText('You skipped the prediction. Predict');
  await page.reload();
  const again = await demo(page, 'fx-binary');
  await expect(again.locator('.lc-predict')).toHaveText('You skipped the prediction. Predict');
  await expect(again.getByRole('button', { name: /^Train/ })).toBeEnabled();
});
