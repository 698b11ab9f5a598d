import { expect, test, type Locator } from '@playwright/test';
import { learnerSpec } from '../../src/demos/learning-rate';
import { watchPage } from './site';
import { demo, finalCost, statusOf, trainToEnd } from './demo';
import { FULL } from './full';
import { referenceCosts } from './reference';

const CHAPTER = '/chapters/learning-rate/';
const H_PRIOR = -(72 / 209) * Math.log(72 / 209) - (137 / 209) * Math.log(137 / 209);

/** The learner's spec at another learning rate, for a reference run in Node. */
const learnerAt = (learningRate: number) => ({ ...learnerSpec, optimizer: { type: 'sgd' as const, learningRate } });

/** The final cost the status line shows, to its seven decimals ("Done: Iteration 12 of 12 · cost 0.6921234 · …"). */
async function shownCost(d: Locator): Promise<number> {
  const m = /^Done: Iteration [\d,]+ of [\d,]+ · cost (\d+\.\d{7}) /.exec((await statusOf(d).textContent()) ?? '');
  expect(m, 'a finished run with its cost in the status line').not.toBeNull();
  return Number(m![1]);
}

test.describe('chapter: why is my cost stuck at 0.6439?', () => {
  // `npm test` trains 300 iterations (LR 1 is stuck long before: every unit is dead by iteration ~50, and the bias
  // then settles within ~100 steps); `npm run test:full` the chapter's 2500, as the learner did.
  const ITERATIONS = FULL ? 2500 : 300;
  test(`LR 1 sticks at H(prior) with 7 of 7 dead units; LR 0.0075 learns, step for step as the engine does in Node (${ITERATIONS} iterations)`, async ({
    page,
  }) => {
    test.setTimeout(FULL ? 480_000 : 120_000);
    const problems = watchPage(page);
    const reference = referenceCosts(learnerAt(0.0075), ITERATIONS);
    await page.goto(`${CHAPTER}#lr-stuck:it=${ITERATIONS}`);
    const d = await demo(page);
    await d.getByLabel('Learning rate α', { exact: true }).fill('1');
    await trainToEnd(d, 220_000);
    expect(Math.abs((await finalCost(d)) - H_PRIOR)).toBeLessThan(0.001);
    await expect(d.getByTestId('dead-units')).toHaveText('7 of 7 hidden units dead');
    // The caption names the exact iteration (tracked every step), counting from 1 as the chart and the status line
    // do, and the course's 0-based number beside it; the chart records every 10th, so the first recorded zero in
    // the data table comes at most 9 iterations after it.
    const caption = d.locator('figcaption').filter({ hasText: 'np.linalg.norm(dW1)' });
    await expect(caption).toHaveText(
      /‖dW1‖ is exactly 0 from iteration \d+ on, counting from 1 as this chart does \(iteration \d+ in the course’s for-loop, which counts from 0\)/,
    );
    const [, step, iteration] = (await caption.textContent())!
      .match(/from iteration (\d+) on.*\(iteration (\d+) in the course/)!
      .map(Number);
    expect(iteration).toBe(step - 1);
    // The chart's marker uses the chart's count.
    await expect(d.getByText(`‖dW1‖ = 0 from iteration ${step}`)).toBeAttached();
    const grads = d.locator('figure').filter({ has: page.getByRole('heading', { name: /Gradient norms/ }) });
    await grads.getByRole('button', { name: 'Show data' }).click();
    const headers = await grads.locator('thead th').allTextContents();
    const rows = await grads.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
    const w1 = headers.indexOf('W1');
    const firstRecordedZero = Number(rows.find((r) => Number(r[w1]) === 0)![0]);
    expect(step).toBeLessThanOrEqual(firstRecordedZero);
    expect(step).toBeGreaterThan(firstRecordedZero - 10);
    await grads.getByRole('button', { name: 'Hide data' }).click();
    // The final cost to seven decimals in the status line, beside the learner's 0.6439737…
    await expect(statusOf(d)).toHaveText(/cost 0\.64397\d\d/);

    await d.getByRole('button', { name: '0.0075' }).click();
    await trainToEnd(d, 220_000);
    // The tiny model trains on tfjs' CPU backend in the browser too: the same cost as the engine in Node.
    const costs = await reference;
    expect(costs.at(-1)!).toBeLessThan(costs[0] - (FULL ? 0.3 : 0.03));
    expect(Math.abs((await shownCost(d)) - costs.at(-1)!)).toBeLessThan(1e-6);
    if (FULL) expect(await finalCost(d)).toBeLessThan(0.3);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
  });

  test('controls do nothing in the server-rendered page until the island is live, yet stay in the tab order', async ({ page, request }) => {
    const html = await (await request.get(CHAPTER)).text();
    expect(html).toMatch(/<fieldset class="lc-live" aria-disabled="true"[^>]*>/);
    expect(html).not.toMatch(/<fieldset class="lc-live" disabled/);
    await page.goto(CHAPTER);
    const d = await demo(page);
    await expect(d.getByLabel('Learning rate α', { exact: true })).toBeEnabled();
    await expect(d.getByLabel('Learning rate α', { exact: true })).toBeEditable();
  });

  test('an invalid learning rate shows a message beside the control and does not train', async ({ page }) => {
    await page.goto(CHAPTER);
    const d = await demo(page);
    const lr = d.getByLabel('Learning rate α', { exact: true });
    await lr.fill('-1');
    await expect(lr).toHaveAttribute('aria-invalid', 'true');
    await expect(d.getByRole('alert')).toHaveText('Learning rate α must be more than 0, e.g. 0.0075');
    await expect(d.getByRole('button', { name: /^Train/ })).toBeDisabled();
    await lr.fill('fast');
    await expect(d.getByRole('alert')).toHaveText('Learning rate α must be a number, e.g. 0.0075');
    await expect(statusOf(d)).toHaveText('Fix the highlighted field to train.');
    await lr.fill('0.02');
    await expect(lr).not.toHaveAttribute('aria-invalid', 'true');
    await expect(d.getByRole('button', { name: /^Train/ })).toBeEnabled();
  });

  test('"Copy link" round-trips the demo state', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(CHAPTER);
    const d = await demo(page);
    await d.getByRole('button', { name: '0.54' }).click();
    await d.getByLabel('Seed').fill('3');
    await d.getByLabel('Layer sizes').fill('[784, 5, 1]');
    await d.getByRole('button', { name: 'Copy link' }).click();
    await expect(d.getByText('Link copied to the clipboard.')).toBeVisible();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link).toContain('#lr-stuck:');

    const fresh = await context.newPage();
    await fresh.goto(link);
    const e = await demo(fresh);
    await expect(e.getByLabel('Learning rate α', { exact: true })).toHaveValue('0.54');
    await expect(e.getByLabel('Seed')).toHaveValue('3');
    await expect(e.getByLabel('Layer sizes')).toHaveValue('[784, 5, 1]');
    await expect(e.getByRole('button', { name: '0.54' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('exports: CSV, SVG and PNG downloads and Keras code', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.goto(`${CHAPTER}#lr-stuck:it=5`);
    const d = await demo(page);
    await trainToEnd(d);
    const cost = d.locator('figure').filter({ has: page.getByRole('heading', { name: 'Cost', exact: true }) });
    const download = async (name: string) => {
      // Headless Chromium drops a second download that a page starts within a few hundred milliseconds of the
      // first (measured here: SVG right after CSV failed 2 runs of 3; 400 ms apart, 4 of 4 passed). A reader's
      // clicks are slower than that; the test waits as a reader would.
      await page.waitForTimeout(500);
      const [file] = await Promise.all([page.waitForEvent('download'), cost.getByRole('button', { name, exact: true }).click()]);
      const chunks: Buffer[] = [];
      for await (const chunk of (await file.createReadStream())!) chunks.push(chunk as Buffer);
      return { name: file.suggestedFilename(), bytes: Buffer.concat(chunks) };
    };
    const csv = await download('CSV');
    expect(csv.name).toBe('lr-stuck-cost.csv');
    expect(csv.bytes.toString('utf8').split('\r\n')[0]).toBe('iteration,iterations 5 · train cost,iterations 5 · test cost');
    const svg = await download('SVG');
    expect(svg.bytes.toString('utf8')).toMatch(/^<\?xml[^>]*>\s*<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.bytes.toString('utf8')).not.toContain('currentColor');
    const png = await download('PNG');
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(png.bytes.readUInt32BE(16)).toBeGreaterThan(400); // width in the IHDR chunk, at 2× scale
    await d.getByRole('button', { name: 'Copy as Keras code' }).click();
    // The exporter loads on the click: wait for the confirmation before reading the clipboard.
    await expect(d.getByText('Keras code copied to the clipboard.')).toBeVisible();
    const code = await page.evaluate(() => navigator.clipboard.readText());
    expect(code).toContain(
      'keras.layers.Dense(7, activation="relu", kernel_initializer=keras.initializers.RandomNormal(stddev=0.01), bias_initializer="zeros")',
    );
    expect(code).toContain('SGD(learning_rate=0.0075)');
  });

  test('the embed route shows the demo alone, with its state from the hash', async ({ page }) => {
    const problems = watchPage(page);
    await page.goto('/embed/lr-stuck/#lr-stuck:lr=0.06&it=30');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(/The learner’s network/);
    await expect(page.locator('.sidebar-pane, starlight-menu-button, header.header')).toHaveCount(0);
    const d = await demo(page);
    await expect(d.getByLabel('Learning rate α', { exact: true })).toHaveValue('0.06');
    await trainToEnd(d);
    await expect(page.getByRole('link', { name: /Why is my cost stuck at 0.6439/ })).toHaveAttribute('href', '/chapters/learning-rate/');
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
  });

  test('a run can be set up and started with the keyboard alone', async ({ page }) => {
    await page.goto(CHAPTER);
    const d = await demo(page);
    await d.getByLabel('Iterations').focus();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('20');
    const train = d.getByRole('button', { name: /^Train/ });
    for (let i = 0; i < 10 && !(await train.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(train).toBeFocused();
    // Focus is visible: the outline is drawn.
    expect(await train.evaluate((el) => getComputedStyle(el).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await expect(statusOf(d)).toHaveText(/^Done: Iteration 20 of 20/, { timeout: 60_000 });
  });

  test('a far too high learning rate stops with the divergence message', async ({ page }) => {
    await page.goto(CHAPTER);
    const d = await demo(page, 'lr-explode');
    await d.getByRole('button', { name: /^Train/ }).click();
    await expect(d.getByRole('alert')).toHaveText(/^Stopped: diverged at step \d+: (loss|weights) became NaN or infinite\. /, {
      timeout: 60_000,
    });
  });
});

test('the learning-rate sweep trains every preset and plots final cost against LR', async ({ page }) => {
  // Six runs of 1000 full-batch iterations (about four minutes here): `npm run test:full` only. `npm test` runs a
  // sweep on the fixture page (fixture.spec.ts); the Node unit test tests/unit/train/lr-puzzle.test.ts checks LR 1.
  test.skip(!FULL, 'full suite only');
  test.setTimeout(300_000);
  await page.goto(CHAPTER);
  const d = await demo(page, 'lr-sweep');
  await d.getByRole('button', { name: 'Run sweep' }).click();
  await expect(statusOf(d)).toHaveText('Sweep finished: 6 learning rates.', { timeout: 280_000 });
  const figure = d.locator('figure').filter({ has: page.getByRole('heading', { name: 'Final cost against learning rate' }) });
  await figure.getByRole('button', { name: 'Show data' }).click();
  const rows = await figure.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
  const headers = await figure.locator('thead th').allTextContents();
  const lrCol = headers.indexOf('learning rate');
  const costCol = headers.indexOf('final cost');
  const byLr = new Map(rows.map((r) => [Number(r[lrCol]), Number(r[costCol])]));
  expect([...byLr.keys()]).toEqual([0.0075, 0.02, 0.06, 0.18, 0.54, 1]);
  expect(Math.abs(byLr.get(1)! - H_PRIOR)).toBeLessThan(0.001);
  expect(byLr.get(0.18)!).toBeLessThan(byLr.get(0.0075)!);
});

test('every display equation fits its column at 1280 and 375 px, in both themes', async ({ page }) => {
  for (const width of [1280, 375]) {
    for (const theme of ['light', 'dark']) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(CHAPTER);
      await page.evaluate((t) => document.documentElement.setAttribute('data-theme', t), theme);
      const displays = page.locator('.sl-markdown-content .katex-display');
      expect(await displays.count()).toBeGreaterThan(3);
      const overflowing = await displays.evaluateAll((els) =>
        els
          .filter((el) => el.scrollWidth > el.clientWidth + 1)
          .map((el) => `${el.textContent?.slice(0, 40)}: ${el.scrollWidth} > ${el.clientWidth}`),
      );
      expect(overflowing, `${width} px, ${theme}`).toEqual([]);
    }
  }
});

test.describe('shared worker and data cache', () => {
  test('starting a second demo pauses the first and says so; Resume switches back', async ({ page }) => {
    await page.goto(`${CHAPTER}#lr-stuck:it=100000`);
    const first = await demo(page);
    await first.getByRole('button', { name: /^Train/ }).click();
    await expect(statusOf(first)).toHaveText(/^Iteration/, { timeout: 60_000 });
    const second = await demo(page, 'lr-explode');
    await second.getByRole('button', { name: /^Train/ }).click();
    await expect(first.getByRole('alert')).toHaveText(/Paused: another experiment on this page started training/);
    await expect(statusOf(first)).toHaveText(/^Paused at Iteration/);
    await expect(second.getByRole('alert')).toHaveText(/diverged/, { timeout: 60_000 });
    await first.getByRole('button', { name: 'Resume' }).click();
    await expect(first.getByRole('button', { name: 'Pause' })).toBeVisible();
    await first.getByRole('button', { name: 'Pause' }).click();
    await expect(statusOf(first)).toHaveText(/^Paused at Iteration/);
  });

  test('a second visit trains without downloading the data again', async ({ page }) => {
    const shardRequests: string[] = [];
    page.on('request', (r) => {
      if (/\/data\/fashion-mnist\/.*\.bin$/.test(r.url())) shardRequests.push(r.url());
    });
    await page.goto(`${CHAPTER}#lr-stuck:it=2`);
    await trainToEnd(await demo(page));
    expect(shardRequests.length).toBeGreaterThan(0);
    shardRequests.length = 0;
    await page.reload();
    await trainToEnd(await demo(page));
    expect(shardRequests).toEqual([]);
  });
});

test.describe('training worker backends', () => {
  for (const [backend, badge] of [
    ['webgl', /^WebGL$/],
    ['webgpu', /^WebGPU/],
  ] as const) {
    test(`trains a tiny model in the worker on ${backend}, to the cost the engine computes on the CPU`, async ({ page }) => {
      const problems = watchPage(page);
      const reference = referenceCosts(learnerAt(0.06), 12);
      await page.goto(`${CHAPTER}?backend=${backend}#lr-stuck:it=12&lr=0.06`);
      const d = await demo(page);
      await trainToEnd(d);
      await expect(d.locator('.lc-badge')).toHaveText(badge);
      // Twelve steps move the cost by ~0.01 from ln 2; float32 on a GPU agrees with the CPU to ~1e-6 here.
      const costs = await reference;
      expect(costs[0] - costs[11]).toBeGreaterThan(0.005);
      expect(Math.abs((await shownCost(d)) - costs[11])).toBeLessThan(1e-4);
      expect(problems.consoleErrors).toEqual([]);
    });
  }

  test('auto trains the tiny model on the CPU and says why', async ({ page }) => {
    await page.goto(`${CHAPTER}#lr-stuck:it=3`);
    const d = await demo(page);
    await trainToEnd(d);
    const badge = d.locator('.lc-badge');
    // [784, 7, 1] on 209 images is ~3.4 million multiply-adds per step: a GPU's per-step overhead dominates.
    await expect(badge).toHaveText('CPU');
    await expect(badge).toHaveAttribute('title', /CPU, because this model is tiny \(3\.4 million multiply-adds per step\): (WebGL|WebGPU)/);
  });
});
