/**
 * The pooling chapter as a reader uses it: parameter tables from the engine, feature maps of a chosen image,
 * the learner's comparison (dense only vs the CNN: curves, data tables, gallery) and the shift test on those runs,
 * the shift explorer (the map follows the picture), and pooling by hand with the keyboard. Runs are tiny (URL hash)
 * because headless Chromium trains on a software GPU here.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { demo, statusOf, trainToEnd } from './demo';

const PAGE = '/chapters/pooling/';

/** The rows of a figure's "Show data" table (header row first). */
async function dataTable(d: Locator, heading: RegExp): Promise<string[][]> {
  const figure = d
    .locator('figure')
    .filter({ has: d.page().getByRole('heading', { name: heading }) })
    .first();
  await figure.getByRole('button', { name: 'Show data' }).click();
  const table = figure.locator('.lc-figure__table table');
  await expect(table).toBeVisible();
  const rows = await table.locator('tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
  await figure.getByRole('button', { name: 'Hide data' }).click();
  return rows;
}

/** Opens one of the chapter's collapsible asides (a <details> whose summary starts with `name`). */
async function openAside(page: Page, name: string) {
  const summary = page.locator('summary', { hasText: name });
  await summary.scrollIntoViewIfNeeded();
  await summary.click();
}

test('the parameter tables come from the engine: 101,770 dense only, 113,386 with pooling, 2,370,282 without', async ({ page }) => {
  await page.goto(PAGE);
  const dense = await demo(page, 'pool-dense');
  await expect(dense.getByTestId('param-total')).toHaveText('101,770');
  const withPools = await demo(page, 'pool-with');
  await expect(withPools.getByTestId('param-total')).toHaveText('113,386');
  const without = await demo(page, 'pool-without');
  await expect(without.getByTestId('param-total')).toHaveText('2,370,282');
  // The worked arithmetic (in an aside) agrees with the engine's table, line by line.
  await openAside(page, 'The arithmetic of sizes and parameters');
  const maths = await demo(page, 'pool-maths');
  await expect(maths.getByTestId('maths-total')).toHaveText('113,386');
  await expect(maths.locator('[data-match="no"]')).toHaveCount(0);
  await expect(maths.locator('[data-match="yes"]')).toHaveCount(8);
  // Live: a 3×3 first pool (26 → 8, then 6 → 3): the Dense layer reads 3·3·32 = 288 numbers.
  await maths.locator('.lc-layers__list > li').nth(1).getByLabel('Pool size', { exact: true }).fill('3');
  await expect(maths.getByTestId('maths-total')).toHaveText('47,850');
  await expect(maths.locator('.lc-layers__table [data-testid="param-total"]')).toHaveText('47,850');
  await expect(maths.getByTestId('layer-maths').getByRole('row', { name: /^max_pooling2d_1/ })).toContainText(
    '(26 − 3 + 2·0)/3 + 1 = 8.7 → 8',
  );
  await expect(maths.locator('[data-match="no"]')).toHaveCount(0);
});

test('feature maps of a chosen image have the stated shapes and counts, before training', async ({ page }) => {
  // A link that names a demo in an aside opens the aside.
  await page.goto(`${PAGE}#pool-maps:train=128`);
  await expect(page.locator('details', { has: page.locator('[data-demo="pool-maps"]') })).toHaveAttribute('open', '');
  const d = await demo(page, 'pool-maps');
  await d.getByRole('button', { name: 'Show the feature maps' }).click();
  await d.getByRole('button', { name: /^Image 3:/ }).click({ timeout: 60_000 });
  await expect(d.locator('.lc-maps__status')).toHaveText(/^Image 3 \(.+\), random filters, before training\.$/, { timeout: 60_000 });
  const stack = d.locator('.lc-maps__stack');
  await expect(stack.locator('.lc-fmap-flow')).toHaveText('numbers per layer: 784 → 21,632 → 5,408 → 3,872 → 800');
  for (const caption of [
    'input · 28×28×1 = 784 numbers',
    'conv 1 · 26×26×32 = 21,632 numbers',
    'max pool 1 · 13×13×32 = 5,408 numbers',
    'conv 2 · 11×11×32 = 3,872 numbers',
    'max pool 2 · 5×5×32 = 800 numbers',
  ]) {
    await expect(stack.getByText(caption, { exact: true })).toBeVisible();
  }
  // One map per channel: 1 + 4 × 32.
  await expect(stack.locator('.lc-fmap')).toHaveCount(129);
});

test('the learner’s comparison, short: dense only and the CNN, curves and tables, the gallery, the shift test on both', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(`${PAGE}#pool-dense:train=128&ep=1;pool-with:train=128&ep=1`);
  const gallery = await demo(page, 'pool-gallery');
  await expect(gallery.getByRole('status')).toHaveText(/^No runs yet\./);

  const dense = await demo(page, 'pool-dense');
  await dense.getByRole('button', { name: /^Train/ }).click();
  // While it trains the status counts steps.
  await expect(statusOf(dense)).toHaveText(/Epoch 1 of 1 · step \d+ /, { timeout: 60_000 });
  await expect(statusOf(dense)).toHaveText(/^Done: Epoch 1 of 1 · step \d+ /, { timeout: 120_000 });
  // The gallery has the first run before the second starts.
  await expect(gallery.getByRole('status')).toHaveText(/^1 run kept\./);

  const withPools = await demo(page, 'pool-with');
  await trainToEnd(withPools, 150_000);
  await expect(gallery.getByRole('status')).toHaveText(/^2 runs kept\./);

  for (const d of [dense, withPools]) {
    const loss = await dataTable(d, /^Loss/);
    const accuracy = await dataTable(d, /^Accuracy/);
    for (const rows of [loss, accuracy]) {
      // Batches as they trained (the first and the last of 4 batches of 32 images), and at the end of the epoch the
      // training subset and the validation set evaluated alike.
      expect(
        rows[0]
          .slice(1)
          .map((h) => h.replace(/^.* · /, '').split(' ')[0])
          .sort(),
      ).toEqual(['batch', 'train', 'validation']);
      expect(rows.map((r) => r[0])).toEqual(['epoch', '0.25', '1']);
      expect(rows[2].slice(1).every((c) => Number.isFinite(Number(c)) && c !== '')).toBe(true);
    }
  }
  const final = await dataTable(gallery, /^Final accuracy/);
  expect(final.slice(1).map((r) => r[0])).toEqual(['dense only · epochs 1, train 128', 'with pools · epochs 1, train 128']);

  // The shift test picks up both finished runs: a cosine similarity for every shift, for each network.
  const shift = await demo(page, 'pool-shift');
  await expect(shift.locator('g.lc-shift-dot circle')).toHaveCount(10, { timeout: 120_000 });
  const rows = await dataTable(shift, /^Shift test/);
  expect(rows[0]).toEqual([
    'shift (px)',
    'dense only · epochs 1, train 128 · cosine',
    'dense only · epochs 1, train 128 · prediction',
    'with pools · epochs 1, train 128 · cosine',
    'with pools · epochs 1, train 128 · prediction',
  ]);
  expect(rows.slice(1).map((r) => r[0])).toEqual(['0', '1', '2', '3', '4']);
  // Under the chart, the same test over 100 validation images: one line with figures for each run.
  const summary = shift.getByTestId('shift-summary').locator('li');
  await expect(summary).toHaveCount(2, { timeout: 120_000 });
  for (const [i, name] of ['dense only', 'with pools'].entries()) {
    await expect(summary.nth(i)).toHaveText(
      new RegExp(
        `^${name} · epochs 1, train 128: the predicted class held at every shift for \\d+ of 100 validation images; mean cosine similarity at 4 px: [01]\\.\\d{3}\\.$`,
      ),
    );
  }
  // The unshifted image is compared with itself.
  expect([rows[1][1], rows[1][3]]).toEqual(['1', '1']);
  // The representation is the output of Dense(128, ReLU): never negative, so every cosine lies in [0, 1]; a shift
  // of 1–4 px changes it, so every shifted cosine is below 1.
  for (const r of rows.slice(2)) {
    for (const cosine of [Number(r[1]), Number(r[3])]) {
      expect(cosine).toBeGreaterThanOrEqual(0);
      expect(cosine).toBeLessThan(1);
    }
  }
});

