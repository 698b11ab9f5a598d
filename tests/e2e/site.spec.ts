import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { builtPages, useTheme, watchPage } from './site';

const pages = builtPages();

test('the built site has the book pages', () => {
  expect(pages).toEqual(expect.arrayContaining(['/', '/chapters/how-to-use/', '/about/data/']));
});

for (const path of pages) {
  test.describe(`page ${path}`, () => {
    test('renders with no console errors, failed or off-site requests', async ({ page }) => {
      const problems = watchPage(page);
      await page.goto(path, { waitUntil: 'networkidle' });
      await expect(page.locator('h1').first()).toBeVisible();
      // KaTeX renders a formula it cannot parse as red source text instead of failing the build.
      expect(await page.locator('.katex-error').allTextContents()).toEqual([]);
      expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
    });

    test('does not scroll sideways at 375 px', async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 800 });
      await page.goto(path, { waitUntil: 'networkidle' });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });

    for (const theme of ['light', 'dark'] as const) {
      test(`has no serious accessibility violations (${theme})`, async ({ page }) => {
        await useTheme(page, theme);
        await page.goto(path, { waitUntil: 'networkidle' });
        const results = await new AxeBuilder({ page }).analyze();
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
        expect(serious).toEqual([]);
      });
    }
  });
}

test('search finds a word that only a chapter contains', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  const input = page.getByRole('searchbox').or(page.getByPlaceholder(/search/i)).first();
  await input.fill('reproducibility');
  const hit = page.locator('.pagefind-ui__result-link').first();
  await expect(hit).toBeVisible();
  await expect(hit).toHaveAttribute('href', /\/chapters\/how-to-use\//);
});

test('dark mode toggles and persists', async ({ page }) => {
  await useTheme(page, 'light');
  await page.goto('/chapters/how-to-use/');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const select = page.locator('starlight-theme-select select').first();
  await select.selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect(background).not.toBe('rgb(255, 255, 255)');
});
