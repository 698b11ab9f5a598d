/**
 * Fuzzed links in a real browser: hostile URL hashes in the book's own format (tests/e2e/fuzz-hash.ts makes them
 * from fixed seeds, ten on every chapter and every embed page: 340 links). All 340 are checked in jsdom by
 * tests/unit/hostile/links.test.tsx, which hydrates the island each link names and sets the same traps. This spec
 * keeps a slice of them in Chromium, for what jsdom cannot show: the built pages as served (Astro's islands
 * hydrating with client:visible and client:load, the variant picker scrolled into view), real dialogs, `pageerror`,
 * failed and off-site requests, the browser's own URL parsing and script execution. By default it opens three
 * routes (a chapter with several demos and a variant picker, a chapter with two, and an embed page comparing
 * several demos) with their ten links each; with LC_FULL set it opens every route, as before. Each link opens in
 * a fresh document with traps for dialogs, uncaught errors, console errors and a `window.__pwned` marker the
 * payloads would set: no script runs, nothing is thrown, no prototype is polluted, and the demo the link names
 * shows a message beside its controls, as text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { builtPages, watchPage } from './site';
import { demo } from './demo';
import { fuzzCases, KEYS } from './fuzz-hash';

const PER_ROUTE = 10;
const routes = builtPages().filter((p) => p.startsWith('/chapters/') || p.startsWith('/embed/'));
/** The routes opened by default: every route when LC_FULL is set (the unit test checks all of them in jsdom). */
const SLICE = ['/chapters/learning-rate/', '/chapters/pooling/', '/embed/loss-gallery/'];
const browsed = process.env.LC_FULL ? routes : routes.filter((r) => SLICE.includes(r));

/** The page's demos, from its built HTML: those with controls (they read a link) and the rest. */
function demosOf(route: string): { targets: string[]; others: string[] } {
  const html = readFileSync(join('dist', route, 'index.html'), 'utf8');
  const starts = [...html.matchAll(/<section class="lc-experiment[^>]*data-demo="([^"]+)"/g)];
  const targets: string[] = [];
  const others: string[] = [];
  starts.forEach((m, i) => {
    const body = html.slice(m.index, starts[i + 1]?.index ?? html.length);
    (body.includes('class="lc-live"') ? targets : others).push(m[1]);
  });
  return { targets, others: route.startsWith('/embed/') ? targets : [] };
}

/** Route r's links: seeded by its place among all routes, so a slice opens the same links as the full run and the unit test. */
const casesOf = (route: string) => {
  const { targets, others } = demosOf(route);
  return fuzzCases(targets, others, 1300 + routes.indexOf(route), PER_ROUTE);
};

test('the fuzz covers every chapter and embed page with 300 links or more, and knows every control key', () => {
  expect(routes.filter((r) => r.startsWith('/chapters/')).length).toBeGreaterThanOrEqual(5);
  expect(routes.filter((r) => r.startsWith('/embed/')).length).toBeGreaterThanOrEqual(29);
  // The full set (all checked by tests/unit/hostile/links.test.tsx): ten links a route, each naming a demo with
  // controls on its page, or nothing on a page without one.
  const all = routes.map((route) => ({ route, targets: demosOf(route).targets, cases: casesOf(route) }));
  expect(all.flatMap((a) => a.cases).length).toBeGreaterThanOrEqual(300);
  for (const { route, targets, cases } of all) {
    expect(cases, route).toHaveLength(PER_ROUTE);
    for (const c of cases) expect(c.target === null ? targets.length === 0 : targets.includes(c.target), `${route}${c.hash}`).toBe(true);
  }
  // The browser slice is there, and its pages have demos for the links to name (the pooling chapter's variant picker too).
  expect(browsed).toEqual(process.env.LC_FULL ? routes : SLICE);
  expect(demosOf('/chapters/pooling/').targets).toEqual(expect.arrayContaining(['pool-maps', 'pool-max3', 'pool-probes']));
  for (const route of SLICE) expect(demosOf(route).targets.length, route).toBeGreaterThanOrEqual(2);
  expect(KEYS).toEqual(expect.arrayContaining(['lr', 'sizes', 'layers', 'it', 'ep', 'seed']));
  // Seeded: the same links every run.
  expect(fuzzCases(['a'], [], 1, 5)).toEqual(fuzzCases(['a'], [], 1, 5));
});

/** Installs the traps once per page: dialogs are recorded and dismissed. */
function trap(page: Page) {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  return { dialogs, problems: watchPage(page) };
}

browsed.forEach((route) => {
  const cases = casesOf(route);
  test(`${route}: ${PER_ROUTE} hostile links run no script, throw nothing and are answered beside the demo`, async ({ page }) => {
    test.setTimeout(600_000);
    const { dialogs, problems } = trap(page);
    for (const [i, { hash, target }] of cases.entries()) {
      const where = `link ${i}: ${route}${hash.length > 300 ? `${hash.slice(0, 300)}… (${hash.length} chars)` : hash}`;
      if (process.env.FUZZ_LOG) console.log(new Date().toISOString(), where.slice(0, 200));
      await test.step(where.slice(0, 160), async () => {
        // A fresh document each time: a demo still hydrating on the last one would rewrite the hash under us.
        await page.goto('about:blank');
        await page.goto(route + hash, { waitUntil: 'domcontentloaded' });
        await expect(page.locator('h1').first(), where).toBeVisible();
        if (target) {
          // A variant behind a row of choices is shown once its picker is live (the link chooses it).
          const picker = page.locator('[data-picker]', { has: page.locator(`[data-demo="${target}"]`) });
          if (await picker.count()) await picker.scrollIntoViewIfNeeded();
          const d = await demo(page, target);
          const message = d.locator('.lc-link-issues:visible, .lc-field__error:visible').first();
          await expect(message, where).toBeVisible();
          expect((await message.textContent())?.trim().length, where).toBeGreaterThan(20);
          // Whatever the link carried is shown as text: no element of its making inside the message.
          expect(await d.locator('.lc-link-issues *, .lc-field__error *').count(), where).toBe(0);
          await expect(d.getByRole('button', { name: /^Train/ }).first(), where).toBeVisible();
        } else {
          await page.waitForLoadState('networkidle');
        }
        const state = await page.evaluate(() => ({
          pwned: (globalThis as { __pwned?: unknown }).__pwned ?? null,
          polluted: ({} as Record<string, unknown>).polluted ?? null,
          injected: document.querySelectorAll('img[src="x"], iframe[srcdoc], svg[onload]').length,
        }));
        expect({ ...state, dialogs, errors: problems.consoleErrors }, where).toEqual({
          pwned: null,
          polluted: null,
          injected: 0,
          dialogs: [],
          errors: [],
        });
      });
    }
    expect(problems.failedRequests.filter((f) => !f.includes('net::ERR_ABORTED'))).toEqual([]);
    expect(problems.offsiteRequests).toEqual([]);
  });
});
