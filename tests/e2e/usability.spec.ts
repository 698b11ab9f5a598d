/**
 * The kit tells the truth and keeps the reader's place (issue 27, items 1–5), on the fixture page's binary MLP
 * (20 iterations, read back every 10th, as the learning-rate chapter does):
 * - while the island loads, its controls stay in the tab order, do nothing, and the status says "Loading…";
 * - Enter on Train (and on Step) keeps the focus on that button; Pause reports the step it paused at, and the next
 *   Step follows from it; one step draws a gradient chart with whole-step ticks; after "Done", Step starts nothing;
 * - no time estimate before the pace is known, and the elapsed time moves while a step is slow;
 * - a bad value is named in the field's own words, beside the field, which is marked invalid, and the status says
 *   what to do.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demo, statusOf } from './demo';
import { shownStep } from './hooks';

const PAGE = '/test/kit/';
const ID = 'fx-binary';

/** The text of the focused element when it is a button inside `d`, else what has the focus ("BODY" when it fell). */
const focused = (d: Locator) =>
  d.evaluate((el) => {
    const a = document.activeElement;
    return a && el.contains(a) && a.tagName === 'BUTTON' ? (a.textContent?.trim() ?? '') : (a?.tagName ?? 'none');
  });

test('while the island loads, its controls are in the tab order and do nothing, and the status says "Loading…"', async ({ page }) => {
  // Hold the island's code: the page stays as the server rendered it until the test lets it go.
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/_astro/Experiment.*.js', async (route) => {
    await held;
    await route.continue();
  });
  await page.goto(PAGE, { waitUntil: 'domcontentloaded' });
  const d = page.locator(`[data-demo="${ID}"]`);
  await expect(statusOf(d)).toHaveText('Loading…');
  const train = d.getByRole('button', { name: 'Train', exact: true });
  await expect(train).toHaveAttribute('aria-disabled', 'true');
  // Tab from the top reaches the demo's first field, then (past the rest) its Train button.
  await page.locator('body').focus();
  const lr = d.getByLabel('Learning rate α', { exact: true });
  for (let i = 0; i < 40 && !(await lr.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(lr).toBeFocused();
  await page.keyboard.type('9');
  await expect(lr).toHaveValue('0.05');
  for (let i = 0; i < 40 && (await focused(d)) !== 'Train'; i++) await page.keyboard.press('Tab');
  await expect(train).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(statusOf(d)).toHaveText('Loading…');
  release();
  await demo(page, ID);
  await expect(statusOf(d)).toHaveText('Ready. Press Train to start.');
  await expect(train).not.toHaveAttribute('aria-disabled', /.*/);
});

/** Presses Step on the focused Step button and waits for the status to show `step`. */
async function stepTo(page: Page, d: Locator, step: number) {
  await page.keyboard.press('Enter');
  // The status writes the step as the page does, with thousands separators ("1,068").
  await expect(statusOf(d)).toHaveText(new RegExp(`^Paused at Iteration ${new Intl.NumberFormat('en').format(step)} of `));
}

test('Enter on Train and on Step keeps the focus; Pause reports its step; after Done, Step starts nothing', async ({ page }) => {
  await page.goto(`${PAGE}#${ID}:it=100000`);
  const d = await demo(page, ID);
  const step = d.getByRole('button', { name: 'Step', exact: true });

  // Train → Pause → Resume: one button, the focus on it throughout.
  await d.getByRole('button', { name: 'Train', exact: true }).focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(d)).toBe('Pause');
  await expect(statusOf(d)).toHaveText(/^Iteration [\d,]+ of 100,000/, { timeout: 60_000 });
  // Pause twice: each time the status names the step it stopped at, and Step goes on from there.
  for (let round = 0; round < 2; round++) {
    if (round) await page.keyboard.press('Enter'); // Resume
    await expect.poll(() => focused(d)).toBe('Pause');
    await page.waitForTimeout(300);
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(d)).toBe('Resume');
    await expect(statusOf(d)).toHaveText(/^Paused at Iteration/);
    // The step it paused at comes just after the pause itself.
    await page.waitForTimeout(500);
    const pausedAt = await shownStep(d);
    await step.focus();
    await stepTo(page, d, pausedAt + 1);
    await d.getByRole('button', { name: 'Resume', exact: true }).focus();
  }

  // Step from no run: the run it starts is stepped once, the focus stays on Step, the gradient chart has whole steps.
  await d.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(statusOf(d)).toHaveText('Ready. Press Train to start.');
  await step.focus();
  await stepTo(page, d, 1);
  expect(await focused(d)).toBe('Step');
  const gradients = d.locator('figure').filter({ has: page.getByRole('heading', { name: /^Gradient norms/ }) });
  await expect.poll(() => gradients.locator('svg [aria-label="x-axis tick label"] text').allTextContents()).toEqual(['0', '1']);

  // To the end, then Step: disabled, and pressing it neither starts a run nor leaves the finished one.
  await d.getByLabel('Iterations').fill('20');
  await d.getByRole('button', { name: 'Train again', exact: true }).click();
  await expect(statusOf(d)).toHaveText(/^Done: Iteration 20 of 20/, { timeout: 60_000 });
  await expect(step).toBeDisabled();
  const done = await statusOf(d).textContent();
  await step.focus();
  await page.keyboard.press('Enter');
  await page.waitForTimeout(1000);
  await expect(statusOf(d)).toHaveText(done!);
  expect(await focused(d)).toBe('Step');
});

