/**
 * Every built page, visited once: it renders its heading with no console error, failed or off-site request,
 * KaTeX error or Content-Security-Policy violation, and nothing scrolls sideways at 375 px; axe finds no serious
 * or critical violation in light and dark (the dark pass runs the colour rules only: the rest cannot change with
 * the theme). Then search and the theme switch. Every demo's controls and views are audited before a run on its
 * chapter page; so `npm test` audits the bare embed shell on a slice of embed pages (a demo, a sweep, a gallery)
 * and `npm run test:full` on every one. (Demos are trained under the policy in fixture.spec.ts and csp.spec.ts.)
 */
import { expect, test } from '@playwright/test';
import { COLOUR_RULES, seriousViolations, setTheme } from './axe';
import { cspGuard } from './csp-guard';
import { FULL } from './full';
import { builtPages, useTheme } from './site';

const pages = builtPages();
const EMBED_SLICE = ['/embed/lr-stuck/', '/embed/lr-sweep/', '/embed/pool-gallery/'];
const audited = (path: string) => FULL || !path.startsWith('/embed/') || EMBED_SLICE.includes(path);

test('the built site has the book pages', () => {
  expect(pages).toEqual(expect.arrayContaining(['/', '/chapters/how-to-use/', '/about/data/', '/test/kit/']));
  expect(pages.length).toBeGreaterThan(30);
  expect(pages).toEqual(expect.arrayContaining(EMBED_SLICE));
});

for (const path of pages) {
  test(`page ${path}: renders cleanly under its policy${audited(path) ? ', passes axe light and dark' : ''}, no sideways scroll at 375 px`, async ({
    page,
  }) => {
    const guard = await cspGuard(page);
    await page.setViewportSize({ width: 1280, height: 800 });
    await setTheme(page, 'light');
    await page.goto(path, { waitUntil: 'networkidle' });
    await expect(page.locator('h1').first()).toBeVisible();
    // KaTeX renders a formula it cannot parse as red source text instead of failing the build.
    expect(await page.locator('.katex-error').allTextContents()).toEqual([]);
    if (audited(path)) {
      expect(await seriousViolations(page), 'light').toEqual([]);
      await setTheme(page, 'dark');
      expect(await seriousViolations(page, { rules: COLOUR_RULES }), 'dark').toEqual([]);
    }
    await page.setViewportSize({ width: 375, height: 800 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, 'sideways scroll at 375 px').toBeLessThanOrEqual(0);
    expect(await guard.violations()).toEqual([]);
    expect(guard.problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
    expect(guard.foreign).toEqual([]);
  });
}

test('search finds a word that only a chapter contains, under the policy', async ({ page }) => {
  const guard = await cspGuard(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  const input = page
    .getByRole('searchbox')
    .or(page.getByPlaceholder(/search/i))
    .first();
  await input.fill('reproducibility');
  const hit = page.locator('.pagefind-ui__result-link').first();
  await expect(hit).toBeVisible();
  await expect(hit).toHaveAttribute('href', /\/chapters\/how-to-use\//);
  // The test-only fixture page is not indexed.
  await input.fill('fixture');
  await expect(page.locator('.pagefind-ui__message')).toBeVisible();
  expect(
    await page
      .locator('.pagefind-ui__result-link')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href')).filter((h) => h?.includes('/test/'))),
  ).toEqual([]);
  expect(await guard.violations()).toEqual([]);
  expect(guard.problems.consoleErrors).toEqual([]);
  expect(guard.foreign).toEqual([]);
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

test('glossary terms show their definition on focus and hover; term, glossary and citation links all resolve', async ({ page }) => {
  // The glossary page lists every entry under its id.
  await page.goto('/about/glossary/');
  const entries = await page.locator('.lc-glossary dt[id]').evaluateAll((dts) => dts.map((dt) => dt.id));
  expect(entries.length).toBeGreaterThan(30);
  // Every chapter: each term links to an entry, each citation to an item of the chapter's References.
  for (const path of pages.filter((p) => p.startsWith('/chapters/'))) {
    await page.goto(path);
    const terms = await page.locator('.lc-term__link').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(terms.length, path).toBeGreaterThan(0);
    expect(
      terms.filter((href) => !entries.includes(href.replace(/^\/about\/glossary\/#/, ''))),
      path,
    ).toEqual([]);
    const dangling = await page
      .locator('.lc-cite')
      .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? '').filter((h) => !document.querySelector(`[data-references] ${h}`)));
    expect(dangling, path).toEqual([]);
    expect(await page.locator('[data-references] > li').count(), path).toBeGreaterThanOrEqual(3);
  }
  // On a chapter: the definition is hidden until the term has focus or the pointer, and is the link's description.
  await page.goto('/chapters/loss-accuracy/');
  const logit = page.locator('#term-logit');
  const tip = logit.getByRole('tooltip');
  await expect(tip).toBeHidden();
  await logit.getByRole('link').focus();
  await expect(tip).toBeVisible();
  await expect(tip).toContainText('log-odds');
  await expect(logit.getByRole('link')).toHaveAccessibleDescription(/log-odds/);
  await page.keyboard.press('Escape');
  await expect(tip).toBeHidden();
  await logit.getByRole('link').blur();
  const ece = page.locator('#term-ece');
  await ece.getByRole('link').hover();
  await expect(ece.getByRole('tooltip')).toBeVisible();
  await expect(ece.getByRole('tooltip')).toContainText('mean confidence');
  // It fits in the window.
  const box = (await ece.getByRole('tooltip').boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  await page.mouse.move(5, 5);
  await expect(ece.getByRole('tooltip')).toBeHidden();
  // Following a term lands on its entry.
  await logit.getByRole('link').click();
  await expect(page).toHaveURL(/\/about\/glossary\/#logit$/);
  await expect(page.locator('dt#logit')).toBeInViewport();
});
