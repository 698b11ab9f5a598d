/**
 * Accessibility of the demos at work: a demo's embed page has no serious or critical axe violation after a short
 * run, in light and dark; a chapter's first demo trains, pauses and resets by keyboard alone; screen readers hear
 * each phase of a run once, not every step. `npm test` audits a slice of embed pages and chapters (every kind of
 * view is audited after a run on the fixture page, fixture.spec.ts); `npm run test:full` every one.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations, setTheme } from './axe';
import { builtPages } from './site';
import { demo, statusOf } from './demo';
import { slice } from './full';
import { untilStep } from './hooks';

const embeds = builtPages().filter((p) => p.startsWith('/embed/'));
const chapters = builtPages().filter((p) => p.startsWith('/chapters/'));

/** Presses Train, waits for a step (or the end), and pauses if it is still running. */
async function shortRun(d: Locator) {
  await d.getByRole('button', { name: /^Train/ }).click();
  await expect
    .poll(async () => /^(Paused|Done|Stopped|Iteration [1-9]|Step [1-9]|Epoch [1-9])/.test((await statusOf(d).textContent()) ?? ''), {
      timeout: 90_000,
    })
    .toBe(true);
  await d.evaluate((el) => [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Pause' && !b.disabled)?.click());
  await expect(statusOf(d)).toHaveText(/^(Paused at|Done|Stopped at)/, { timeout: 30_000 });
}

test('every demo of the book is checked after a run: one embed page each', () => {
  expect(embeds.length).toBeGreaterThanOrEqual(29);
});

// Every kind of view is audited after a run on the fixture page (fixture.spec.ts); here the embed pages of a
// pretrained network and of a sweep; every embed page under `npm run test:full`.
for (const path of slice(embeds, (p) => ['/embed/loss-transfer/', '/embed/lr-sweep/'].includes(p), 2)) {
  test(`${path}: no serious accessibility violation after a short run, light and dark`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.goto(path);
    const ids = await page
      .locator('[data-demo]')
      .filter({ has: page.getByRole('button', { name: /^Train/ }) })
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-demo')!));
    for (const id of ids) await shortRun(await demo(page, id));
    // The charts drawn by the run (Plot loads on the first draw) are what this checks.
    const charts = page.locator('.lc-figure__chart:not([hidden])');
    if (await charts.count()) await expect(charts.first().locator('svg').first()).toBeAttached({ timeout: 15_000 });
    for (const theme of ['light', 'dark'] as const) {
      await setTheme(page, theme);
      expect(await seriousViolations(page), theme).toEqual([]);
    }
  });
}

/** Presses Tab until the focused element is a button named `name` inside `d` (at most `limit` presses). */
async function tabTo(page: Page, d: Locator, name: string, limit = 600) {
  for (let i = 0; i < limit; i++) {
    const here = await d.evaluate(
      (el, n) => el.contains(document.activeElement) && document.activeElement?.textContent?.trim() === n,
      name,
    );
    if (here) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`${name} was not reached with ${limit} Tab presses`);
}

// Three chapters by default (the depth chapter's first demo sits behind a long layer editor: 45 s of Tab presses);
// every chapter under `npm run test:full`.
for (const path of slice(chapters, (p) => ['/chapters/learning-rate/', '/chapters/loss-accuracy/', '/chapters/pooling/'].includes(p), 3)) {
  test(`${path}: the first demo trains, pauses and resets from the keyboard alone`, async ({ page }) => {
    await page.goto(path);
    const first = page
      .locator('[data-demo]')
      .filter({ has: page.getByRole('button', { name: /^Train/ }) })
      .first();
    test.skip((await first.count()) === 0, 'this chapter has no demo');
    const d = await demo(page, (await first.getAttribute('data-demo'))!);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('body').focus();
    await tabTo(page, d, 'Train');
    await page.keyboard.press('Enter');
    await untilStep(d, 1, 90_000);
    await tabTo(page, d, 'Pause');
    await page.keyboard.press(' ');
    await expect(statusOf(d)).toHaveText(/^(Paused at|Done|Stopped at)/);
    await tabTo(page, d, 'Reset');
    await page.keyboard.press('Enter');
    await expect(statusOf(d)).toHaveText('Ready. Press Train to start.');
  });
}

test('a run is announced once per phase, while the visible status follows every step', async ({ page }) => {
  await page.goto('/embed/lr-stuck/#lr-stuck:it=300');
  const d = await demo(page, 'lr-stuck');
  await expect(statusOf(d)).toHaveAttribute('aria-live', 'off');
  await d.locator('.lc-status__announce').evaluate((live) => {
    const log: string[] = ((window as unknown as { __announced: string[] }).__announced = []);
    const shown: string[] = ((window as unknown as { __shown: string[] }).__shown = []);
    const text = live.parentElement!.querySelector('.lc-status__text')!;
    new MutationObserver(() => log.push(live.textContent ?? '')).observe(live, { childList: true, characterData: true, subtree: true });
    new MutationObserver(() => shown.push(text.textContent ?? '')).observe(text, { childList: true, characterData: true, subtree: true });
  });
  await d.getByRole('button', { name: /^Train/ }).click();
  await expect(statusOf(d)).toHaveText(/^Done: Iteration 300 of 300/, { timeout: 120_000 });
  const { announced, shown } = await page.evaluate(() => {
    const w = window as unknown as { __announced: string[]; __shown: string[] };
    return { announced: w.__announced, shown: w.__shown };
  });
  expect(new Set(shown).size).toBeGreaterThan(10);
  const distinct = announced.filter((t, i) => t !== announced[i - 1]);
  expect(distinct.length).toBeLessThanOrEqual(4);
  expect(distinct.at(-1)).toMatch(/^Done: Iteration 300 of 300/);
  expect(distinct).toContain('Training…');
});
