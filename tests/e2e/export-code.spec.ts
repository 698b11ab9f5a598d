import { expect, test } from '@playwright/test';
import { demo } from './demo';
import { watchPage } from './site';
import { readFileSync } from 'node:fs';

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

/** The arrays of an uncompressed .npz: each entry's name and shape, read from the ZIP's local headers and the NPY headers. */
function npzArrays(bytes: Buffer): { name: string; shape: number[]; count: number }[] {
  const out: { name: string; shape: number[]; count: number }[] = [];
  let at = 0;
  while (bytes.readUInt32LE(at) === 0x04034b50) {
    const size = bytes.readUInt32LE(at + 18);
    const nameLength = bytes.readUInt16LE(at + 26);
    const extra = bytes.readUInt16LE(at + 28);
    const name = bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8');
    const data = bytes.subarray(at + 30 + nameLength + extra, at + 30 + nameLength + extra + size);
    const headerLength = data.readUInt16LE(8);
    const header = data.subarray(10, 10 + headerLength).toString('latin1');
    const shape = (/'shape': \(([^)]*)\)/.exec(header)?.[1] ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
      .map(Number);
    out.push({ name, shape, count: (data.length - 10 - headerLength) / 4 });
    at += 30 + nameLength + extra + size;
  }
  return out;
}

test('download the trained weights as .npz, named by layer in Keras’ order; the code copied afterwards loads them', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/test/kit/');
  const d = await demo(page, 'fx-binary');
  await expect(d.getByRole('button', { name: 'Download weights (.npz)' })).toBeDisabled();
  await d.getByRole('button', { name: /^Train/ }).click();
  await expect(d.getByRole('status').first()).toHaveText(/^Done:/, { timeout: 60_000 });
  const download = page.waitForEvent('download');
  await d.getByRole('button', { name: 'Download weights (.npz)' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('fx-binary-weights.npz');
  const arrays = npzArrays(readFileSync((await file.path())!));
  // [784, 4, 1]: dense_1 kernel 784×4 and bias 4, dense_2 kernel 4×1 and bias 1: 3,145 numbers, as the parameter count.
  expect(arrays).toEqual([
    { name: 'dense_1/kernel.npy', shape: [784, 4], count: 3136 },
    { name: 'dense_1/bias.npy', shape: [4], count: 4 },
    { name: 'dense_2/kernel.npy', shape: [4, 1], count: 4 },
    { name: 'dense_2/bias.npy', shape: [1], count: 1 },
  ]);
  await expect(d.getByText(/^Weights after step 20 saved as fx-binary-weights\.npz\./)).toBeVisible();
  await d.getByRole('button', { name: 'Copy as Keras code' }).click();
  await expect(d.getByText('Keras code (loading fx-binary-weights.npz) copied to the clipboard.')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('weights = np.load("fx-binary-weights.npz")');
});
