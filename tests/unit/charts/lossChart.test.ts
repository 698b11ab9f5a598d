import { describe, expect, it } from 'vitest';
import { lossChart, lossRows, lossTipText, metricsOf, spreadLabels } from '../../../src/components/charts/lossChart';
import { SPLIT_COLORS } from '../../../src/components/charts/theme';
import { bestEpochMarks, sweetSpotMarks } from '../../../src/components/charts/bestEpoch';
import { makeRun, markGroups, newDocument, nonFinite } from './dom';

const paths = (root: Element, cls: string) => Array.from(root.querySelectorAll(`g.${cls} path`));

describe('lossChart', () => {
  it('draws extra marks over the curves: the best epoch of each run', () => {
    const run = makeRun('r1', 'lr 0.1', true, 10, 1, 5);
    const chart = lossChart([run], { document: newDocument(), metric: 'cost', x: 'epoch', marks: sweetSpotMarks(bestEpochMarks([run])) });
    expect(chart.querySelectorAll('.lc-sweet-dot circle').length).toBe(1);
    expect(lossChart([run], { document: newDocument(), metric: 'cost' }).querySelector('.lc-sweet-dot')).toBeNull();
  });

  const prev = makeRun('a', 'lr 0.54', false, 10, 2);
  const cur = makeRun('b', 'lr 0.1', true, 10, 1);
  const ref = { value: 0.644, label: 'H(p) = 0.6440' };
  const chart = lossChart([prev, cur], { document: newDocument(), metric: 'cost', referenceLine: ref, width: 500 });

  it('draws one path per (run, metric): 2 runs × (train, validation) cost', () => {
    expect(chart.querySelectorAll('g.lc-line-previous path, g.lc-line-current path')).toHaveLength(4);
    expect(paths(chart, 'lc-line-previous')).toHaveLength(2);
    expect(paths(chart, 'lc-line-current')).toHaveLength(2);
  });

  it('fades previous runs and keeps the current one strong', () => {
    expect(chart.querySelector('g.lc-line-previous')!.getAttribute('stroke-opacity')).toBe('0.35');
    const strong = chart.querySelector('g.lc-line-current')!.getAttribute('stroke-opacity');
    expect(strong === null || Number(strong) === 1).toBe(true);
  });

  it('colours lines by metric with the fixed split colours and a legend', () => {
    const strokes = paths(chart, 'lc-line-current').map((p) => p.getAttribute('stroke'));
    expect(strokes.sort()).toEqual([SPLIT_COLORS.train, SPLIT_COLORS.validation].sort());
    const legend = Array.from(chart.querySelectorAll('span')).map((s) => s.textContent);
    expect(legend).toEqual(['train cost', 'validation cost']);
  });

  it('colours by run for sweeps: a legend of run labels, one colour per run, no end labels', () => {
    const sweep = lossChart([prev, cur], { document: newDocument(), metric: 'cost', width: 500, colorBy: 'run' });
    const legend = Array.from(sweep.querySelectorAll('span')).map((s) => s.textContent);
    expect(legend).toEqual(['lr 0.54', 'lr 0.1']);
    const strokeOf = (cls: string) => new Set(paths(sweep, cls).map((p) => p.getAttribute('stroke')));
    expect(strokeOf('lc-line-previous').size).toBe(1);
    expect(strokeOf('lc-line-current').size).toBe(1);
    expect([...strokeOf('lc-line-previous')][0]).not.toBe([...strokeOf('lc-line-current')][0]);
    expect(sweep.querySelectorAll('g.lc-run-label text')).toHaveLength(0);
  });

  it('coloured by run, dashes each run’s training curve and draws its held-out curve solid', () => {
    const sweep = lossChart([prev, cur], { document: newDocument(), metric: 'cost', width: 500, colorBy: 'run' });
    const dashedLines = Array.from(sweep.querySelectorAll('g.lc-line-train'));
    expect(dashedLines.length).toBe(2);
    for (const g of dashedLines) expect(g.getAttribute('stroke-dasharray')).toBe('5 3');
    // One training and one validation line per run.
    expect(sweep.querySelectorAll('g.lc-line-train path')).toHaveLength(2);
    expect(sweep.querySelectorAll('g:not(.lc-line-train).lc-line-current path, g:not(.lc-line-train).lc-line-previous path')).toHaveLength(
      2,
    );
    // Coloured by metric, nothing is dashed (the colours tell the splits apart).
    expect(chart.querySelectorAll('g.lc-line-train')).toHaveLength(0);
  });

  it('draws a run’s first record on an axis from 0, not a degenerate one around it', () => {
    const first = { id: 'f', label: '', current: true, points: [{ step: 10, epoch: 1, metric: 'train cost', value: 0.56 }] };
    const one = lossChart([first], { document: newDocument(), metric: 'cost', width: 500 });
    const ticks = Array.from(one.querySelectorAll('g[aria-label="x-axis tick label"] text')).map((t) => t.textContent);
    expect(ticks[0]).toBe('0');
    expect(ticks.at(-1)).toBe('10');
    const yTicks = Array.from(one.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => Number(t.textContent));
    expect(yTicks[0]).toBe(0);
    expect(yTicks.at(-1)).toBeGreaterThanOrEqual(0.56);
    // A line of one point draws nothing: it is a dot until the second point comes.
    expect(one.querySelectorAll('g.lc-point-single circle')).toHaveLength(1);
    expect(chart.querySelectorAll('g.lc-point-single circle')).toHaveLength(0);
  });

  it('labels each run once at its line end with the run label, in currentColor', () => {
    const labels = Array.from(chart.querySelectorAll('g.lc-run-label text'));
    expect(labels.map((t) => t.textContent).sort()).toEqual(['lr 0.1', 'lr 0.54']);
    // Plot leaves out fill="currentColor" on text marks: they inherit the SVG's fill="currentColor".
    for (const g of chart.querySelectorAll('g.lc-run-label, g.lc-run-label text'))
      expect(g.getAttribute('fill') ?? 'currentColor').toBe('currentColor');
    expect(chart.querySelector(':scope > svg')!.getAttribute('fill')).toBe('currentColor');
  });

  it('draws the reference line with its label', () => {
    expect(chart.querySelectorAll('g.lc-reference line')).toHaveLength(1);
    expect(chart.querySelector('g.lc-reference-label text')!.textContent).toBe('H(p) = 0.6440');
  });

  it('labels the axes', () => {
    const text = Array.from(chart.querySelectorAll('svg > g[aria-label$="axis label"] text')).map((t) => t.textContent);
    expect(text.some((t) => t!.includes('iteration'))).toBe(true);
    expect(text.some((t) => t!.includes('cost'))).toBe(true);
  });

  it("sets Plot's tip/halo background when asked", () => {
    const themed = lossChart([cur], { document: newDocument(), metric: 'cost', background: 'var(--lc-bg)' });
    expect(themed.querySelector(':scope > svg')!.getAttribute('style')).toContain('--plot-background: var(--lc-bg)');
    expect(chart.querySelector(':scope > svg')!.getAttribute('style')).toMatch(/^font-size: 12px;?$/);
  });

  it('renders with no data at all: the axis titles only, no legend, lines, dots or labels', () => {
    const empty = lossChart([], { document: newDocument(), metric: 'cost' });
    expect(empty.tagName.toLowerCase()).toBe('svg');
    expect(markGroups(empty)).toEqual([]);
    expect(empty.querySelectorAll('path, circle, line, .lc-run-label, .lc-point-single')).toHaveLength(0);
    expect(Array.from(empty.querySelectorAll('text')).map((t) => t.textContent)).toEqual(['cost', 'iteration']);
    expect(nonFinite(empty)).toEqual([]);
  });

  it('has no end labels or reference line for a single run without them', () => {
    const one = lossChart([cur], { document: newDocument(), metric: 'accuracy', xLabel: 'epoch', x: 'epoch' });
    expect(one.querySelectorAll('g.lc-run-label text')).toHaveLength(0);
    expect(one.querySelector('g.lc-reference')).toBeNull();
    expect(one.querySelectorAll('g.lc-line-current path')).toHaveLength(1);
    expect(Array.from(one.querySelectorAll('text')).some((t) => t.textContent?.includes('epoch'))).toBe(true);
  });
});

