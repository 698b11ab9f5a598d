import { describe, expect, it } from 'vitest';
import {
  cosineSimilarity,
  shiftChart,
  shiftPoints,
  shiftTable,
  shiftTipText,
  type ShiftSeries,
} from '../../../src/components/charts/shiftChart';
import { PALETTE } from '../../../src/components/charts/theme';
import { axisTexts, markGroups, newDocument, nonFinite } from './dom';

describe('cosineSimilarity', () => {
  it('is a·b / (‖a‖‖b‖) (hand-computed)', () => {
    expect(cosineSimilarity([1, 0], [0, 1])).toBe(0);
    expect(cosineSimilarity([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(cosineSimilarity([1, 0], [-1, 0])).toBe(-1);
    // (1·4 + 2·5 + 3·6) / (√14 · √77) = 32 / √1078
    expect(cosineSimilarity(Float32Array.from([1, 2, 3]), [4, 5, 6])).toBeCloseTo(32 / Math.sqrt(1078), 6);
  });

  it('is NaN for a zero or empty vector and refuses different lengths', () => {
    expect(cosineSimilarity([0, 0], [1, 1])).toBeNaN();
    expect(cosineSimilarity([], [])).toBeNaN();
    expect(() => cosineSimilarity([1], [1, 2])).toThrow(RangeError);
  });
});

describe('shiftPoints', () => {
  it('compares every shift with shift 0 and notes where the prediction changed', () => {
    const pts = shiftPoints(
      [
        { shift: 0, representation: [1, 0], predicted: 4 },
        { shift: 1, representation: [1, 1], predicted: 4 },
        { shift: 2, representation: [0, 1], predicted: 6 },
      ],
      ['a', 'b', 'c', 'd', 'Coat', 'e', 'Shirt'],
    );
    expect(pts.map((p) => [p.shift, p.predictionChanged, p.predicted])).toEqual([
      [0, false, 'Coat'],
      [1, false, 'Coat'],
      [2, true, 'Shirt'],
    ]);
    expect(pts[0].similarity).toBeCloseTo(1, 12);
    expect(pts[1].similarity).toBeCloseTo(Math.SQRT1_2, 12);
    expect(pts[2].similarity).toBe(0);
    expect(shiftPoints([])).toEqual([]);
  });
});

const series: ShiftSeries[] = [
  {
    id: 'pool',
    label: 'with pooling',
    points: [0, 1, 2, 3, 4].map((s) => ({ shift: s, similarity: 1 - 0.02 * s, predictionChanged: false, predicted: 'Coat' })),
  },
  {
    id: 'nopool',
    label: 'without pooling',
    points: [0, 1, 2, 3, 4].map((s) => ({
      shift: s,
      similarity: 1 - 0.15 * s,
      predictionChanged: s >= 3,
      predicted: s >= 3 ? 'Shirt' : 'Coat',
    })),
  },
];

describe('shiftChart', () => {
  const chart = shiftChart(series, { document: newDocument() });

  it('draws one line per model in palette order with a legend, and a dot per shift', () => {
    const lines = Array.from(chart.querySelectorAll('g.lc-shift-line path'));
    expect(lines.map((l) => l.getAttribute('stroke'))).toEqual([PALETTE[0], PALETTE[1]]);
    expect(chart.querySelectorAll('g.lc-shift-dot circle')).toHaveLength(10);
    expect(Array.from(chart.querySelectorAll('span')).map((s) => s.textContent)).toEqual(['with pooling', 'without pooling']);
  });

  it('marks the shifts where the prediction changed, with the new class and a note', () => {
    expect(chart.querySelectorAll('g.lc-shift-changed path')).toHaveLength(2);
    expect(Array.from(chart.querySelectorAll('g.lc-shift-changed-label text')).map((t) => t.textContent)).toEqual(['Shirt', 'Shirt']);
    expect(chart.querySelector('g.lc-shift-note text')!.textContent).toBe('× prediction changed');
    expect(chart.querySelector('svg[aria-label]')!.getAttribute('aria-label')).toContain('prediction changed at 2 points');
  });

  it('ticks every shift on x', () => {
    expect(Array.from(chart.querySelectorAll('g[aria-label="x-axis tick label"] text')).map((t) => t.textContent)).toEqual([
      '0',
      '1',
      '2',
      '3',
      '4',
    ]);
  });

  it('renders with no models, and without a note when nothing changed', () => {
    const empty = shiftChart([], { document: newDocument() });
    // No legend (Plot returns the bare SVG), no line, dot, "×" or note: axes for shifts 0–4 and cosine 0–1.
    expect(empty.tagName.toLowerCase()).toBe('svg');
    expect(empty.getAttribute('aria-label')).toBe(
      'Cosine similarity to the unshifted representation against shift, 0 models; prediction changed at 0 points',
    );
    expect(markGroups(empty)).toEqual([]);
    expect(empty.querySelectorAll('g.lc-shift-line, g.lc-shift-dot, g.lc-shift-changed, g.lc-shift-note, circle')).toHaveLength(0);
    expect(axisTexts(empty, 'x-axis tick label')).toEqual(['0', '1', '2', '3', '4']);
    const y = axisTexts(empty, 'y-axis tick label');
    expect([y[0], y.at(-1)]).toEqual(['0.0', '1.0']);
    expect(nonFinite(empty)).toEqual([]);
    const same = shiftChart([series[0]], { document: newDocument() });
    expect(same.querySelector('g.lc-shift-note')).toBeNull();
  });
});

describe('shift read-outs and table', () => {
  it('reads out a point and tabulates cosine and prediction per model', () => {
    const row = { ...series[1].points[3], id: 'nopool', model: 'without pooling' };
    expect(shiftTipText(row)).toBe('without pooling\nshift 3 px\ncosine 0.5500\npredicted Shirt (changed)');
    const t = shiftTable(series);
    expect(t.columns).toEqual([
      'shift (px)',
      'with pooling · cosine',
      'with pooling · prediction',
      'without pooling · cosine',
      'without pooling · prediction',
    ]);
    expect(t.rows[3]).toEqual([3, 0.94, 'Coat', 0.55, 'Shirt (changed)']);
    expect(shiftTable([])).toEqual({ columns: ['shift (px)'], rows: [] });
  });
});
