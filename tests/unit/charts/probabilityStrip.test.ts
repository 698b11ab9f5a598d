import { describe, expect, it } from 'vitest';
import {
  confidenceSummary,
  confidenceSummaryTable,
  jitter,
  probabilityStrip,
  probabilityStripTable,
  stripRows,
  stripTipText,
  type ExampleProbability,
} from '../../../src/components/charts/probabilityStrip';
import { PALETTE } from '../../../src/components/charts/theme';
import { newDocument } from './dom';

const ex = (index: number, label: number, pTrue: number, correct: boolean): ExampleProbability => ({
  index,
  label,
  labelName: ['cat', 'dog'][label],
  pTrue,
  correct,
});
const examples = [
  ex(0, 0, 0.9, true),
  ex(1, 0, 0.05, false),
  ex(2, 1, 0.45, false),
  ex(3, 1, 0.7, true),
  ex(4, 1, 0.02, false),
  ex(5, 0, 0.3, false),
  ex(6, 0, NaN, false),
];

describe('jitter', () => {
  it('is deterministic, in [0, 1), and spreads neighbouring indices apart', () => {
    const a = Array.from({ length: 200 }, (_, i) => jitter(i));
    expect(a).toEqual(Array.from({ length: 200 }, (_, i) => jitter(i)));
    for (const v of a) expect(v >= 0 && v < 1).toBe(true);
    for (let i = 1; i < a.length; i++) expect(Math.abs(a[i] - a[i - 1])).toBeGreaterThan(0.2);
    // Every tenth of the band gets some of the first 50 examples.
    expect(new Set(a.slice(0, 50).map((v) => Math.floor(v * 10))).size).toBe(10);
  });
});

describe('stripRows', () => {
  it('puts each example in its class band (top = class 0), drops non-finite p, mistakes last', () => {
    const { bands, rows } = stripRows(examples);
    expect(bands).toEqual([
      { label: 0, name: 'cat' },
      { label: 1, name: 'dog' },
    ]);
    expect(rows.map((r) => r.index)).toEqual([0, 3, 1, 2, 4, 5]);
    for (const r of rows) expect(Math.abs(r.y - (r.label === 0 ? 0 : 1))).toBeLessThanOrEqual(0.35);
  });

  it('gives every named class a band, even an empty one', () => {
    expect(stripRows(examples, ['cat', 'dog', 'bird']).bands.map((b) => b.name)).toEqual(['cat', 'dog', 'bird']);
  });
});