test('the shift explorer: move the picture and the filter map moves with it, value for value', async ({ page }) => {
  await page.goto(PAGE);
  const widget = page.locator('[data-widget="shift-explorer"]');
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: widget })).not.toHaveAttribute('ssr', /.*/, { timeout: 30_000 });
  /** Grey levels of one picture (red channel), as drawn on its canvas. */
  const pixels = (label: string) =>
    widget.getByRole('img', { name: label, exact: true }).evaluate((c: HTMLCanvasElement) => {
      const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      return { w: c.width, h: c.height, v: Array.from({ length: c.width * c.height }, (_, i) => d[i * 4]) };
    });
  const slider = widget.getByRole('slider');
  for (const dx of [3, -2]) {
    await slider.fill(String(dx));
    const where = `${Math.abs(dx)} px ${dx > 0 ? 'right' : 'left'}`;
    await expect(widget.getByTestId('shift-value')).toHaveText(where);
    const base = await pixels('As it is: filter map, 26×26');
    const moved = await pixels(`Moved ${where}: filter map, 26×26`);
    let compared = 0;
    let lit = 0;
    for (let r = 0; r < base.h; r++) {
      for (let c = 0; c < base.w; c++) {
        if (c + dx < 0 || c + dx >= base.w) continue;
        expect(moved.v[r * base.w + c + dx], `row ${r}, column ${c}`).toBe(base.v[r * base.w + c]);
        compared++;
        if (base.v[r * base.w + c] > 0) lit++;
      }
    }
    expect(compared).toBeGreaterThan(500);
    expect(lit).toBeGreaterThan(20);
    await expect(widget.getByTestId('shift-explorer-summary')).toContainText(
      /Filter map: (\d+) of \1 values where the filter fired are the same as before/,
    );
  }
});

