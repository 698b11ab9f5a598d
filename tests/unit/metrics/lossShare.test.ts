import { describe, expect, it } from 'vitest';
import { exampleLoss, lossShare, lowestLoss, P_FLOOR } from '../../../src/metrics/lossShare';

/*
 * Worked by hand, m = 4, threshold 0.1:
 *   wrong, p 0.05           → confident; loss −ln 0.05
 *   wrong, p 0.5            → rest;      loss −ln 0.5
 *   right, p 0.9            → rest;      loss −ln 0.9
 *   right, p 0.8, loss 0.2  → rest;      loss 0.2 (the recorded loss wins over −ln p)
 * confidentLoss = −ln 0.05 / 4; restLoss = (−ln 0.5 − ln 0.9 + 0.2) / 4; loss = their sum; share = confident / loss.
 */
const examples = [
  { pTrue: 0.05, correct: false },
  { pTrue: 0.5, correct: false },
  { pTrue: 0.9, correct: true },
  { pTrue: 0.8, correct: true, loss: 0.2 },
];

describe('lossShare', () => {
  it('splits the mean loss as worked by hand; the parts add up', () => {
    const s = lossShare(3, examples);
    const confident = -Math.log(0.05) / 4;
    const rest = (-Math.log(0.5) - Math.log(0.9) + 0.2) / 4;
    expect(s).toMatchObject({ epoch: 3, n: 4, confident: 1, rest: 3 });
    expect(s.confidentLoss).toBeCloseTo(confident, 12);
    expect(s.restLoss).toBeCloseTo(rest, 12);
    expect(s.loss).toBeCloseTo(confident + rest, 12);
    expect(s.share).toBeCloseTo(confident / (confident + rest), 12);
  });

  it('all correct: no confident part, share 0', () => {
    const s = lossShare(1, [
      { pTrue: 0.9, correct: true },
      { pTrue: 0.6, correct: true },
    ]);
    expect([s.confident, s.confidentLoss, s.share]).toEqual([0, 0, 0]);
    expect(s.loss).toBeCloseTo(-(Math.log(0.9) + Math.log(0.6)) / 2, 12);
  });

  it('a single confident mistake is the whole loss; p = 0 is floored', () => {
    const s = lossShare(1, [{ pTrue: 0, correct: false }]);
    expect(s.loss).toBeCloseTo(-Math.log(P_FLOOR), 9);
    expect(s.share).toBe(1);
    expect(exampleLoss({ pTrue: NaN, correct: false })).toBeNaN();
  });

  it('no examples: NaN parts; the lowest loss skips them', () => {
    const empty = lossShare(2, []);
    expect(empty.n).toBe(0);
    expect(empty.loss).toBeNaN();
    expect(lowestLoss([empty, lossShare(3, examples)])?.epoch).toBe(3);
    expect(lowestLoss([empty])).toBeUndefined();
  });
});
