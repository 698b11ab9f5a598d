import { describe, expect, it } from 'vitest';
import { isDiverged, logAxis, sweepChart, sweepTipText } from '../../../src/components/charts/sweepChart';
import { axisTexts, markGroups, newDocument, nonFinite } from './dom';

const points = [
  { value: 0.01, finalCost: 0.66 },
  { value: 1, finalCost: 0.2, label: 'lr 1' },
  { value: 0.1, finalCost: 0.4 },
  { value: 10, finalCost: NaN, diverged: true },
];

describe('sweepChart', () => {
  const svg = sweepChart(points, {
    document: newDocument(),
    valueLabel: 'learning rate',
    referenceLine: { value: 0.644, label: 'H(p) = 0.6440' },
  });

  it('draws a dot per finished run and one line through them in learning-rate order', () => {
    const dots = Array.from(svg.querySelectorAll('g.lc-sweep-dot circle'));
    expect(dots).toHaveLength(3);
    const xs = dots.map((d) => Number(d.getAttribute('cx')));
    // Log x-axis: 0.01 → 0.1 → 1 are evenly spaced.
    const sorted = [...xs].sort((a, b) => a - b);
    expect(sorted[1] - sorted[0]).toBeCloseTo(sorted[2] - sorted[1], 6);
    expect(svg.querySelectorAll('g.lc-sweep-line path')).toHaveLength(1);
  });

  it('marks diverged runs with × and "diverged"', () => {
    // The × carries a <title> (native tooltip) after its text.
    expect(Array.from(svg.querySelectorAll('g.lc-diverged-mark text')).map((t) => t.firstChild!.textContent)).toEqual(['×']);
    expect(Array.from(svg.querySelectorAll('g.lc-diverged-label text')).map((t) => t.textContent)).toEqual(['diverged']);
    expect(svg.querySelector('g.lc-diverged-mark title')!.textContent).toBe('learning rate 10\ndiverged');
  });

  it('puts x ticks at the swept learning rates', () => {
    const ticks = Array.from(svg.querySelectorAll('g[aria-label="x-axis tick label"] text')).map((t) => t.textContent);
    expect(ticks).toEqual(['0.01', '0.1', '1', '10']);
  });

  it('labels every swept learning rate, the six of the chapter’s sweep included, before and after they finish', () => {
    const rates = [0.0075, 0.02, 0.06, 0.18, 0.54, 1];
    const all = rates.map((value, i) => ({ value, finalCost: 0.6 - i * 0.05 }));
    const labels = ['0.0075', '0.02', '0.06', '0.18', '0.54', '1'];
    expect(axisTexts(sweepChart(all, { document: newDocument(), width: 640, valueLabel: 'learning rate' }), 'x-axis tick label')).toEqual(
      labels,
    );
    // Two finished of six: the axis already spans and labels all six.
    const early = sweepChart(all.slice(0, 2), { document: newDocument(), width: 640, values: rates, valueLabel: 'learning rate' });
    expect(axisTexts(early, 'x-axis tick label')).toEqual(labels);
    expect(axisTexts(early, 'x-axis label')).toEqual(['learning rate →']);
  });

  it('draws the reference line label', () => {
    expect(svg.querySelector('g.lc-reference-label text')!.textContent).toBe('H(p) = 0.6440');
  });

  it('renders with no points: axes (final cost 0 to 1) and no dot, line or "diverged"', () => {
    const empty = sweepChart([], { document: newDocument(), valueLabel: 'learning rate' });
    expect(markGroups(empty)).toEqual([]);
    expect(
      empty.querySelectorAll('g.lc-sweep-line, g.lc-sweep-dot, g.lc-diverged-mark, g.lc-diverged-label, g.lc-reference, circle'),
    ).toHaveLength(0);
    const y = axisTexts(empty, 'y-axis tick label');
    expect([y[0], y.at(-1)]).toEqual(['0.0', '1.0']);
    expect(axisTexts(empty, 'y-axis label')).toEqual(['↑ final cost']);
    expect(nonFinite(empty)).toEqual([]);
  });

  it('any numeric setting: a batch-size sweep gets a linear axis named by the setting, ticks at its values', () => {
    const b = sweepChart(
      [16, 32, 64].map((value, i) => ({ value, finalCost: 0.5 + i * 0.05 })),
      { document: newDocument(), width: 640, valueLabel: 'batch size' },
    );
    expect(axisTexts(b, 'x-axis label')).toEqual(['batch size →']);
    expect(axisTexts(b, 'x-axis tick label')).toEqual(['16', '32', '64']);
    const xs = Array.from(b.querySelectorAll('g.lc-sweep-dot circle')).map((d) => Number(d.getAttribute('cx')));
    // Linear: 16 → 32 is half as far as 32 → 64.
    expect((xs[2] - xs[1]) / (xs[1] - xs[0])).toBeCloseTo(2, 6);
    expect(logAxis([16, 32, 64])).toBe(false);
    expect(logAxis([0.0075, 1])).toBe(true);
    expect(sweepTipText({ value: 32, finalCost: 0.55 }, 'batch size')).toBe('batch size 32\nfinal cost 0.5500000');
  });

  it('still renders when every run diverged', () => {
    const all = sweepChart([{ value: 5, finalCost: Infinity }], { document: newDocument(), valueLabel: 'learning rate' });
    expect(all.querySelectorAll('g.lc-diverged-mark text')).toHaveLength(1);
    expect(all.querySelectorAll('g.lc-sweep-dot circle')).toHaveLength(0);
  });
});

describe('sweep helpers', () => {
  it('treats non-finite final costs as diverged', () => {
    expect(points.map(isDiverged)).toEqual([false, false, false, true]);
    expect(isDiverged({ value: 1, finalCost: Infinity })).toBe(true);
  });

  it('formats the read-out', () => {
    expect(sweepTipText(points[1], 'learning rate')).toBe('lr 1\nlearning rate 1\nfinal cost 0.2000000');
  });
});
