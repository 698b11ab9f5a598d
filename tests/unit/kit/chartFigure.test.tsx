// @vitest-environment jsdom
/**
 * A chart must redraw steadily while a run streams records (a throttle), not only after the stream stops
 * (a debounce postpones every redraw while records keep arriving faster than its delay).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { ChartFigure, loadPlots } from '../../../src/components/experiment/ChartFigure';

/** Renders a figure whose data is record `n` (its chart builder notes each `n` it draws); returns that render. */
function figureShowing(root: HTMLElement, drawn: number[]) {
  return (n: number) =>
    act(() =>
      render(
        h(ChartFigure, {
          title: 'Cost',
          filename: 'cost',
          table: { columns: ['step'], rows: [[n]] },
          build: (_plots: unknown, doc: Document) => {
            drawn.push(n);
            return doc.createElementNS('http://www.w3.org/2000/svg', 'svg');
          },
        }),
        root,
      ),
    );
}

describe('ChartFigure redraws while data streams in', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('a record every 30 ms produces redraws before the stream stops, and a final one after it', async () => {
    await loadPlots();
    const root = document.createElement('div');
    document.body.append(root);
    const drawn: number[] = [];
    const show = figureShowing(root, drawn);
    // 100 records, 30 ms apart: 3 s of training.
    for (let n = 1; n <= 100; n++) {
      show(n);
      await act(async () => {
        vi.advanceTimersByTime(30);
      });
    }
    const duringStream = drawn.length;
    expect(duringStream).toBeGreaterThanOrEqual(6);
    // Redraws are spread over the stream, not bunched at its start.
    expect(drawn.some((n) => n > 50 && n < 100)).toBe(true);
    // …and bounded: a few per second, not one per record.
    expect(duringStream).toBeLessThanOrEqual(20);
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    // The last state is always drawn.
    expect(drawn.at(-1)).toBe(100);
    render(null, root);
  });

  it('draws nothing while the tab is hidden, and catches up once when it is visible again', async () => {
    await loadPlots();
    const root = document.createElement('div');
    document.body.append(root);
    let hidden = false;
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => hidden });
    const drawn: number[] = [];
    const show = figureShowing(root, drawn);
    show(1);
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    expect(drawn).toEqual([1]);
    hidden = true;
    document.dispatchEvent(new Event('visibilitychange'));
    for (let n = 2; n <= 50; n++) {
      show(n);
      await act(async () => {
        vi.advanceTimersByTime(100);
      });
    }
    expect(drawn).toEqual([1]);
    hidden = false;
    document.dispatchEvent(new Event('visibilitychange'));
    await act(async () => {
      vi.advanceTimersByTime(1000);
    });
    expect(drawn).toEqual([1, 50]);
    render(null, root);
    delete (document as { hidden?: boolean }).hidden;
  });
});
