import { describe, expect, it } from 'vitest';
import {
  confusionCellText,
  confusionCells,
  confusionCounts,
  confusionMatrixChart,
  confusionTable,
  MAX_CELL_OPACITY,
} from '../../../src/components/charts/confusionMatrix';
import { contrastRatio, PALETTE } from '../../../src/components/charts/theme';
import { markGroups, newDocument, nonFinite } from './dom';

const FASHION = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'];

describe('confusionCounts', () => {
  it('counts (true, predicted) pairs: rows true, columns predicted', () => {
    expect(confusionCounts([0, 0, 1, 1, 1, 2], [0, 1, 1, 1, 2, 0], 3)).toEqual([
      [1, 1, 0],
      [0, 2, 1],
      [1, 0, 0],
    ]);
  });

  it('ignores out-of-range or non-integer entries and the longer array’s tail', () => {
    expect(confusionCounts(new Int32Array([0, 3, -1, 1, 1]), [1, 0, 0, 0.5, 1, 1], 2)).toEqual([
      [0, 1],
      [0, 1],
    ]);
    expect(confusionCounts([], [], 0)).toEqual([]);
  });
});

describe('confusionCells', () => {
  const counts = [
    [8, 2],
    [1, 3],
  ];

  it('shades by count, each hue against its largest cell (max 80% opaque, empty cells clear), or by row share', () => {
    const byCount = confusionCells(counts);
    expect(byCount.map((c) => [c.row, c.col, c.count, c.diagonal])).toEqual([
      [0, 0, 8, true],
      [0, 1, 2, false],
      [1, 0, 1, false],
      [1, 1, 3, true],
    ]);
    // Hits against the largest hit (8), mistakes against the largest mistake (2).
    const expected = [MAX_CELL_OPACITY, MAX_CELL_OPACITY, 0.08 + 0.72 * 0.5, 0.08 + 0.72 * (3 / 8)];
    byCount.forEach((c, i) => expect(c.opacity).toBeCloseTo(expected[i], 12));
    const byRow = confusionCells(counts, 'row');
    expect(byRow[3].rowShare).toBe(0.75);
    expect(byRow[3].opacity).toBeCloseTo(0.08 + 0.72 * 0.75, 12);
    expect(
      confusionCells([
        [0, 0],
        [0, 0],
      ]).every((c) => c.opacity === 0 && c.rowShare === 0),
    ).toBe(true);
  });

  it('keeps text in the page colour readable (≥ 4.5:1) on the fullest cell in both themes', () => {
    const blend = (hex: string, bg: number, a: number) =>
      `rgb(${[1, 3, 5].map((i) => a * parseInt(hex.slice(i, i + 2), 16) + (1 - a) * bg).join(', ')})`;
    for (const fill of [PALETTE[0], PALETTE[3]]) {
      expect(contrastRatio('#17181c', blend(fill, 255, MAX_CELL_OPACITY))).toBeGreaterThanOrEqual(4.5);
      const dark = `rgb(${[0x17, 0x18, 0x1c].map((v, i) => MAX_CELL_OPACITY * parseInt(fill.slice(1 + 2 * i, 3 + 2 * i), 16) + (1 - MAX_CELL_OPACITY) * v).join(', ')})`;
      expect(contrastRatio('#e8e8ea', dark)).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('describes a cell with the full class names', () => {
    const cell = confusionCells([
      [5, 0],
      [37, 263],
    ])[2];
    expect(confusionCellText(cell, ['Shirt', 'Coat'])).toBe('true Coat → predicted Shirt: 37 (12.3% of Coat)');
  });
});

describe('confusionMatrixChart', () => {
  const counts = FASHION.map((_, t) => FASHION.map((_, p) => (t === p ? 900 + t : (t * 7 + p * 3) % 11)));
  const doc = newDocument();

  it('draws k² cells, the diagonal outlined in blue and mistakes in red, with counts', () => {
    const svg = confusionMatrixChart(counts, { document: doc, classNames: FASHION, width: 640 });
    expect(svg.querySelectorAll('g.lc-confusion-on rect')).toHaveLength(10);
    expect(svg.querySelector('g.lc-confusion-on')!.getAttribute('fill')).toBe(PALETTE[0]);
    expect(svg.querySelector('g.lc-confusion-off')!.getAttribute('fill')).toBe(PALETTE[3]);
    const off = counts.flat().filter((v, i) => v > 0 && i % 11 !== 0).length;
    expect(svg.querySelectorAll('g.lc-confusion-off rect')).toHaveLength(off);
    expect(svg.querySelectorAll('g.lc-confusion-diagonal rect')).toHaveLength(10);
    expect(svg.querySelector('g.lc-confusion-diagonal')!.getAttribute('stroke')).toBe('currentColor');
    const texts = Array.from(svg.querySelectorAll('g.lc-confusion-count text')).map((t) => t.textContent);
    expect(texts).toHaveLength(100);
    expect(texts).toContain('909');
    const row0 = counts[0].reduce((a, b) => a + b, 0);
    expect(row0).toBe(947);
    expect(svg.querySelector('g.lc-confusion-on title')!.textContent).toBe(
      'true T-shirt/top → predicted T-shirt/top: 900 (95.0% of T-shirt/top)',
    );
  });

  it('puts the diagonal on the diagonal: true class down, predicted across', () => {
    const svg = confusionMatrixChart(
      [
        [5, 1],
        [0, 7],
      ],
      { document: newDocument(), classNames: ['cat', 'dog'] },
    );
    const rects = Array.from(svg.querySelectorAll('g.lc-confusion-on rect'));
    const [a, b] = rects.map((r) => [Number(r.getAttribute('x')), Number(r.getAttribute('y'))]);
    expect(b[0]).toBeGreaterThan(a[0]);
    expect(b[1]).toBeGreaterThan(a[1]);
    expect(svg.getAttribute('aria-label')).toBe('Confusion matrix of 2 classes: 12 of 13 examples on the diagonal (92.3% correct)');
  });

  it('stays readable at 375 px: square cells, rotated and shortened labels within the width', () => {
    const svg = confusionMatrixChart(counts, { document: newDocument(), classNames: FASHION, width: 375 });
    expect(Number(svg.getAttribute('width'))).toBe(375);
    const r = svg.querySelector('g.lc-confusion-on rect')!;
    expect(Number(r.getAttribute('width'))).toBeCloseTo(Number(r.getAttribute('height')), 6);
    expect(Number(r.getAttribute('width'))).toBeGreaterThan(20);
    const xs = Array.from(svg.querySelectorAll('g[aria-label="x-axis tick label"] text'));
    expect(xs).toHaveLength(10);
    for (const t of xs) expect(t.getAttribute('transform')).toContain('rotate(-45)');
    const wide = confusionMatrixChart(
      [
        [1, 0],
        [0, 1],
      ],
      { document: newDocument(), classNames: ['cat', 'dog'], width: 375 },
    );
    expect(wide.querySelector('g[aria-label="x-axis tick label"] text')!.getAttribute('transform')).not.toContain('rotate');
    const labels = Array.from(svg.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => t.textContent!);
    expect(labels).toHaveLength(10);
    for (const l of labels) expect(l.length).toBeLessThanOrEqual(15);
  });

  it('shades by row share when asked, and prints no counts in tiny cells', () => {
    const big = [
      [1000, 0],
      [0, 1],
    ];
    const svg = confusionMatrixChart(big, { document: newDocument(), shade: 'row' });
    const op = Array.from(svg.querySelectorAll('g.lc-confusion-on rect')).map((r) => Number(r.getAttribute('fill-opacity')));
    expect(op[0]).toBeCloseTo(op[1], 6);
    const tiny = confusionMatrixChart(
      Array.from({ length: 40 }, () => Array(40).fill(1)),
      { document: newDocument(), width: 375 },
    );
    expect(tiny.querySelectorAll('g.lc-confusion-count text')).toHaveLength(0);
  });

  it('renders with no classes and with no examples', () => {
    const empty = confusionMatrixChart([], { document: newDocument() });
    expect(empty.getAttribute('aria-label')).toBe('Confusion matrix of 0 classes: no examples yet');
    // Only the axis titles: no cells, outlines, counts or class ticks, and a frame just as tall as its margins.
    expect(markGroups(empty)).toEqual([]);
    expect(empty.querySelectorAll('rect, path, .lc-confusion-cell, .lc-confusion-count')).toHaveLength(0);
    expect(Array.from(empty.querySelectorAll('text')).map((t) => t.textContent)).toEqual(['true class', 'predicted class']);
    expect(empty.getAttribute('height')).toBe('60');
    expect(nonFinite(empty)).toEqual([]);
    const none = confusionMatrixChart(confusionCounts([], [], 3), { document: newDocument() });
    expect(none.querySelectorAll('g.lc-confusion-off rect')).toHaveLength(0);
    expect(none.getAttribute('aria-label')).toContain('no examples yet');
  });
});

describe('confusionTable', () => {
  it('lists counts per true class with totals and the share correct', () => {
    expect(
      confusionTable(
        [
          [8, 2],
          [1, 3],
        ],
        ['cat'],
      ),
    ).toEqual({
      columns: ['true \\ predicted', 'cat', 'class 1', 'total', 'correct'],
      rows: [
        ['cat', 8, 2, 10, '80.0%'],
        ['class 1', 1, 3, 4, '75.0%'],
      ],
    });
  });
});