test('no time estimate before the pace is known; the elapsed time moves while a step is slow', async ({ page }) => {
  await page.goto(`${PAGE}#${ID}:it=1000000`);
  const d = await demo(page, ID);
  // Every text the status line shows, with the page time it appeared.
  await statusOf(d).evaluate((el) => {
    const log: { t: number; text: string }[] = ((window as unknown as { __status: typeof log }).__status = []);
    new MutationObserver(() => log.push({ t: performance.now(), text: el.textContent ?? '' })).observe(el, {
      childList: true,
      characterData: true,
      subtree: true,
    });
  });
  await d.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(statusOf(d)).toHaveText(/^Iteration [\d,]+ of 1,000,000/, { timeout: 60_000 });
  await page.waitForTimeout(1000);
  // A slow step: the worker does nothing else for 4.5 s (its thread is busy), so no progress arrives.
  expect(page.workers()).toHaveLength(1);
  const from = await page.evaluate(() => performance.now());
  await page.workers()[0].evaluate(() => {
    const end = Date.now() + 4500;
    while (Date.now() < end);
  });
  const to = await page.evaluate(() => performance.now());
  await expect(statusOf(d)).toHaveText(/~.+ left/, { timeout: 20_000 });
  await d.getByRole('button', { name: 'Pause', exact: true }).click();
  const log = await page.evaluate(() => (window as unknown as { __status: { t: number; text: string }[] }).__status);
  const seconds = (text: string) => {
    const m = /· (?:(\d+) min )?([\d.]+) (ms|s) elapsed/.exec(text);
    return m ? Number(m[1] ?? 0) * 60 + Number(m[2]) / (m[3] === 'ms' ? 1000 : 1) : null;
  };
  // During the slow step the elapsed time kept moving, second by second.
  const during = new Set(log.filter((e) => e.t > from + 500 && e.t < to).map((e) => seconds(e.text)));
  expect(during.size, JSON.stringify(log.filter((e) => e.t > from && e.t < to))).toBeGreaterThanOrEqual(3);
  // No estimate within three seconds of the first report (the warm-up is in its time, not in the pace); never "60 s".
  const first = log.find((e) => /^Iteration/.test(e.text));
  const start = seconds(first!.text)!;
  const early = log.filter((e) => /^Iteration/.test(e.text) && seconds(e.text)! < start + 2.9);
  expect(early.length).toBeGreaterThan(0);
  expect(early.filter((e) => /left/.test(e.text))).toEqual([]);
  expect(log.filter((e) => /\b60(\.0)? s\b/.test(e.text))).toEqual([]);
});

test('a bad value is named in the field’s words, beside the field, which is marked invalid; the status says what to do', async ({
  page,
}) => {
  await page.goto(PAGE);
  const d = await demo(page, ID);
  const train = d.getByRole('button', { name: 'Train', exact: true });
  for (const [label, value, message] of [
    ['Iterations', '12.5', 'Iterations must be a whole number, e.g. 20'],
    ['Seed', '-3', 'Seed must be 0 or more, e.g. 1'],
  ] as const) {
    const field = d.getByLabel(label, { exact: true });
    const valid = await field.evaluate((el) => getComputedStyle(el).borderColor);
    await field.fill(value);
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    // The field's own description, right under it; nothing below the controls.
    const describedBy = await field.getAttribute('aria-describedby');
    const beside = d.locator(`[id="${describedBy}"]`);
    await expect(beside).toHaveText(message);
    await expect(beside).toHaveRole('alert');
    await expect(d.getByRole('alert')).toHaveCount(1);
    expect(await field.evaluate((el) => getComputedStyle(el).borderColor)).not.toBe(valid);
    await expect(statusOf(d)).toHaveText('Fix the highlighted field to train.');
    await expect(train).toBeDisabled();
    await field.fill(label === 'Seed' ? '1' : '20');
    await expect(field).not.toHaveAttribute('aria-invalid', 'true');
    await expect(statusOf(d)).toHaveText('Ready. Press Train to start.');
    await expect(train).toBeEnabled();
  }
});
