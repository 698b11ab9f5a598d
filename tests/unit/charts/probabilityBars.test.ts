import { describe, expect, it } from 'vitest';
import { probabilityBarRows, probabilityBars, probabilityBarsTable } from '../../../src/components/charts/probabilityBars';
import { PALETTE } from '../../../src/components/charts/theme';
import { axisTexts, markGroups, newDocument, nonFinite } from './dom';

const NAMES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];
const probs = [0.02, 0.01, 0.05, 0.02, 0.3, 0.0, 0.55, 0.0, 0.05, 0.0];

describe('probabilityBarRows', () => {
  it('marks the true class and the arg-max', () => {
    const rows = probabilityBarRows(probs, NAMES, 4);
    expect(rows.filter((r) => r.isTrue).map((r) => r.name)).toEqual(['Coat']);
    expect(rows.filter((r) => r.predicted).map((r) => r.name)).toEqual(['Shirt']);
  });

  it('reads one probability as binary [1 − p, p] and cleans non-finite values', () => {
    const rows = probabilityBarRows([0.8], [], 1);
    expect(rows.map((r) => [r.name, r.p])).toEqual([
      ['negative', 0.19999999999999996],
      ['positive', 0.8],
    ]);
    expect(probabilityBarRows([NaN, 0.4]).map((r) => r.p)).toEqual([0, 0.4]);
    expect(probabilityBarRows([]).length).toBe(0);
  });
});

describe('probabilityBars', () => {
  const svg = probabilityBars(probs, { document: newDocument(), classNames: NAMES, trueLabel: 4, width: 375 });

  it('draws a bar per class, longest for the highest probability', () => {
    const bars = Array.from(svg.querySelectorAll('g.lc-probbar rect'));
    expect(bars).toHaveLength(10);
    const w = bars.map((b) => Number(b.getAttribute('width')));
    expect(w.indexOf(Math.max(...w))).toBe(6);
  });

  it('marks the true class by colour, outline and name, and bolds the predicted percentage', () => {
    const bars = Array.from(svg.querySelectorAll('g.lc-probbar rect'));
    expect(bars[4].getAttribute('fill')).toBe(PALETTE[2]);
    expect(bars[6].getAttribute('fill')).toBe(PALETTE[0]);
    expect(svg.querySelectorAll('g.lc-probbar-true rect')).toHaveLength(1);
    const ticks = Array.from(svg.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => t.textContent);
    expect(ticks[4]).toBe('Coat (true)');
    expect(ticks.filter((t) => t!.includes('(true)'))).toHaveLength(1);
    const bold = Array.from(svg.querySelectorAll('g.lc-probbar-value[font-weight="bold"] text')).map((t) => t.textContent);
    expect(bold).toEqual(['55.0%']);
    expect(svg.getAttribute('aria-label')).toBe('Predicted class probabilities: predicted Shirt (55.0%); true class Coat');
  });

  it('renders without a true class and with no probabilities', () => {
    const none = probabilityBars([0.3, 0.7], { document: newDocument() });
    expect(none.querySelectorAll('g.lc-probbar-true rect')).toHaveLength(0);
    const empty = probabilityBars([], { document: newDocument() });
    expect(empty.getAttribute('aria-label')).toBe('Predicted class probabilities: no prediction');
    // One empty row's height (8 + 34 + 22 px), the 0–100% axis, and no bar, outline or percentage.
    expect(empty.getAttribute('height')).toBe('64');
    expect(markGroups(empty)).toEqual([]);
    expect(empty.querySelectorAll('rect, g.lc-probbar, g.lc-probbar-true, g.lc-probbar-value')).toHaveLength(0);
    expect(axisTexts(empty, 'x-axis tick label')).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(axisTexts(empty, 'y-axis tick label')).toEqual([]);
    expect(nonFinite(empty)).toEqual([]);
  });
});

describe('probabilityBarsTable', () => {
  it('lists classes with 4-decimal probabilities and marks', () => {
    expect(probabilityBarsTable([0.25, 0.123456, 0.626544], ['a', 'b', 'c'], 0)).toEqual({
      columns: ['class', 'probability', 'true class', 'predicted'],
      rows: [
        ['a', 0.25, 'yes', ''],
        ['b', 0.1235, '', ''],
        ['c', 0.6265, '', 'yes'],
      ],
    });
  });
});
