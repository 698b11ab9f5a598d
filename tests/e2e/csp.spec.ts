/**
 * Content-Security-Policy: every built page carries one with no 'unsafe-eval' and no inline script but hashed
 * ones; every page loads, and each page with a demo trains it, without a single violation (the browser's
 * `securitypolicyviolation` events and its console reports); search (WebAssembly) works under it; every request
 * goes to the site's own origin.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { builtPages, watchPage } from './site';
import { demo, statusOf } from './demo';
import { untilStep } from './hooks';

const pages = builtPages();

/** Records CSP violations from the first script on, and every request that leaves the page's origin. */
async function guard(page: Page) {
  await page.addInitScript(() => {
    const seen: string[] = ((globalThis as { __cspViolations?: string[] }).__cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`));
  });
  const problems = watchPage(page);
  const foreign: string[] = [];
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['data:', 'blob:'].includes(url.protocol) && url.origin !== new URL(page.url() === 'about:blank' ? r.url() : page.url()).origin) foreign.push(r.url());
  });
  return {
    problems,
    foreign,
    violations: () => page.evaluate(() => (globalThis as { __cspViolations?: string[] }).__cspViolations ?? []),
  };
}

/** The first demo on a page that can be trained, from its built HTML, and whether it draws a curve as it trains. */
function trainable(path: string): { id: string; curve: boolean } | null {
  const html = readFileSync(join('dist', path, 'index.html'), 'utf8');
  for (const m of html.matchAll(/<section class="lc-experiment[^>]*data-demo="([^"]+)"/g)) {
    const rest = html.slice(m.index);
    const end = rest.indexOf('<section class="lc-experiment', 10);
    const body = end > 0 ? rest.slice(0, end) : rest;
    if (/>Train<\/button>/.test(body)) return { id: m[1], curve: /curve appears here once you train/.test(body) };
  }
  return null;
}

test('every page has a policy without eval or unhashed inline script', () => {
  expect(pages.length).toBeGreaterThan(30);
  for (const path of pages) {
    const html = readFileSync(join('dist', path, 'index.html'), 'utf8');
    const policy = /<head><meta charset="utf-8"\/?><meta http-equiv="content-security-policy" content="([^"]+)">/.exec(html)?.[1];
    expect(policy, path).toBeTruthy();
    const script = policy!.split('; ').find((d) => d.startsWith('script-src '))!;
    expect(script, path).not.toMatch(/'unsafe-eval'|'unsafe-inline'|\*|https?:|data:|blob:/);
    expect(policy, path).toContain("default-src 'self'");
  }
  expect(readFileSync('dist/_headers', 'utf8')).toMatch(/Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/);
});

for (const path of pages) {
  const { id, curve } = trainable(path) ?? { id: null, curve: false };
  test(`${path}: loads${id ? ` and trains ${id}` : ''} under the policy, with no violation and no request elsewhere`, async ({ page }) => {
    const g = await guard(page);
    await page.goto(path, { waitUntil: 'networkidle' });
    await expect(page.locator('h1').first()).toBeVisible();
    if (id) {
      const d = await demo(page, id);
      await d.getByRole('button', { name: /^Train/ }).click();
      await untilStep(d, 1, 90_000);
      // Observable Plot draws under the policy too.
      if (curve) await expect(d.locator('figure svg').first()).toBeVisible({ timeout: 30_000 });
      // Pause if it is still training (checked and pressed in one go: a diverging run ends by itself).
      await d.evaluate((el) => [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Pause' && !b.disabled)?.click());
      await expect(statusOf(d)).toHaveText(/^(Paused at|Done|Stopped at)/);
    }
    expect(await g.violations()).toEqual([]);
    expect(g.problems.consoleErrors).toEqual([]);
    expect(g.foreign).toEqual([]);
  });
}

test('search works under the policy', async ({ page }) => {
  const g = await guard(page);
  await page.goto('/');
  await page.getByRole('button', { name: 'Search' }).first().click();
  await page.getByRole('searchbox').or(page.getByPlaceholder(/search/i)).first().fill('pooling');
  await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /\/chapters\//);
  expect(await g.violations()).toEqual([]);
  expect(g.problems.consoleErrors).toEqual([]);
  expect(g.foreign).toEqual([]);
});
