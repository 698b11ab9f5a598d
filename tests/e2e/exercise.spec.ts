/**
 * Exercises checked against the reader's runs (issue 25 §2), on the kit fixture: before any run the exercise says so;
 * a run at other settings does not count and says why; a run that meets it is "Done" with what it showed; one that
 * does not is explained with the run's own number.
 */
import { expect, test } from '@playwright/test';
import { demo, finalCost, trainToEnd } from './demo';

test('an exercise checks the reader’s runs: does not count, not yet, done — each with what the run showed', async ({ page }) => {
  await page.goto('/test/kit/');
  const met = page.locator('[data-exercise="fx-exercise-met"]');
  const unmet = page.locator('[data-exercise="fx-exercise-unmet"]');
  await expect(met).toContainText('Exercise 1. At learning rate 0.05, make the cost end below 0.69.');
  await expect(met).toContainText('No run of that demo on this page yet');
  const d = await demo(page, 'fx-binary');
  // Another learning rate: the run does not count, and the exercise says why.
  await d.getByRole('button', { name: '0.5', exact: true }).click();
  await trainToEnd(d);
  await expect(met.locator('li').first()).toHaveText(/^Your run “.+” does not count: its learning rate was 0\.5, not 0\.05\.$/);
  await expect(met).toHaveAttribute('data-done', 'false');
  await d.getByRole('button', { name: '0.05', exact: true }).click();
  await trainToEnd(d);
  const cost = await finalCost(d);
  const shown = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 }).format(cost);
  await expect(met).toHaveAttribute('data-done', String(cost < 0.69));
  const number = shown.replace('.', '\\.');
  await expect(met.locator('li').first()).toHaveText(
    new RegExp(`^${cost < 0.69 ? 'Done' : 'Not yet'}\\. Your run “.+”: the cost ended at ${number}\\.$`),
  );
  // The other exercise explains the same run with its own number.
  await expect(unmet.locator('li').first()).toHaveText(new RegExp(`^Not yet\\. Your run “.+”: the cost ended at ${number}\\.$`));
  await expect(unmet).toHaveAttribute('data-done', 'false');
});
