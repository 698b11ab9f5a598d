/**
 * Your own picture (issue #26 §1) on the kit fixture's tiny CNN: a stroke drawn with the mouse is prepared as the
 * dataset's images were (said in words) and shown as the 28 × 28 picture the network reads; its probabilities come
 * from the run's current weights, change as it takes steps and are re-read while it trains, sum to 1, and the
 * feature maps of the picture are drawn. The keyboard path: a test image picked, inverted and moved, the
 * probabilities following each change.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousViolations, setTheme, COLOUR_RULES } from './axe';
import { demo, figureOf, shownData, statusOf } from './demo';

/** The fixture's CNN for 10 epochs of 4 steps: long enough to watch the probabilities while it trains. */
const PAGE = '/test/kit/#fx-cnn:ep=10';

async function ownView(page: Page): Promise<{ d: Locator; view: Locator }> {
  await page.goto(PAGE);
  const d = await demo(page, 'fx-cnn');
  const view = d.locator('.lc-own');
  await view.scrollIntoViewIfNeeded();
  return { d, view };
}

/** The probabilities as the "Show data" table gives them, by class. */
async function probabilities(view: Locator): Promise<number[]> {
  const { headers, rows } = await shownData(figureOf(view, 'Probabilities for your picture'));
  const col = headers.indexOf('probability');
  return rows.map((r) => Number(r[col]));
}

test('a drawing: the 28×28 picture, what was done, and probabilities from the current weights that change as the network trains', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { d, view } = await ownView(page);
  const status = view.locator('[data-own-status]');
  await expect(status).toHaveText('');
  // A "T" drawn with the mouse: dark ink on the light pad.
  const pad = view.getByRole('application', { name: /Your picture/ });
  const box = (await pad.boundingBox())!;
  const at = (x: number, y: number) => [box.x + x * box.width, box.y + y * box.height] as const;
  await page.mouse.move(...at(0.25, 0.2));
  await page.mouse.down();
  await page.mouse.move(...at(0.75, 0.2), { steps: 8 });
  await page.mouse.up();
  await page.mouse.move(...at(0.5, 0.2));
  await page.mouse.down();
  await page.mouse.move(...at(0.5, 0.85), { steps: 8 });
  await page.mouse.up();

  const preview = view.getByRole('img', { name: /^The 28×28 picture the network reads/ });
  await expect(preview).toHaveAttribute('aria-label', /: [1-9]\d* of 784 pixels lit\.$/);
  const steps = view.locator('.lc-own__steps');
  await expect(steps).toContainText('Inverted: the background was light');
  await expect(steps).toContainText(/Cropped to the object’s bounding box: \d+×\d+ px of 280×280 px\./);
  await expect(steps).toContainText('Resized as Fashion-MNIST’s images were');
  // No run yet: the view says where the probabilities will come from.
  await expect(status).toHaveText(/^Train the network above/);

  // One step, then two more: each reading is from the weights as they are now.
  await d.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status).toHaveText(/^Predicted: .+\. From the weights after 1 step of training/, { timeout: 60_000 });
  const afterOne = await probabilities(view);
  expect(afterOne).toHaveLength(10);
  expect(Math.abs(afterOne.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-3);
  await d.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status).toHaveText(/after 2 steps of training/, { timeout: 60_000 });
  await d.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(status).toHaveText(/after 3 steps of training/, { timeout: 60_000 });
  const afterThree = await probabilities(view);
  expect(afterThree).not.toEqual(afterOne);

  // Training: the sentence is re-read while the run goes on, not only at its end.
  await status.evaluate((el) => {
    const seen: string[] = [];
    (window as unknown as { ownSeen: string[] }).ownSeen = seen;
    new MutationObserver(() => seen.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });
  await d.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(statusOf(d)).toHaveText(/^Done: Epoch 10 of 10/, { timeout: 90_000 });
  await expect(status).toHaveText(/after 40 steps of training/, { timeout: 30_000 });
  const seen = await page.evaluate(() => (window as unknown as { ownSeen: string[] }).ownSeen);
  const midRun = seen.filter((t) => /re-read as it trains/.test(t)).map((t) => Number(/after (\d+) steps/.exec(t)?.[1]));
  expect(midRun.length).toBeGreaterThan(0);
  expect(Math.min(...midRun)).toBeLessThan(40);
  const atEnd = await probabilities(view);
  expect(Math.abs(atEnd.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-3);
  expect(atEnd).not.toEqual(afterThree);

  // A CNN: the feature maps of the picture (the input and 4 maps of each of its two convolutions and pools).
  await view.getByText('Feature maps of your picture').click();
  await expect(view.locator('.lc-own__stack canvas')).toHaveCount(1 + 4 * 4);

  // Everything the view shows passes axe, light and dark.
  expect(await seriousViolations(page, { include: '[data-demo="fx-cnn"] .lc-own' })).toEqual([]);
  await setTheme(page, 'dark');
  expect(await seriousViolations(page, { include: '[data-demo="fx-cnn"] .lc-own', rules: COLOUR_RULES })).toEqual([]);
});

test('the keyboard path: a test image picked, inverted and moved; each change is said and re-read', async ({ page }) => {
  test.setTimeout(120_000);
  const { view } = await ownView(page);
  const start = view.getByRole('button', { name: 'Start from a test image' });
  await start.focus();
  await page.keyboard.press('Enter');
  const second = view.getByRole('button', { name: /^Image 2: / });
  await second.focus({ timeout: 60_000 });
  await page.keyboard.press('Enter');
  await expect(second).toHaveAttribute('aria-pressed', 'true');
  const steps = view.locator('.lc-own__steps');
  await expect(steps).toContainText('Not inverted: the background is already dark');
  await expect(steps).toContainText(/What was done to test image 2 \(.+\):/);
  // No run of the demo: the test images came from an untrained copy, whose weights are read.
  const status = view.locator('[data-own-status]');
  await expect(status).toHaveText(/^Predicted: .+\. From random weights, before training\.$/, { timeout: 60_000 });
  const before = await probabilities(view);

  const invert = view.getByRole('checkbox', { name: 'Invert' });
  await invert.focus();
  await page.keyboard.press('Space');
  await expect(invert).toBeChecked();
  await expect(steps).toContainText('Inverted by you');
  await expect.poll(() => probabilities(view), { timeout: 30_000 }).not.toEqual(before);

  const right = view.getByRole('slider', { name: 'Right' });
  await right.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(right).toHaveAttribute('aria-valuetext', '2 px right');
  await expect(steps).toContainText('Moved 2 px right');

  // The pad itself by keyboard: the pen moved with the arrow keys and put down with Space draws.
  const pad = view.getByRole('application', { name: /Your picture/ });
  await pad.focus();
  await page.keyboard.press('Space');
  await page.keyboard.press('Shift+ArrowDown');
  await page.keyboard.press('Space');
  await expect(steps).toContainText(/What was done to test image 2 \(.+\), edited:/);
});
