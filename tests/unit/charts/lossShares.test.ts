/**
 * Where a validation loss comes from (lossShares.ts, lossShareChart.ts): the mean loss split into the confident
 * mistakes' part and the rest's, checked against sums worked by hand; the caption, the table and the bars carry the
 * same numbers.
 */
import { describe, expect, it } from 'vitest';
import {
  exampleLoss,
  lossShare,
  lossShareCaption,
  lossShareTable,
  lowestLoss,
  P_FLOOR,
  type ExampleLoss,
} from '../../../src/components/charts/lossShares';
import { lossShareChart, lossShareRects } from '../../../src/components/charts/lossShareChart';
import * as charts from '../../../src/components/charts';
import { chartSvg, newDocument } from './dom';

const ln = Math.log;
/** Four examples: two right (p 0.9, 0.6), a confident mistake (p 0.05) and a hesitant one (p 0.3). */
const four: ExampleLoss[] = [
  { pTrue: 0.9, correct: true, loss: -ln(0.9) },
  { pTrue: 0.6, correct: true, loss: -ln(0.6) },
  { pTrue: 0.05, correct: false, loss: -ln(0.05) },
  { pTrue: 0.3, correct: false, loss: -ln(0.3) },
];
const names = { confident: 'confident mistakes', rest: 'the rest' };

describe('lossShare', () => {
  it('splits the mean loss into the confident mistakes’ part and the rest’s (by hand: 2.9957/4 and 1.8202/4)', () => {
    const s = lossShare(3, four);
    expect(s).toMatchObject({ epoch: 3, n: 4, confident: 1, rest: 3 });
    // −ln 0.05 = 2.995732; −ln 0.9 − ln 0.6 − ln 0.3 = 0.105361 + 0.510826 + 1.203973 = 1.820159.
    expect(s.confidentLoss).toBeCloseTo(2.995732 / 4, 6);
    expect(s.restLoss).toBeCloseTo(1.820159 / 4, 6);
    expect(s.loss).toBeCloseTo(4.815891 / 4, 6);
    expect(s.share).toBeCloseTo(2.995732 / 4.815891, 6);
    expect(s.confidentLoss + s.restLoss).toBe(s.loss);
  });

  it('takes the loss given (from the logits) over −ln p, which a float32 p of exactly 0 would make infinite', () => {
    const s = lossShare(1, [
      { pTrue: 0, correct: false, loss: 25 },
      { pTrue: 1, correct: true, loss: 0 },
    ]);
    expect(s.confidentLoss).toBe(12.5);
    expect(s.share).toBe(1);
    // Without a loss: −ln p, clamped at P_FLOOR.
    expect(exampleLoss({ pTrue: 0, correct: false })).toBeCloseTo(-ln(P_FLOOR), 12);
    expect(exampleLoss({ pTrue: 0.25, correct: false, loss: NaN })).toBeCloseTo(ln(4), 12);
  });

  it('counts a mistake as confident only below the threshold, and never a right answer', () => {
    const at = (pTrue: number, correct: boolean, threshold?: number) => lossShare(1, [{ pTrue, correct }], threshold).confident;
    expect(at(0.1, false)).toBe(0);
    expect(at(0.0999, false)).toBe(1);
    expect(at(0.05, true)).toBe(0);
    expect(at(0.15, false, 0.2)).toBe(1);
  });

  it('leaves out examples with neither a finite loss nor a finite p; none at all gives NaN, not a crash', () => {
    const s = lossShare(2, [...four, { pTrue: NaN, correct: false }, { pTrue: Number.NaN, correct: true, loss: Infinity }]);
    expect(s.n).toBe(4);
    expect(s.loss).toBeCloseTo(4.815891 / 4, 6);
    const empty = lossShare(1, []);
    expect(empty.n).toBe(0);
    expect(empty.loss).toBeNaN();
    expect(empty.share).toBeNaN();
    expect(lowestLoss([empty])).toBeUndefined();
  });
});

describe('caption, table and chart', () => {
  const shares = [
    lossShare(
      1,
      four.map((e, i) => (i === 2 ? { ...e, pTrue: 0.2, loss: -ln(0.2) } : e)),
    ),
    lossShare(2, four),
  ];

  it('finds the evaluation with the lowest loss and fills both into the caption', () => {
    const best = lowestLoss(shares)!;
    expect(best.epoch).toBe(1);
    const text = lossShareCaption(
      'Epoch {epoch}: {loss}, {confidentLoss} ({share}) from {confident} of {n}; best {bestEpoch}: {bestLoss}, {bestConfident} such; {rest} other; p < {threshold}; {unknown}',
      shares[1],
      best,
    );
    // Epoch 1: −ln 0.9 − ln 0.6 − ln 0.2 − ln 0.3 = 3.429589, mean 0.857; no mistake below 0.1.
    expect(text).toBe('Epoch 2: 1.204, 0.749 (62%) from 1 of 4; best 1: 0.857, 0 such; 3 other; p < 0.1; {unknown}');
  });

  it('has one row per evaluation with the two parts and their sum', () => {
    const t = lossShareTable(shares, names);
    expect(t.columns).toEqual([
      'epoch',
      'confident mistakes: images',
      'confident mistakes: loss',
      'the rest: images',
      'the rest: loss',
      'loss (sum)',
      'confident mistakes: share',
    ]);
    expect(t.rows[1]).toEqual([2, 1, 0.7489, 3, 0.455, 1.204, '62.2%']);
    expect(t.rows[0][1]).toBe(0);
  });

  it('draws a bar per evaluation: the confident part from 0, the rest on top, up to the loss', () => {
    const rects = lossShareRects(shares, names);
    expect(rects).toHaveLength(4);
    expect(rects[2]).toMatchObject({ part: 'confident mistakes', y1: 0, y2: shares[1].confidentLoss });
    expect(rects[3]).toMatchObject({ part: 'the rest', y1: shares[1].confidentLoss, y2: shares[1].loss });
    // Bars narrower than the gap between evaluations.
    expect(rects[0].x2).toBeLessThan(rects[2].x1);
    const svg = chartSvg(lossShareChart(shares, names, { document: newDocument(), width: 400 }));
    expect(svg.querySelectorAll('.lc-share-confident rect')).toHaveLength(2);
    expect(svg.querySelectorAll('.lc-share-rest rect')).toHaveLength(2);
    expect(svg.outerHTML).not.toMatch(/NaN/);
    expect(typeof (charts as Record<string, unknown>).lossShareChart).toBe('function');
  });

  it('draws an empty frame, with no NaN, when there is nothing to show', () => {
    const svg = chartSvg(lossShareChart([lossShare(1, [])], names, { document: newDocument(), width: 300 }));
    expect(svg.outerHTML).not.toMatch(/NaN/);
  });
});
