/**
 * The "Diagnose your training" page (src/reference/diagnosis.ts): it renders every symptom with a link into its
 * chapter, and a link opened from it lands on the chapter with the demo showing the link's setting — here the
 * learner's learning rate 1, and 10,000 training images in the pooling comparison (both differ from the defaults).
 */
import { expect, test } from '@playwright/test';
import { DIAGNOSES } from '../../src/reference/diagnosis';
import { demo } from './demo';
import { watchPage } from './site';

test('every symptom has its causes, a link into its chapter with the demo pre-set, and what to try', async ({ page }) => {
  const problems = watchPage(page);
  await page.goto('/about/diagnose/');
  await expect(page.locator('section[data-diagnosis]')).toHaveCount(DIAGNOSES.length);
  for (const d of DIAGNOSES) {
    const row = page.locator(`section[data-diagnosis="${d.id}"]`);
    await expect(row.getByRole('heading', { level: 2 })).toHaveText(d.title);
    await expect(row.locator('a[data-diagnosis-link="reproduce"]')).toHaveAttribute('href', d.reproduce.href);
    await expect(row.locator('ul > li')).toHaveCount(d.causes.length);
    await expect(row.locator('ol > li')).toHaveCount(d.tryThis.length);
  }
  expect(problems.consoleErrors).toEqual([]);
  expect(problems.failedRequests).toEqual([]);
});

for (const id of ['flat-cost', 'less-information']) {
  const row = DIAGNOSES.find((d) => d.id === id)!;
  const shows = row.reproduce.shows!;
  test(`“${row.title}”: the link opens ${shows.demo} with ${shows.field} ${shows.value}`, async ({ page }) => {
    test.setTimeout(90_000);
    const problems = watchPage(page);
    await page.goto('/about/diagnose/');
    await page.locator(`section[data-diagnosis="${id}"] a[data-diagnosis-link="reproduce"]`).click();
    await expect(page).toHaveURL(new RegExp(`${row.chapter.href}#`));
    const d = await demo(page, shows.demo);
    await expect(d.getByLabel(shows.field, { exact: true })).toHaveValue(shows.value);
    // The demo took the link without complaint.
    await expect(d.locator('.lc-field__error:visible')).toHaveCount(0);
    expect(problems.consoleErrors).toEqual([]);
  });
}
