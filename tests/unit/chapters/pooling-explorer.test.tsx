// @vitest-environment jsdom
/**
 * Pooling by hand: the arithmetic (window sizes, max with its winner, mean, a 'valid' convolution checked
 * against tf.conv2d) and the widget, operated by keyboard as a reader would.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import PoolExplorer from '../../../src/components/widgets/pool-explorer/PoolExplorer';
import { convolve, crop, outputSize, pixelsFromBase64, pool, relu } from '../../../src/components/widgets/pool-explorer/poolMath';
import { poolExplorer } from '../../../src/demos/pooling';

describe('pool arithmetic', () => {
  it('output sizes follow ⌊(n − k + 2p)/s⌋ + 1', () => {
    expect([
      outputSize(28, 3, 1),
      outputSize(26, 2),
      outputSize(11, 2),
      outputSize(26, 3),
      outputSize(28, 3, 2),
      outputSize(28, 3, 1, 1),
    ]).toEqual([26, 13, 5, 8, 13, 28]);
  });

  it('max pooling keeps each window’s largest value and says where it was; average takes the mean', () => {
    const g = { h: 4, w: 4, values: [1, 5, 0, 0, 2, 3, 0, 4, 9, 0, 1, 1, 0, 0, 1, 1] };
    const max = pool(g, 2, 'max');
    expect(max.grid).toEqual({ h: 2, w: 2, values: [5, 4, 9, 1] });
    expect(max.cells.map((c) => c.winner)).toEqual([
      [0, 1],
      [1, 3],
      [2, 0],
      [2, 2],
    ]);
    expect(max.cells[1].window).toEqual([
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
    ]);
    expect(pool(g, 2, 'average').grid.values).toEqual([2.75, 1, 2.25, 1]);
    // A 5×5 map pooled 2×2 drops its last row and column, as Keras does.
    expect(pool({ h: 5, w: 5, values: Array.from({ length: 25 }, (_, i) => i) }, 2, 'max').grid).toEqual({
      h: 2,
      w: 2,
      values: [6, 8, 16, 18],
    });
  });

  it('convolves like tf.conv2d (valid padding, cross-correlation)', async () => {
    await tf.setBackend('cpu');
    const image = pixelsFromBase64(poolExplorer.image);
    expect(image.values).toHaveLength(784);
    const ours = relu(convolve(image, poolExplorer.kernel));
    const theirs = tf.tidy(() =>
      tf.relu(tf.conv2d(tf.tensor4d(image.values, [1, 28, 28, 1]), tf.tensor4d(poolExplorer.kernel.flat(), [3, 3, 1, 1]), 1, 'valid')),
    );
    const want = Array.from(await theirs.data());
    theirs.dispose();
    expect(ours.h).toBe(26);
    ours.values.forEach((v, i) => expect(v).toBeCloseTo(want[i], 5));
    // The explored block is a real piece of that map, with edges in it.
    const block = crop(ours, poolExplorer.crop.row, poolExplorer.crop.col, 6);
    expect(Math.max(...block.values)).toBeGreaterThan(1);
  });
});

describe('the pool explorer', () => {
  function mount() {
    const root = document.createElement('div');
    document.body.append(root);
    act(() => render(h(PoolExplorer, { config: poolExplorer }), root));
    return root;
  }
  const explain = (root: HTMLElement) => root.querySelector('[data-testid="pool-explain"]')!.textContent!;
  const cells = (root: HTMLElement) => [...root.querySelectorAll<HTMLButtonElement>('.lc-pool__cell')];
  const windowCells = (root: HTMLElement) =>
    [...root.querySelectorAll('.lc-pool__map td.is-window')].map((td) => Number(td.getAttribute('data-pos')));

  it('starts on the strongest window; arrow keys move between pooled cells and the window follows', () => {
    const root = mount();
    const buttons = cells(root);
    expect(buttons).toHaveLength(9);
    const pressed = buttons.findIndex((b) => b.getAttribute('aria-pressed') === 'true');
    expect(buttons[pressed].tabIndex).toBe(0);
    expect(buttons.filter((b) => b.tabIndex === 0)).toHaveLength(1);
    const values = buttons.map((b) => Number(b.textContent));
    expect(values[pressed]).toBe(Math.max(...values));
    expect(explain(root)).toMatch(
      /^Window rows 5–6, columns 1–2: max\(0\.4, 1\.1, 2\.5, 2\.3\) = 2\.5\. The value at row 6, column 1 wins/,
    );
    expect(root.querySelector('.lc-pool__map td.is-winner')!.textContent).toBe('2.5');
    // Up from the bottom-left cell to the middle-left one.
    act(() => void buttons[pressed].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowUp', bubbles: true })));
    expect(document.activeElement).toBe(cells(root)[3]);
    expect(cells(root)[3].getAttribute('aria-pressed')).toBe('true');
    expect(windowCells(root)).toEqual([12, 13, 18, 19]);
    expect(explain(root)).toMatch(/^Window rows 3–4, columns 1–2: max\(0\.0, 0\.0, 0\.0, 0\.0\) = 0\.0\. No edge anywhere/);
    act(() => void cells(root)[3].dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true })));
    expect(windowCells(root)).toEqual([28, 29, 34, 35]);
    act(() => void cells(root)[8].dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true })));
    expect(cells(root)[8].getAttribute('aria-pressed')).toBe('true');
  });

  it('switches to average pooling: every pooled value becomes its window’s mean', () => {
    const root = mount();
    const average = [...root.querySelectorAll('button')].find((b) => b.textContent === 'Average pooling')!;
    act(() => average.click());
    expect(average.getAttribute('aria-pressed')).toBe('true');
    const table = [...root.querySelectorAll('.lc-pool__map td')].map((td) => Number(td.textContent));
    const means = [0, 1, 2].flatMap((r) =>
      [0, 1, 2].map(
        (c) =>
          (table[2 * r * 6 + 2 * c] + table[2 * r * 6 + 2 * c + 1] + table[(2 * r + 1) * 6 + 2 * c] + table[(2 * r + 1) * 6 + 2 * c + 1]) /
          4,
      ),
    );
    expect(cells(root).map((b) => Number(b.textContent))).toEqual(means.map((m) => Number(m.toFixed(2))));
    expect(explain(root)).toMatch(/^Window rows 5–6, columns 1–2: mean\(0\.4, 1\.1, 2\.5, 2\.3\) = 1\.575\./);
    expect(root.querySelector('.lc-pool__map td.is-winner')).toBeNull();
  });

  it('states the strongest edge before and after pooling and in the blurred picture, computed', () => {
    const note = [...mount().querySelectorAll('.lc-pool__hint')].at(-1)!.textContent!;
    expect(note).toMatch(/^The strongest top edge is (\d\.\d\d) in the 26×26 map and still \1 after max-pooling/);
    expect(note).toMatch(/finds is \d\.\d\d\.$/);
  });
});
