/**
 * axe with every rule (its experimental and AAA ones too) at 1280 px on one page: Starlight's search button shows
 * "Search Ctrl K", so its accessible name must contain that (WCAG 2.5.3, label-content-name-mismatch), not just
 * "Search". Only what axe says about the search component is asserted here: the site's other rules are audited,
 * with axe's default rules, in site.spec.ts.
 */
import { expect, test } from '@playwright/test';
import { ALL_RULES, seriousViolations } from './axe';

test('axe with every rule at 1280 px finds nothing serious about the search button: it is named by what it shows', async ({ page }) => {
  expect(ALL_RULES).toContain('label-content-name-mismatch');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/about/kit/');
  const button = page.locator('site-search button[data-open-modal]');
  await expect(button.locator(':scope > kbd')).toBeVisible();
  await expect(button).toHaveAccessibleName('Search Ctrl K');
  const search = (await seriousViolations(page, { rules: ALL_RULES })).filter((v) =>
    /data-open-modal|site-search|starlight__search/.test(v),
  );
  expect(search).toEqual([]);
  // The same, with axe looking at the search component alone (so nothing elsewhere could hide it).
  expect(await seriousViolations(page, { rules: ALL_RULES, include: 'site-search' })).toEqual([]);
  // The words are apart in the text too.
  expect(await button.evaluate((b) => b.textContent!.replace(/\s+/g, ' ').trim())).toBe('Search Ctrl K');
});
