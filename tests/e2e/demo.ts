import { expect, type Locator, type Page } from '@playwright/test';

/**
 * A demo, scrolled into view, hydrated (Astro removes `ssr` from the island) and live: its controls take input once the
 * island's first effect has run (until then they are aria-disabled, by design), a moment after hydration.
 */
export async function demo(page: Page, id = 'lr-stuck'): Promise<Locator> {
  const d = page.locator(`[data-demo="${id}"]`);
  await d.scrollIntoViewIfNeeded();
  await expect(page.locator('astro-island', { has: d })).not.toHaveAttribute('ssr', /.*/, { timeout: 30_000 });
  await expect(d.locator('.lc-live[aria-disabled="true"]')).toHaveCount(0, { timeout: 30_000 });
  return d;
}

export const statusOf = (d: Locator) => d.getByRole('status').first();

export async function trainToEnd(d: Locator, timeout = 120_000) {
  await d.getByRole('button', { name: /^Train/ }).click();
  await expect(statusOf(d)).toHaveText(/^Done: (Iteration|Step|Epoch)/, { timeout });
}

/** A chart figure of demo `d`, by its heading. */
export const figureOf = (d: Locator, heading: string | RegExp) =>
  d.locator('figure').filter({ has: d.page().getByRole('heading', { name: heading }) });

/** A figure's "Show data" table as a reader opens it: header texts and cell texts per row (then hidden again). */
export async function shownData(fig: Locator): Promise<{ headers: string[]; rows: string[][] }> {
  await fig.getByRole('button', { name: 'Show data' }).click();
  const table = fig.getByRole('table');
  await expect(table).toBeVisible();
  const headers = await table.locator('thead th').allTextContents();
  const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
  await fig.getByRole('button', { name: 'Hide data' }).click();
  return { headers, rows };
}

/** The last training cost of the current run, read from the cost chart's "Show data" table. */
export async function finalCost(d: Locator): Promise<number> {
  const figure = d.locator('figure').filter({ has: d.page().getByRole('heading', { name: 'Cost', exact: true }) });
  const { headers, rows } = await shownData(figure);
  const col = headers.findLastIndex((h) => /train cost/.test(h));
  expect(col).toBeGreaterThan(0);
  const values = rows.map((r) => r[col]).filter((v) => v !== '');
  return Number(values.at(-1));
}
