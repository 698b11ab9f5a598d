/**
 * Content-Security-Policy: every built page carries one with no 'unsafe-eval' and no inline script but hashed
 * ones (read from dist/); a page's demo trains without a single violation (the browser's `securitypolicyviolation`
 * events and its console reports) and every request goes to the site's own origin: one chapter here, every page
 * with a demo under `npm run test:full`. Loading every page under its policy, and search (WebAssembly) under it,
 * are checked in site.spec.ts; every kind of demo trains under it in fixture.spec.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { builtPages } from './site';
import { cspGuard } from './csp-guard';
import { demo, statusOf } from './demo';
import { slice } from './full';
import { untilStep } from './hooks';

const pages = builtPages();

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
  expect(readFileSync('dist/_headers', 'utf8')).toMatch(
    /Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-/,
  );
});

// Every page is loaded under its policy in site.spec.ts, and every kind of demo trained in fixture.spec.ts; here one
// chapter's first demo trains under the policy, and every page's under `npm run test:full`.
for (const path of slice(
  pages.filter((p) => trainable(p)),
  (p) => p === '/chapters/learning-rate/',
  1,
)) {
  const { id, curve } = trainable(path)!;
  test(`${path}: trains ${id} under the policy, with no violation and no request elsewhere`, async ({ page }) => {
    const g = await cspGuard(page);
    await page.goto(path, { waitUntil: 'networkidle' });
    await expect(page.locator('h1').first()).toBeVisible();
    const d = await demo(page, id);
    await d.getByRole('button', { name: /^Train/ }).click();
    await untilStep(d, 1, 90_000);
    // Observable Plot draws under the policy too.
    if (curve) await expect(d.locator('figure svg').first()).toBeVisible({ timeout: 30_000 });
    // Pause if it is still training (checked and pressed in one go: a diverging run ends by itself).
    await d.evaluate((el) => [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Pause' && !b.disabled)?.click());
    await expect(statusOf(d)).toHaveText(/^(Paused at|Done|Stopped at)/);
    expect(await g.violations()).toEqual([]);
    expect(g.problems.consoleErrors).toEqual([]);
    expect(g.foreign).toEqual([]);
  });
}