test('max-pooling by hand works from the keyboard', async ({ page }) => {
  await page.goto(PAGE);
  const widget = page.locator('[data-widget="pool-explorer"]');
  await widget.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: widget })).not.toHaveAttribute('ssr', /.*/, { timeout: 30_000 });
  const explain = widget.getByTestId('pool-explain');
  await expect(explain).toHaveText(/^Window rows 5–6, columns 1–2: max\(0\.4, 1\.1, 2\.5, 2\.3\) = 2\.5\./);
  // Tab from the "Average pooling" chip into the pooled cells: focus lands on the current one.
  await widget.getByRole('button', { name: 'Average pooling' }).focus();
  await page.keyboard.press('Tab');
  const current = widget.locator('.lc-pool__cell[aria-pressed="true"]');
  await expect(current).toBeFocused();
  await expect(current).toHaveAccessibleName('row 3, column 1: 2.5');
  await page.keyboard.press('ArrowRight');
  await expect(widget.locator('.lc-pool__cell[aria-pressed="true"]')).toHaveAccessibleName('row 3, column 2: 2.1');
  await expect(widget.locator('.lc-pool__cell[aria-pressed="true"]')).toBeFocused();
  await expect(explain).toHaveText(
    /^Window rows 5–6, columns 3–4: max\(1\.9, 2\.1, 1\.6, 0\.6\) = 2\.1\. The value at row 5, column 4 wins/,
  );
  await expect(widget.locator('td.is-window')).toHaveText(['1.9', '2.1', '1.6', '0.6']);
  await expect(widget.locator('td.is-winner')).toHaveText('2.1');
  // Average pooling from the keyboard too.
  await page.keyboard.press('Shift+Tab');
  await expect(widget.getByRole('button', { name: 'Average pooling' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(explain).toHaveText(/^Window rows 5–6, columns 3–4: mean\(1\.9, 2\.1, 1\.6, 0\.6\) = 1\.55\./);
  await expect(widget.locator('td.is-winner')).toHaveCount(0);
});

test('a link to a variant chooses it, with its settings, or with a message when none can be read', async ({ page }) => {
  const picker = page.locator('[data-picker="pool-variants"]');
  const chip = (name: string) => picker.getByRole('button', { name, exact: true });
  // Readable settings: the variant is chosen and uses them (once the picker, hydrated when seen, reads the link).
  await page.goto(`${PAGE}#pool-avg2:ep=2`);
  await picker.scrollIntoViewIfNeeded();
  const avg = await demo(page, 'pool-avg2');
  await expect(avg).toBeVisible();
  await expect(chip('average 2×2')).toHaveAttribute('aria-pressed', 'true');
  // The choices sit on one line at this width, aligned (the book's prose spacing does not reach into them).
  const tops = await picker
    .locator('.lc-picker__choices button')
    .evaluateAll((bs) => bs.map((b) => Math.round(b.getBoundingClientRect().top)));
  expect(new Set(tops).size, `chip tops ${tops}`).toBe(1);
  await expect(avg.getByLabel('Epochs')).toHaveValue('2');
  // Only unreadable settings: the demo drops its part of the address as it shows the message; it stays chosen.
  await page.goto('about:blank');
  await page.goto(`${PAGE}#pool-stride2:ep=%3Cb%3E&bs=%E0%A4%A`);
  await picker.scrollIntoViewIfNeeded();
  const stride = await demo(page, 'pool-stride2');
  await expect(stride).toBeVisible();
  await expect(stride.locator('.lc-link-issues')).toContainText('epochs must be a number, got "<b>"');
  await expect(page.locator('[data-demo="pool-max3"]')).toBeHidden();
  // The reader's own choice still works.
  await chip('max 3×3').click();
  await expect(page.locator('[data-demo="pool-max3"]')).toBeVisible();
  await expect(stride).toBeHidden();
});
