/**
 * Fuzzed links: 340 hostile URL hashes in the book's own format, ten on every chapter and every embed page
 * (tests/e2e/fuzz-hash.ts makes them from fixed seeds). One page per route opens each link in turn, with traps
 * for dialogs, uncaught errors, console errors and a `window.__pwned` marker the payloads would set: no script
 * runs, nothing is thrown, no prototype is polluted, and the demo the link names shows a message beside its
 * controls, as text.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { builtPages, watchPage } from './site';
import { demo } from './demo';
import { fuzzCases, KEYS } from './fuzz-hash';

const PER_ROUTE = 10;
const routes = builtPages().filter((p) => p.startsWith('/chapters/') || p.startsWith('/embed/'));

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

test('the fuzz covers every chapter and embed page with 300 links or more, and knows every control key', () => {
  expect(routes.filter((r) => r.startsWith('/chapters/')).length).toBeGreaterThanOrEqual(5);
  expect(routes.filter((r) => r.startsWith('/embed/')).length).toBeGreaterThanOrEqual(29);
  expect(routes.length * PER_ROUTE).toBeGreaterThanOrEqual(300);
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

routes.forEach((route, r) => {
  const { targets, others } = demosOf(route);
  const cases = fuzzCases(targets, others, 1300 + r, PER_ROUTE);
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
        expect({ ...state, dialogs, errors: problems.consoleErrors }, where).toEqual({ pwned: null, polluted: null, injected: 0, dialogs: [], errors: [] });
      });
    }
    expect(problems.failedRequests.filter((f) => !f.includes('net::ERR_ABORTED'))).toEqual([]);
    expect(problems.offsiteRequests).toEqual([]);
  });
});
