// @vitest-environment jsdom
/**
 * The shift explorer: the arithmetic (a shift, a comparison that skips the black background, equivariance of a valid
 * convolution, what a 2×2 max-pool does with one- and two-pixel shifts) and the widget's summary as the slider moves.
 */
import { describe, expect, it } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import ShiftExplorer from '../../../src/components/widgets/shift-explorer/ShiftExplorer';
import { pixelsFromBase64 } from '../../../src/components/widgets/pool-explorer/poolMath';
import { compareShifted, shiftGrid, shiftReport } from '../../../src/components/widgets/shift-explorer/shiftMath';
import { shiftExplorer } from '../../../src/demos/pooling';

describe('shift arithmetic', () => {
  it('moves a picture right or left, filling with black', () => {
    const g = { h: 2, w: 3, values: [1, 2, 3, 4, 5, 6] };
    expect(shiftGrid(g, 1).values).toEqual([0, 1, 2, 0, 4, 5]);
    expect(shiftGrid(g, -2).values).toEqual([3, 0, 0, 6, 0, 0]);
    expect(shiftGrid(g, 0).values).toEqual(g.values);
  });

  it('compares only where the maps overlap and something fired', () => {
    const base = { h: 1, w: 4, values: [0, 2, 0, 0] };
    expect(compareShifted(base, { h: 1, w: 4, values: [0, 0, 2, 0] }, 1)).toEqual({ n: 1, same: 1, maxDiff: 0 });
    expect(compareShifted(base, { h: 1, w: 4, values: [0, 0, 2, 0] }, 0)).toEqual({ n: 2, same: 0, maxDiff: 2 });
  });

  for (const [i, im] of shiftExplorer.images.entries()) {
    it(`a convolution's map follows the ${im.label} exactly; a 2×2 max-pool follows 2 px shifts, not 1 px ones`, () => {
      const picture = pixelsFromBase64(im.image);
      for (const { kernel } of shiftExplorer.filters) {
        for (const dx of [-3, -1, 1, 2, 4]) {
          const r = shiftReport(picture, kernel, dx);
          expect(r.mapFollows.n).toBeGreaterThan(20);
          expect(r.mapFollows.same, `image ${i}, dx ${dx}`).toBe(r.mapFollows.n);
          if (dx % 2 === 0) expect(r.pooledFollows!.same, `image ${i}, dx ${dx}, pooled`).toBe(r.pooledFollows!.n);
          else expect(r.pooledFollows).toBeUndefined();
        }
        // One pixel: some pooled values stay put (the strongest response stayed in its window), many do not.
        const one = shiftReport(picture, kernel, 1).pooledInPlace;
        expect(one.same).toBeGreaterThan(0);
        expect(one.same).toBeLessThan(one.n);
      }
    });
  }
});

describe('the shift explorer', () => {
  it('reports, as the slider moves, what followed and what stayed', () => {
    // jsdom has no 2D canvas; the pictures are checked in the browser (tests/e2e/pooling.spec.ts).
    HTMLCanvasElement.prototype.getContext = (() => null) as never;
    const root = document.createElement('div');
    document.body.append(root);
    act(() => render(h(ShiftExplorer, { config: shiftExplorer }), root));
    const summary = () => root.querySelector('[data-testid="shift-explorer-summary"]')!.textContent!;
    const slider = root.querySelector<HTMLInputElement>('input[type="range"]')!;
    const move = (dx: number) =>
      act(() => {
        slider.value = String(dx);
        slider.dispatchEvent(new Event('input', { bubbles: true }));
      });
    move(2);
    expect(root.querySelector('[data-testid="shift-value"]')!.textContent).toBe('2 px right');
    expect(summary()).toMatch(/moved 1 cell/);
    const picture = pixelsFromBase64(shiftExplorer.images[0].image);
    const r = shiftReport(picture, shiftExplorer.filters[0].kernel, 2);
    expect(summary()).toContain(`${r.mapFollows.same} of ${r.mapFollows.n} values where the filter fired are the same as before`);
    move(-1);
    expect(root.querySelector('[data-testid="shift-value"]')!.textContent).toBe('1 px left');
    expect(summary()).not.toMatch(/moved \d+ cell/);
    // Another picture changes the counts.
    const before = summary();
    act(() => root.querySelectorAll<HTMLButtonElement>('fieldset')[0].querySelectorAll('button')[2].click());
    expect(summary()).not.toBe(before);
    expect(root.querySelectorAll('canvas')).toHaveLength(6);
  });
});
