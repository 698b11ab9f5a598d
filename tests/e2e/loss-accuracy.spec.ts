import { expect, test, type Page } from '@playwright/test';
import { watchPage } from './site';
import { demo, figureOf, shownData, statusOf, trainToEnd } from './demo';

const CHAPTER = '/chapters/loss-accuracy/';
const WEIGHTS = /\/models\/fashion-8-extractor\/weights\.[0-9a-f]{12}\.bin$/;

/** The column of a metric; a run's columns are named "<run label> · <metric>". */
const column = (headers: string[], metric: string) => headers.findIndex((h) => h === metric || h.endsWith(` · ${metric}`));

/** The chapter's loss calculator, hydrated, and its field for p. */
async function calculator(page: Page) {
  await page.goto(CHAPTER);
  const calc = page.locator('[data-calculator="loss-calculator"]');
  await calc.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: calc })).not.toHaveAttribute('ssr', /.*/, { timeout: 30_000 });
  return { calc, field: calc.getByLabel('p, the probability the model gives the true class') };
}

test.describe('chapter: validation loss up, accuracy flat', () => {
  test('the calculator computes −ln p, says which side of 0.5 p is on, and extends its table', async ({ page }) => {
    const problems = watchPage(page);
    const { calc, field } = await calculator(page);
    const loss = calc.locator('[data-loss]');
    await expect(loss).toHaveText('0.92');
    await field.fill('0.001');
    await expect(loss).toHaveText('6.91');
    await expect(calc.locator('[data-side]')).toHaveAttribute('data-side', 'wrong');
    await field.fill('0.9');
    await expect(loss).toHaveText('0.11');
    await expect(calc.locator('[data-side]')).toHaveText(/above 0\.5: the model picks the true class/);
    // Not a probability: a message beside the field, and the last good value stays on show.
    await field.fill('1.5');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(calc.getByRole('alert')).toHaveText('A probability lies between 0 and 1; “1.5” does not.');
    await expect(loss).toHaveText('0.11');
    // The worked table: the thread's four rows, computed; the reader's p added as a fifth.
    const cells = () =>
      calc.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].slice(0, 4).map((c) => c.textContent)));
    expect(await cells()).toEqual([
      ['0.4', '0.92', '0.36', 'one mistake'],
      ['0.1', '2.30', '0.81', 'one mistake'],
      ['0.01', '4.61', '0.9801', 'one mistake'],
      ['0.001', '6.91', '0.998', 'one mistake'],
    ]);
    await field.fill('1e-4');
    await expect(loss).toHaveText('9.21');
    await calc.getByRole('button', { name: 'Add p = 0.0001 to the table' }).click();
    expect((await cells())[4]).toEqual(['0.0001', '9.21', '0.9998', 'one mistake']);
    await calc.getByRole('button', { name: 'Remove p = 0.0001' }).click();
    await expect(calc.locator('tbody tr')).toHaveCount(4);
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
  });

  test('beside −ln p the calculator shows the squared error (1 − p)² of the typed p: below 1 however small p gets', async ({ page }) => {
    const problems = watchPage(page);
    const { calc, field } = await calculator(page);
    const loss = calc.locator('[data-loss]');
    const squared = calc.locator('[data-squared]');
    await expect(squared).toHaveText('0.36');
    for (const [typed, ln, sq] of [
      ['0.1', '2.30', '0.81'],
      ['0.001', '6.91', '0.998'],
      ['1e-9', '20.72', '0.9999…'],
      ['0.9', '0.11', '0.01'],
    ]) {
      await field.fill(typed);
      await expect(loss).toHaveText(ln);
      await expect(squared).toHaveText(sq);
      await expect(calc.getByText(`(1 − ${typed})² =`)).toBeVisible();
    }
    // Beside it: the next result after −ln p, in the same group, either on its right in the same row or (where the
    // column is narrow, as at this width) left-aligned right under it.
    const results = calc.locator('.lc-calc__losses > p');
    await expect(results).toHaveCount(2);
    await expect(results.nth(0).locator('[data-loss]')).toBeVisible();
    await expect(results.nth(1).locator('[data-squared]')).toBeVisible();
    const [a, b] = [(await results.nth(0).boundingBox())!, (await results.nth(1).boundingBox())!];
    const sameRow = b.x >= a.x + a.width && Math.abs(b.y - a.y) < a.height / 2;
    const rightUnder = Math.abs(b.x - a.x) < 2 && b.y >= a.y + a.height - 1 && b.y - (a.y + a.height) < a.height;
    expect(sameRow || rightUnder, `−ln p at ${JSON.stringify(a)}, (1 − p)² at ${JSON.stringify(b)}`).toBe(true);
    // Its column in the worked table, after −ln p.
    await expect(calc.locator('thead th').nth(2)).toHaveText('squared error (1 − p)²');
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
  });

  test('a run’s data tables have validation loss and accuracy per epoch, growing while it trains', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`${CHAPTER}#loss-overfit:bs=16&ep=4`);
    const d = await demo(page, 'loss-overfit');
    const loss = figureOf(d, 'Loss (cross-entropy)');
    await d.getByRole('button', { name: /^Train/ }).click();
    // Mid-run: the first epochs are on the chart before the last one is.
    await expect(statusOf(d)).toHaveText(/^Epoch [1-4] of 4 · step \d+ /, { timeout: 60_000 });
    await expect(loss.locator('.lc-sweet-dot')).not.toHaveCount(0, { timeout: 60_000 });
    const early = await shownData(loss);
    expect(early.rows.length).toBeGreaterThan(0);
    await expect(statusOf(d)).toHaveText(/^Done: Epoch 4 of 4 · step 80 /, { timeout: 90_000 });
    const { headers, rows } = await shownData(loss);
    expect(headers[0]).toBe('epoch');
    expect(column(headers, 'train loss')).toBeGreaterThan(0);
    expect(rows.map((r) => r[0])).toEqual(['1', '2', '3', '4']);
    const v = column(headers, 'validation loss');
    expect(v).toBeGreaterThan(0);
    for (const r of rows) expect(Number(r[v])).toBeGreaterThan(0);
    const acc = await shownData(figureOf(d, 'Accuracy'));
    const va = column(acc.headers, 'validation accuracy');
    expect(va).toBeGreaterThan(0);
    // 52 validation images: every accuracy is a whole number of them.
    for (const r of acc.rows) expect(Math.abs(Number(r[va]) * 52 - Math.round(Number(r[va]) * 52))).toBeLessThan(0.01);
    expect(acc.rows).toHaveLength(4);
  });

  test('the confidence view has a point for each of the 52 validation images and names the story', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`${CHAPTER}#loss-confidence:bs=32&ep=2`);
    const d = await demo(page, 'loss-confidence');
    await trainToEnd(d, 90_000);
    const strip = figureOf(d, /Probability of the true class/);
    await expect(strip.locator('[data-index]')).toHaveCount(52);
    // The caption counts the crosses on the chart (the chart redraws a moment after the caption changes).
    const caption = strip.locator('figcaption');
    await expect(caption).toHaveText(/^Mistakes: \d+, of which .*At this epoch/);
    await expect
      .poll(
        async () =>
          Number((await caption.textContent())!.match(/^Mistakes: (\d+),/)![1]) - (await strip.locator('.lc-prob-mistake').count()),
      )
      .toBe(0);
    // Scrub back to the first epoch: still 52 images.
    await d.getByRole('slider', { name: /^Evaluation/ }).fill('0');
    await expect(d.locator('.lc-scrub output')).toHaveText('epoch 1');
    await expect(strip.locator('[data-index]')).toHaveCount(52);
  });

  test('where the validation loss comes from: the part of the mistakes with p < 0.1 and the rest’s add up to each epoch’s validation loss', async ({
    page,
  }) => {
    test.setTimeout(90_000);
    await page.goto(`${CHAPTER}#loss-confidence:bs=32&ep=2`);
    const d = await demo(page, 'loss-confidence');
    await trainToEnd(d, 60_000);
    const share = figureOf(d, 'Where the validation loss comes from, epoch by epoch');
    await expect(share.locator('.lc-share-confident rect')).toHaveCount(2);
    await expect(share.locator('.lc-share-rest rect')).toHaveCount(2);
    const { headers, rows } = await shownData(share);
    const at = (name: string) => headers.indexOf(name);
    expect(rows.map((r) => r[0])).toEqual(['1', '2']);
    const curves = await shownData(figureOf(d, /^Loss$/));
    const validation = column(curves.headers, 'validation loss');
    for (const [i, r] of rows.entries()) {
      const [confident, rest] = [Number(r[at('mistakes with p < 0.1: images')]), Number(r[at('every other image: images')])];
      expect(confident + rest).toBe(52);
      const [cl, rl, sum] = [r[at('mistakes with p < 0.1: loss')], r[at('every other image: loss')], r[at('loss (sum)')]].map(Number);
      expect(Math.abs(cl + rl - sum)).toBeLessThan(2e-4);
      // The sum of the examples' losses is the validation loss the engine reports, on the learning curves.
      expect(Math.abs(sum - Number(curves.rows[i][validation]))).toBeLessThan(2e-4);
      if (confident === 0) expect(cl).toBe(0);
      else expect(cl / confident).toBeGreaterThan(Math.log(10) / 52 - 1e-4);
    }
    // The caption reads the last row; its count of mistakes below 0.1 is the probability view's.
    const last = rows[1];
    const caption = (await share.locator('figcaption').textContent())!;
    const m = caption.match(
      /^Epoch 2: validation loss (\d+\.\d{3}) = (\d+\.\d{3}) from the mistakes with p\(true class\) below 0\.1 \(images: (\d+) of 52; \d+% of the loss\) \+ (\d+\.\d{3}) from the other images \((\d+)\)\. At the lowest validation loss, epoch [12]: /,
    );
    expect(m, caption).not.toBeNull();
    expect(Number(m![1])).toBeCloseTo(Number(last[at('loss (sum)')]), 3);
    expect(Number(m![2])).toBeCloseTo(Number(last[at('mistakes with p < 0.1: loss')]), 3);
    expect(m![3]).toBe(last[at('mistakes with p < 0.1: images')]);
    expect(m![5]).toBe(last[at('every other image: images')]);
    const story = await figureOf(d, /Probability of the true class/)
      .locator('figcaption')
      .textContent();
    expect(story).toMatch(new RegExp(`(of which|and) ${m![3]} with p\\(true class\\) below 0\\.1`));
  });

  test('temperature scaling is fitted live and leaves the accuracy unchanged', async ({ page }) => {
    test.setTimeout(120_000);
    await page.goto(`${CHAPTER}#loss-calibration:bs=32&ep=2`);
    const d = await demo(page, 'loss-calibration');
    await trainToEnd(d, 90_000);
    await expect(figureOf(d, /Reliability of the 52 validation images/).locator('figcaption')).toHaveText(
      /^Expected calibration error: \d\.\d{3}$/,
    );
    const wrap = d.locator('.lc-temperature__table');
    const t = Number(await wrap.getAttribute('data-temperature'));
    const table = wrap.locator('table');
    expect(t).toBeGreaterThan(0);
    const row = (name: string) =>
      table
        .locator('tbody tr')
        .filter({ has: page.getByRole('rowheader', { name }) })
        .locator('td')
        .allTextContents();
    const [before, after] = await row('accuracy');
    expect(before).toMatch(/^\d+\.\d %$/);
    expect(after).toBe(before);
    await expect(d.getByText(/^T = \d+\.\d\d, fitted on the 52 validation images, applied to the 154 test images\./)).toBeVisible();
  });

  test('the pretrained extractor loads, its checksum is checked, and the head trains', async ({ page }) => {
    test.setTimeout(150_000);
    const problems = watchPage(page);
    const weights: number[] = [];
    page.on('response', (res) => {
      if (WEIGHTS.test(res.url())) weights.push(res.status());
    });
    await page.goto(`${CHAPTER}#loss-transfer:bs=32&ep=2`);
    const d = await demo(page, 'loss-transfer');
    await trainToEnd(d, 120_000);
    expect(weights).toEqual([200]);
    const { headers, rows } = await shownData(figureOf(d, 'Loss (cross-entropy)'));
    const train = column(headers, 'train loss');
    expect(train).toBeGreaterThan(0);
    expect(rows.map((r) => r[0])).toEqual(['1', '2']);
    // The head learns: the training loss falls below ln 2 (chance) and from epoch 1 to 2.
    expect(Number(rows[1][train])).toBeLessThan(Math.log(2));
    expect(Number(rows[1][train])).toBeLessThan(Number(rows[0][train]));
    expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
  });

  test('the fine-tuned variant, picked by its link, loads the same checked weights, freezes nothing and trains', async ({ page }) => {
    test.setTimeout(90_000);
    const weights: number[] = [];
    page.on('response', (res) => {
      if (WEIGHTS.test(res.url())) weights.push(res.status());
    });
    await page.goto(`${CHAPTER}#loss-finetune:bs=32&ep=1`);
    const picker = page.locator('[data-picker="loss-transfer-variants"]');
    await picker.scrollIntoViewIfNeeded();
    await expect(picker.getByRole('button', { name: 'fine-tuned', exact: true })).toHaveAttribute('aria-pressed', 'true', {
      timeout: 30_000,
    });
    const d = await demo(page, 'loss-finetune');
    await expect(page.locator('[data-demo="loss-transfer"]')).toBeHidden();
    // Frozen, the table says how many parameters training leaves alone; fine-tuned, none.
    await expect(d.getByTestId('param-total')).toHaveText(
      (await page.locator('[data-demo="loss-transfer"]').getByTestId('param-total').textContent())!,
    );
    await expect(d.getByTestId('param-frozen')).toHaveCount(0);
    await expect(page.locator('[data-demo="loss-transfer"]').getByTestId('param-frozen')).toHaveCount(1);
    await expect(d.getByRole('rowheader', { name: /· pretrained$/ })).toHaveCount(2);
    await trainToEnd(d, 60_000);
    expect(weights).toEqual([200]);
  });

  test('a damaged weights file is refused with a message, and nothing trains', async ({ page, context }) => {
    await context.route(WEIGHTS, async (route) => {
      const res = await route.fetch();
      const body = Buffer.from(await res.body());
      body[1000] ^= 0xff;
      await route.fulfill({ response: res, body });
    });
    await page.goto(`${CHAPTER}#loss-transfer:bs=32&ep=1`);
    const d = await demo(page, 'loss-transfer');
    await d.getByRole('button', { name: /^Train/ }).click();
    await expect(d.getByRole('alert').filter({ hasText: 'SHA-256' })).toHaveText(
      /^models\/fashion-8-extractor\/weights\.[0-9a-f]{12}\.bin is corrupt: its SHA-256 is [0-9a-f]{12}…, expected 348bd15c935b…; not training on it$/,
      { timeout: 60_000 },
    );
    await expect(statusOf(d)).toHaveText('Stopped before the first step.');
  });
});
