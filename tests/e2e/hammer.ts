import { expect, type Page } from '@playwright/test';
import { workerTest } from './hooks';

/** Waits until every island on the page is hydrated. */
export async function hydrated(page: Page) {
  await expect(page.locator('astro-island[ssr]')).toHaveCount(0, { timeout: 30_000 });
}

/**
 * Presses each demo's start, pause and reset buttons (Train/Pause/Reset, Run sweep/Stop, Clear runs) `rounds`
 * times, one animation frame apart: as fast as a reader's clicks could reach a rendered page. Returns how many
 * presses found an enabled button.
 */
export function hammer(page: Page, rounds: number): Promise<number> {
  return page.evaluate(async (n) => {
    const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
    const press = (root: Element, names: RegExp) => {
      const b = [...root.querySelectorAll('button')].find(
        (x) => names.test(x.textContent?.trim() ?? '') && !x.disabled && x.getAttribute('aria-disabled') !== 'true',
      );
      b?.click();
      return b ? 1 : 0;
    };
    let pressed = 0;
    for (let i = 0; i < n; i++) {
      for (const section of document.querySelectorAll('[data-demo]')) {
        for (const names of [/^(Train|Train again|Run sweep)$/, /^(Pause|Stop)$/, /^(Reset|Clear runs)$/]) {
          pressed += press(section, names);
          await frame();
        }
      }
    }
    return pressed;
  }, rounds);
}

/** Every experiment ends where Reset leaves it; a sweep is stopped or finished; a gallery is cleared. */
export async function expectIdle(page: Page) {
  for (const status of await page.locator('[data-demo] .lc-status__text').all()) {
    await expect(status).toHaveText(
      /^(Ready\. Press Train to start\.|Sweep stopped\.|Sweep finished: .*|Ready\. Press Run sweep.*|No runs yet\.)$/,
      { timeout: 60_000 },
    );
  }
}

/** Waits until the worker holds no run and as many tensors as at `baseline`. */
export async function backToBaseline(page: Page, baseline: number) {
  await expect
    .poll(
      async () => {
        const m = await workerTest(page, 'memory');
        return { runs: m.runs, numTensors: m.numTensors };
      },
      { timeout: 60_000 },
    )
    .toEqual({ runs: 0, numTensors: baseline });
}