describe('probabilityStrip', () => {
  const chart = probabilityStrip(examples, { document: newDocument(), selected: 2, width: 375 });

  it('draws a dot per example with its index, mistakes as red × and correct ones as blue circles', () => {
    const dots = Array.from(chart.querySelectorAll('.lc-prob-dot'));
    expect(dots.map((d) => d.getAttribute('data-index'))).toEqual(['0', '3', '1', '2', '4', '5']);
    const mistakes = Array.from(chart.querySelectorAll('.lc-prob-mistake'));
    expect(mistakes.map((d) => d.getAttribute('data-index'))).toEqual(['1', '2', '4', '5']);
    for (const d of mistakes) {
      expect(d.localName).toBe('path'); // the "times" symbol, not a circle: shape, not colour alone
      expect(d.getAttribute('stroke')).toBe(PALETTE[3]);
    }
    for (const d of chart.querySelectorAll('.lc-prob-correct')) {
      expect(d.getAttribute('fill')).toBe(PALETTE[0]);
      expect(d.getAttribute('d') ?? d.localName).not.toBe(mistakes[0].getAttribute('d'));
    }
    expect(dots[2].querySelector('title')!.textContent).toBe('example 1 · cat\np(true class) 0.0500\nmistake');
  });

  it('places dots by p(true class) and the rule at 0.5', () => {
    const x = (el: Element) => Number(/translate\(([-\d.]+)/.exec(el.getAttribute('transform')!)?.[1] ?? el.getAttribute('cx'));
    const byIndex = new Map(Array.from(chart.querySelectorAll('.lc-prob-dot')).map((d) => [d.getAttribute('data-index'), x(d)]));
    const rule = Number(chart.querySelector('g.lc-prob-threshold line')!.getAttribute('x1'));
    expect(byIndex.get('0')!).toBeGreaterThan(rule);
    expect(byIndex.get('2')!).toBeLessThan(rule);
    expect(byIndex.get('1')!).toBeLessThan(byIndex.get('2')!);
    expect(chart.querySelector('g.lc-prob-threshold-label text')!.textContent).toBe('0.5');
  });

  it('rings the selected example and labels it', () => {
    expect(chart.querySelectorAll('g.lc-prob-selected circle')).toHaveLength(1);
    expect(chart.querySelector('g.lc-prob-selected-label text')!.textContent).toBe('#2');
    expect(chart.querySelector('svg[aria-label]')!.getAttribute('aria-label')).toBe(
      'Predicted probability of the true class for 6 examples in 2 classes; 4 mistakes; example 2 selected',
    );
    const none = probabilityStrip(examples, { document: newDocument(), selected: 99 });
    expect(none.querySelector('g.lc-prob-selected')).toBeNull();
  });

  it('labels bands with class names and has a legend of symbols', () => {
    expect(Array.from(chart.querySelectorAll('g[aria-label="y-axis tick label"] text')).map((t) => t.textContent)).toEqual(['cat', 'dog']);
    expect(Array.from(chart.querySelectorAll('span')).map((s) => s.textContent)).toEqual(['correct', 'mistake']);
  });

  it('keeps a dot at the same height across evaluations (scrubbing epochs)', () => {
    const later = probabilityStrip(
      examples.map((e) => ({ ...e, pTrue: Number.isFinite(e.pTrue) ? 1 - e.pTrue : e.pTrue, correct: !e.correct })),
      { document: newDocument(), width: 375 },
    );
    const y = (root: Element, i: string) => {
      const el = root.querySelector(`.lc-prob-dot[data-index="${i}"]`)!;
      return Number(/translate\([-\d.]+,([-\d.]+)/.exec(el.getAttribute('transform')!)?.[1] ?? el.getAttribute('cy'));
    };
    for (const i of ['0', '1', '2', '3']) expect(y(later, i)).toBeCloseTo(y(chart, i), 6);
  });

  it('renders with no examples', () => {
    const empty = probabilityStrip([], { document: newDocument() });
    expect(empty.querySelectorAll('.lc-prob-dot')).toHaveLength(0);
  });
});

describe('confidenceSummary', () => {
  it('averages p(true) of right and wrong examples and splits mistakes into confident and near 0.5 (hand-computed)', () => {
    const [s] = confidenceSummary([{ epoch: 3, examples }]);
    expect(s.examples).toBe(6);
    expect(s.mistakes).toBe(4);
    expect(s.meanPTrueCorrect).toBeCloseTo(0.8, 12);
    expect(s.meanPTrueWrong).toBeCloseTo(0.205, 12);
    expect([s.confidentMistakes, s.nearHalfMistakes]).toEqual([2, 1]);
    expect([s.confidentShare, s.nearHalfShare]).toEqual([0.5, 0.25]);
    expect(s.story).toBe('confident mistakes');
  });

  it('counts 0.1 as not confident and 0.4 and 0.6 as near 0.5; tells the near-0.5 story', () => {
    const [s] = confidenceSummary([
      { epoch: 1, examples: [ex(0, 0, 0.1, false), ex(1, 0, 0.4, false), ex(2, 1, 0.6, false), ex(3, 1, 0.0999, false)] },
    ]);
    expect([s.confidentMistakes, s.nearHalfMistakes]).toEqual([1, 2]);
    expect(s.story).toBe('near 0.5');
  });

  it('handles no mistakes and no examples', () => {
    const [none, empty] = confidenceSummary([
      { epoch: 1, examples: [ex(0, 0, 0.8, true)] },
      { epoch: 2, examples: [] },
    ]);
    expect(none.meanPTrueWrong).toBeNaN();
    expect(none.confidentShare).toBeNaN();
    expect(none.story).toBe('neither');
    expect(empty.meanPTrueCorrect).toBeNaN();
    expect(confidenceSummary([])).toEqual([]);
  });

  it('tabulates', () => {
    const t = confidenceSummaryTable(
      confidenceSummary([
        { epoch: 3, examples },
        { epoch: 4, examples: [] },
      ]),
    );
    expect(t.columns[0]).toBe('epoch');
    expect(t.rows).toEqual([
      [3, 6, 4, 0.8, 0.205, '50.0%', '25.0%', 'confident mistakes'],
      [4, 0, 0, '', '', '', '', 'neither'],
    ]);
  });
});

describe('probabilityStripTable', () => {
  it('lists examples by index with p(true class) to 4 decimals', () => {
    const t = probabilityStripTable([ex(3, 1, 0.712345, true), ex(1, 0, 0.05, false)]);
    expect(t).toEqual({
      columns: ['example', 'true class', 'p(true class)', 'correct'],
      rows: [
        [1, 'cat', 0.05, 'no'],
        [3, 'dog', 0.7123, 'yes'],
      ],
    });
    expect(stripTipText(ex(3, 1, 0.7, true))).toBe('example 3 · dog\np(true class) 0.7000\ncorrect');
  });
});