describe('loss rows and read-outs', () => {
  it('keeps only the chosen metric kind and finite values (positive ones on a log axis)', () => {
    const run = makeRun('a', 'x', true, 3);
    run.points.push({ step: 4, epoch: 1, metric: 'train cost', value: NaN }, { step: 5, epoch: 1, metric: 'train cost', value: 0 });
    expect(lossRows([run], 'cost').map((r) => r.value)).toEqual([1, 0.5, 1 / 3, 0]);
    expect(lossRows([run], 'cost', true)).toHaveLength(3);
    expect(metricsOf([run], 'accuracy')).toEqual(['train accuracy']);
  });

  it('orders metrics train, validation, test', () => {
    const run = {
      id: 'r',
      label: '',
      current: true,
      points: ['test cost', 'train cost', 'validation cost'].map((metric) => ({ step: 1, epoch: 1, metric, value: 1 })),
    };
    expect(metricsOf([run], 'cost')).toEqual(['train cost', 'validation cost', 'test cost']);
  });

  it('formats the tip: run, metric, step, a cost to 7 decimals (as the status line), an accuracy to 4', () => {
    const row = {
      id: 'a',
      run: 'lr 0.54',
      current: true,
      key: 'a',
      metric: 'validation cost',
      step: 120,
      epoch: 2,
      value: 0.6439737380528058,
    };
    expect(lossTipText(row)).toBe('lr 0.54\nvalidation cost\niteration 120\ncost 0.6439737');
    expect(lossTipText(row, 'step', 'step', 'loss')).toBe('lr 0.54\nvalidation loss\nstep 120\nloss 0.6439737');
    expect(lossTipText({ ...row, metric: 'train accuracy', value: 0.693147 })).toBe(
      'lr 0.54\ntrain accuracy\niteration 120\naccuracy 0.6931',
    );
  });
});

describe('spreadLabels', () => {
  it('pushes overlapping end labels at least 12px apart, keeping x', () => {
    const doc = newDocument();
    const labels = [30, 100, 25].map((y) => {
      const t = doc.createElementNS('http://www.w3.org/2000/svg', 'text');
      t.setAttribute('transform', `translate(300,${y})`);
      return t;
    });
    spreadLabels(labels);
    expect(labels.map((t) => t.getAttribute('transform'))).toEqual(['translate(300,37)', 'translate(300,100)', 'translate(300,25)']);
  });

  it('keeps the end labels of runs that end at the same cost apart in the chart', () => {
    const chart = lossChart([makeRun('a', 'one', false), makeRun('b', 'two', true)], { document: newDocument(), metric: 'cost' });
    const ys = Array.from(chart.querySelectorAll('g.lc-run-label text')).map((t) =>
      Number(/,([\d.]+)\)/.exec(t.getAttribute('transform')!)![1]),
    );
    expect(Math.abs(ys[0] - ys[1])).toBeGreaterThanOrEqual(12);
  });
});
