/**
 * What a reader types into a widget before its island hydrates is kept (issue 25, "Also"). The island's JavaScript is
 * held back with page.route until the reader has typed into the server-rendered input; once it runs, the widget
 * computes from the typed value and the input still shows it.
 */
import { expect, test, type Page } from '@playwright/test';
import { watchPage } from './site';

/** Holds the requests for the island chunk matching `pattern` until the returned function is called. */
async function holdChunk(page: Page, pattern: RegExp): Promise<{ release: () => void; requested: Promise<void> }> {
  let release!: () => void;
  let requested!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const asked = new Promise<void>((r) => (requested = r));
  await page.route(pattern, async (route) => {
    requested();
    await gate;
    await route.continue();
  });
  return { release, requested: asked };
}

test('loss calculator: a p typed before hydration survives it and is computed', async ({ page }) => {
  const problems = watchPage(page);
  const chunk = await holdChunk(page, /\/LossCalculator\.[\w-]+\.js$/);
  await page.goto('/chapters/loss-accuracy/');
  const calc = page.locator('[data-calculator="loss-calculator"]');
  const island = page.locator('astro-island', { has: calc });
  await calc.scrollIntoViewIfNeeded();
  await chunk.requested;
  await expect(island).toHaveAttribute('ssr', /.*/);
  const input = calc.getByLabel('p, the probability the model gives the true class');
  await input.fill('0.05');
  await expect(calc.locator('[data-loss]')).toHaveText('0.92'); // still the server's p = 0.4
  chunk.release();
  await expect(island).not.toHaveAttribute('ssr', /.*/, { timeout: 30_000 });
  await expect(input).toHaveValue('0.05');
  await expect(calc.locator('[data-loss]')).toHaveText('3.00'); // −ln 0.05 = 2.996
  await expect(calc.locator('[data-side]')).toHaveAttribute('data-side', 'wrong');
  // And the widget keeps working afterwards.
  await input.fill('0.9');
  await expect(calc.locator('[data-loss]')).toHaveText('0.11');
  expect(problems.consoleErrors).toEqual([]);
});

test('shift explorer: the slider moved before hydration keeps its position and the maps follow it', async ({ page }) => {
  const problems = watchPage(page);
  const chunk = await holdChunk(page, /\/ShiftExplorer\.[\w-]+\.js$/);
  await page.goto('/chapters/pooling/');
  const widget = page.locator('[data-widget="shift-explorer"]');
  const island = page.locator('astro-island', { has: widget });
  await widget.scrollIntoViewIfNeeded();
  await chunk.requested;
  const slider = widget.getByRole('slider');
  await slider.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('3');
  await expect(widget.getByTestId('shift-value')).toHaveText('1 px right'); // the server's
  chunk.release();
  await expect(island).not.toHaveAttribute('ssr', /.*/, { timeout: 30_000 });
  await expect(widget.getByTestId('shift-value')).toHaveText('3 px right');
  await expect(slider).toHaveValue('3');
  expect(problems.consoleErrors).toEqual([]);
});
