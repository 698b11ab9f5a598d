import { expect, test } from '@playwright/test';
import { demo } from './demo';
import { watchPage } from './site';

// "Copy as PyTorch code" beside "Copy as Keras code" (tested with the downloads in learning-rate.spec.ts): the
// exporter loads on the click, and the script follows the demo's current settings, here a link's.
test('copy as PyTorch code: the demo with its current settings, as a runnable script', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const problems = watchPage(page);
  await page.goto('/chapters/learning-rate/#lr-stuck:lr=0.06&it=30');
  const d = await demo(page);
  await d.getByRole('button', { name: 'Copy as PyTorch code' }).click();
  await expect(d.getByText('PyTorch code copied to the clipboard.')).toBeVisible();
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toContain('exported to PyTorch');
  expect(code).toContain('    ("dense_1", nn.Linear(784, 7)),');
  expect(code).toContain('        nn.init.normal_(module.weight, std=0.01)');
  expect(code).toContain('optimizer = torch.optim.SGD(trainable, lr=0.06)');
  expect(code).toContain('EPOCHS = 30');
  expect(problems).toEqual({ consoleErrors: [], failedRequests: [], offsiteRequests: [] });
});
