import { describe, expect, it } from 'vitest';
import { preActivationChart } from '../../../src/components/charts/preActivationChart';
import {
  deadSince,
  preActivationRows,
  preActivationTable,
  shownLayer,
  unitCount,
  type PreActivationRecord,
} from '../../../src/components/charts/preActivations';
import { PALETTE } from '../../../src/components/charts/theme';
import { chartSvg, newDocument, nonFinite } from './dom';

/**
 * Three units of layer 0 (and two of layer 2, which the chart leaves out unless asked): unit 1 dies at step 20 and
 * stays dead, unit 2 dips below 0 at step 20 and comes back, unit 3 stays alive; unit 3's z at step 30 is NaN.
 */
const records: PreActivationRecord[] = [
  {
    step: 1,
    maxPreActivation: [
      { layer: 0, max: [0.2, 0.1, 0.3] },
      { layer: 2, max: [1, 2] },
    ],
  },
  {
    step: 10,
    maxPreActivation: [
      { layer: 0, max: [0.5, 0.4, 0.6] },
      { layer: 2, max: [1, 2] },
    ],
  },
  {
    step: 20,
    maxPreActivation: [
      { layer: 0, max: [-0.7, -0.1, 0.9] },
      { layer: 2, max: [1, 2] },
    ],
  },
  {
    step: 30,
    maxPreActivation: [
      { layer: 0, max: [-0.7, 0.05, NaN] },
      { layer: 2, max: [1, 2] },
    ],
  },
  {
    step: 40,
    maxPreActivation: [
      { layer: 0, max: [-0.7, 0.2, 1.1] },
      { layer: 2, max: [1, -3] },
    ],
  },
];

const lines = (chart: Element) => Array.from(chart.querySelectorAll('g.lc-preact-line path'));

describe('pre-activation rows, table and deaths', () => {
  it('shows the first ReLU layer recorded unless told, one row per finite (step, unit)', () => {
    expect(shownLayer(records)).toBe(0);
    expect(shownLayer(records, 2)).toBe(2);
    expect(shownLayer([{ step: 1 }])).toBeNull();
    expect(unitCount(records)).toBe(3);
    expect(unitCount(records, 2)).toBe(2);
    const rows = preActivationRows(records);
    expect(rows).toHaveLength(5 * 3 - 1);
    expect(rows.filter((r) => r.name === 'unit 3').map((r) => r.step)).toEqual([1, 10, 20, 40]);
    expect(rows[0]).toEqual({ step: 1, unit: 0, name: 'unit 1', z: 0.2 });
  });

  it('names the step from which each unit stays at or below 0 to the last record, null for a unit alive at the end', () => {
    expect(deadSince(records)).toEqual([20, null, null]);
    expect(deadSince(records, 2)).toEqual([null, 40]);
    expect(deadSince([])).toEqual([]);
  });

  it('tabulates one column per unit, named from 1, with the x label the view passes', () => {
    const t = preActivationTable(records, 'iteration');
    expect(t.columns).toEqual(['iteration', 'unit 1', 'unit 2', 'unit 3']);
    expect(t.rows.map((r) => r[0])).toEqual([1, 10, 20, 30, 40]);
    expect(t.rows[2]).toEqual([20, -0.7, -0.1, 0.9]);
    expect(Number.isNaN(t.rows[3][3])).toBe(true);
    expect(preActivationTable([]).columns).toEqual(['iteration']);
  });
});

describe('preActivationChart', () => {
  it('draws one line per hidden unit, coloured in unit order, with a legend naming each unit', () => {
    const chart = preActivationChart(records, { document: newDocument() });
    expect(lines(chart)).toHaveLength(3);
    expect(lines(chart).map((p) => p.getAttribute('stroke'))).toEqual(PALETTE.slice(0, 3));
    expect(Array.from(chart.querySelectorAll('span')).map((s) => s.textContent)).toEqual(['unit 1', 'unit 2', 'unit 3']);
    expect(nonFinite(chart)).toEqual([]);
  });

  it('follows the number of units: seven units, seven lines; another layer when asked', () => {
    const seven = [1, 2, 3].map((step) => ({
      step,
      maxPreActivation: [{ layer: 0, max: [1, 2, 3, 4, 5, 6, 7].map((u) => u - step * 2) }],
    }));
    expect(lines(preActivationChart(seven, { document: newDocument() }))).toHaveLength(7);
    expect(lines(preActivationChart(records, { document: newDocument(), layer: 2 }))).toHaveLength(2);
  });

  it('draws the rule at z = 0 inside the frame, between lines above and below it, with its label', () => {
    const chart = preActivationChart(records, { document: newDocument(), zeroLabel: 'z = 0: dead below' });
    const svg = chartSvg(chart);
    const rule = chart.querySelector('g.lc-preact-zero line')!;
    expect(rule).not.toBeNull();
    const y0 = Number(rule.getAttribute('y1'));
    // y of each tick label, by its text: 0 sits between the negative and positive ticks.
    const tickY = new Map(
      Array.from(svg.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => [
        Number((t.textContent ?? '').replace('−', '-')),
        Number(/translate\([\d.]+,([\d.]+)\)/.exec(t.getAttribute('transform')!)![1]),
      ]),
    );
    expect(tickY.get(0)).toBeCloseTo(y0, 5);
    expect([...tickY.keys()].some((v) => v < 0)).toBe(true);
    expect([...tickY.keys()].some((v) => v > 0)).toBe(true);
    expect(chart.querySelector('g.lc-preact-zero-label text')!.textContent).toBe('z = 0: dead below');
  });

  it('keeps 0 in view when every value is positive', () => {
    const alive = [1, 2].map((step) => ({ step, maxPreActivation: [{ layer: 0, max: [3 + step, 5] }] }));
    const ticks = Array.from(
      chartSvg(preActivationChart(alive, { document: newDocument() })).querySelectorAll('g[aria-label="y-axis tick label"] text'),
    ).map((t) => t.textContent);
    expect(Number(ticks[0])).toBe(0);
  });

  it('with one step so far: each unit a dot, whole-step x ticks from 0', () => {
    const one = preActivationChart(records.slice(0, 1), { document: newDocument() });
    expect(one.querySelectorAll('g.lc-preact-point circle')).toHaveLength(3);
    expect(Array.from(chartSvg(one).querySelectorAll('g[aria-label="x-axis tick label"] text')).map((t) => t.textContent)).toEqual([
      '0',
      '1',
    ]);
    expect(nonFinite(one)).toEqual([]);
  });

  it('renders an empty frame, without NaN, when nothing was recorded', () => {
    const empty = preActivationChart([{ step: 1 }], { document: newDocument() });
    expect(lines(empty)).toHaveLength(0);
    expect(empty.querySelector('g.lc-preact-zero line')).not.toBeNull();
    expect(nonFinite(empty)).toEqual([]);
  });
});
