import { expect, type Locator, type Page } from '@playwright/test';

/** What the worker reports to a test (pages opened with `?test-hooks`). */
export interface WorkerReport {
  backend: string;
  numTensors: number;
  runs: number;
  ok?: boolean;
}

type Action = 'memory' | 'lose-device' | 'lose-context' | 'crash' | 'exit';

/** Asks the page's training worker for a fault or a count (needs `?test-hooks` in the page URL). */
export function workerTest(page: Page, action: Action): Promise<WorkerReport> {
  return page.evaluate(
    (a) => (globalThis as unknown as { __learningCurves: { test(a: string): Promise<WorkerReport> } }).__learningCurves.test(a),
    action,
  );
}

/** Like workerTest, but resolves with the error message when the worker dies before answering. */
export function workerTestOrLoss(page: Page, action: Action): Promise<WorkerReport | string> {
  return page.evaluate(
    (a) =>
      (globalThis as unknown as { __learningCurves: { test(a: string): Promise<WorkerReport> } }).__learningCurves
        .test(a)
        .catch((e: Error) => e.message),
    action,
  );
}

/** The iteration (or step) number the demo's status line shows ("Iteration 5 of", "Epoch 2 of 3 · step 5"), or -1. */
export async function shownStep(d: Locator): Promise<number> {
  const m = /(?:Iteration|Step) ([\d,]+) of|· step ([\d,]+)/.exec((await d.getByRole('status').first().textContent()) ?? '');
  return m ? Number((m[1] ?? m[2]).replace(/,/g, '')) : -1;
}

/** Waits until the demo's status line shows at least `n` steps. */
export async function untilStep(d: Locator, n: number, timeout = 60_000): Promise<number> {
  await expect.poll(() => shownStep(d), { timeout }).toBeGreaterThanOrEqual(n);
  return shownStep(d);
}

/** Uncaught errors of the page and its workers (console errors are the browser's to log). */
export function uncaught(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}
