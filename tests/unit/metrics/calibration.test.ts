import { describe, expect, it } from 'vitest';
import {
  calibrationInput,
  calibrationInputOf,
  expectedCalibrationError,
  reliabilityBins,
  type CalibrationInput,
} from '../../../src/metrics/calibration';

/*
 * Top-label, 10 bins, worked by hand:
 *   confidence 0.95 0.95 0.85 0.65 0.62
 *   correct     1    1    0    1    0
 * bin [0.9, 1.0): 0.95, 0.95 → n 2, conf 0.95,  acc 1   → |gap| 0.05
 * bin [0.8, 0.9): 0.85       → n 1, conf 0.85,  acc 0   → |gap| 0.85
 * bin [0.6, 0.7): 0.65, 0.62 → n 2, conf 0.635, acc 0.5 → |gap| 0.135
 * ECE = 2/5·0.05 + 1/5·0.85 + 2/5·0.135 = 0.02 + 0.17 + 0.054 = 0.244
 */
const topLabel: CalibrationInput = { kind: 'top-label', confidence: [0.95, 0.95, 0.85, 0.65, 0.62], correct: [1, 1, 0, 1, 0] };

/*
 * Binary, 2 bins, worked by hand:
 *   p(positive) 0.2 0.4 0.6 0.9
 *   label        0   1   1   1
 * bin [0, 0.5): 0.2, 0.4 → conf 0.3,  fraction positive 0.5 → |gap| 0.2
 * bin [0.5, 1]: 0.6, 0.9 → conf 0.75, fraction positive 1   → |gap| 0.25
 * ECE = 2/4·0.2 + 2/4·0.25 = 0.225
 */
const binary: CalibrationInput = { kind: 'binary', pPositive: [0.2, 0.4, 0.6, 0.9], labels: [0, 1, 1, 1] };

describe('reliabilityBins', () => {
  it('bins the hand example: counts, mean confidence and accuracy per bin, empty bins NaN', () => {
    const bins = reliabilityBins(topLabel);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 0, 2, 0, 1, 2]);
    expect(bins[6].confidence).toBeCloseTo(0.635, 12);
    expect(bins[6].accuracy).toBe(0.5);
    expect(bins[8]).toMatchObject({ count: 1, accuracy: 0 });
    expect(bins[8].confidence).toBeCloseTo(0.85, 12);
    expect(bins[9]).toMatchObject({ count: 2, accuracy: 1 });
    expect(bins[0].confidence).toBeNaN();
    expect(bins[0].accuracy).toBeNaN();
    expect(bins[3]).toMatchObject({ lo: 0.3, hi: 0.4 });
  });

  it('puts p = 0 in the first bin, p = 1 and the bin edge 0.5 in the last of two', () => {
    const bins = reliabilityBins({ kind: 'binary', pPositive: [0, 0.5, 1], labels: [0, 1, 1] }, 2);
    expect(bins.map((b) => b.count)).toEqual([1, 2]);
  });

  it('binary bins the fraction of positives', () => {
    const bins = reliabilityBins(binary, 2);
    expect(bins.map((b) => [b.count, b.accuracy])).toEqual([
      [2, 0.5],
      [2, 1],
    ]);
    expect(bins[0].confidence).toBeCloseTo(0.3, 12);
    expect(bins[1].confidence).toBeCloseTo(0.75, 12);
  });

  it('falls back to 10 bins for a count that is not a number ≥ 1', () => {
    expect(reliabilityBins(topLabel, 0)).toHaveLength(10);
    expect(reliabilityBins(topLabel, NaN)).toHaveLength(10);
    expect(reliabilityBins(topLabel, 4.7)).toHaveLength(4);
  });

  it('has only empty bins, all NaN, when there are no examples', () => {
    const bins = reliabilityBins({ kind: 'top-label', confidence: [], correct: [] }, 3);
    expect(bins.map((b) => b.count)).toEqual([0, 0, 0]);
    expect(bins.every((b) => Number.isNaN(b.confidence) && Number.isNaN(b.accuracy))).toBe(true);
  });
});

describe('expectedCalibrationError (Naeini et al. 2015)', () => {
  it('matches the hand-computed examples', () => {
    expect(expectedCalibrationError(topLabel)).toBeCloseTo(0.244, 12);
    expect(expectedCalibrationError(binary, 2)).toBeCloseTo(0.225, 12);
  });

  it('is the same from bins already made', () => {
    expect(expectedCalibrationError(reliabilityBins(topLabel))).toBeCloseTo(0.244, 12);
    expect(expectedCalibrationError(reliabilityBins(binary, 2))).toBeCloseTo(0.225, 12);
  });

  it('ignores empty bins (eight of the ten in the hand example)', () => {
    // Each of the 7 empty bins would make the sum NaN if it were counted.
    expect(Number.isFinite(expectedCalibrationError(topLabel))).toBe(true);
  });

  it('all correct: 0 when every confidence is 1; 1 − p when every confidence is p (under-confident)', () => {
    expect(expectedCalibrationError({ kind: 'top-label', confidence: [1, 1, 1], correct: [1, 1, 1] })).toBe(0);
    // One bin [0.8, 0.9): conf 0.8, acc 1 → ECE 0.2.
    expect(expectedCalibrationError({ kind: 'top-label', confidence: [0.8, 0.8], correct: [true, true] })).toBeCloseTo(0.2, 12);
  });

  it('a single example: |correct − confidence|', () => {
    expect(expectedCalibrationError({ kind: 'top-label', confidence: [0.7], correct: [1] })).toBeCloseTo(0.3, 12);
    expect(expectedCalibrationError({ kind: 'top-label', confidence: [0.7], correct: [0] })).toBeCloseTo(0.7, 12);
    expect(expectedCalibrationError({ kind: 'binary', pPositive: [0.25], labels: [0] })).toBeCloseTo(0.25, 12);
  });

  it('is NaN with no examples, and leaves out non-finite probabilities', () => {
    expect(expectedCalibrationError({ kind: 'binary', pPositive: [], labels: [] })).toBeNaN();
    expect(expectedCalibrationError({ kind: 'top-label', confidence: [NaN, Infinity], correct: [1, 1] })).toBeNaN();
    expect(expectedCalibrationError({ kind: 'top-label', confidence: [NaN, 0.7], correct: [1, 1] })).toBeCloseTo(0.3, 12);
  });

  it('is 0 for perfectly calibrated bins', () => {
    // conf 0.75 and 3 of 4 right; conf 0.25 (binary) and 1 of 4 positive.
    expect(expectedCalibrationError({ kind: 'top-label', confidence: [0.75, 0.75, 0.75, 0.75], correct: [1, 1, 1, 0] })).toBeCloseTo(0, 12);
    expect(expectedCalibrationError({ kind: 'binary', pPositive: [0.25, 0.25, 0.25, 0.25], labels: [1, 0, 0, 0] })).toBeCloseTo(0, 12);
  });
});

describe('calibrationInput and calibrationInputOf', () => {
  it('one output is binary; several are top-label with the arg-max (first on ties)', () => {
    expect(calibrationInput([[0.2], [0.9]], [0, 1])).toMatchObject({ kind: 'binary', labels: [0, 1] });
    const m = calibrationInput(
      [
        [0.1, 0.7, 0.2],
        [0.4, 0.4, 0.2],
        [0.2, 0.2, 0.6],
      ],
      [1, 1, 2],
    );
    expect(m.kind).toBe('top-label');
    if (m.kind !== 'top-label') return;
    expect(Array.from(m.confidence)).toEqual([0.7, 0.4, 0.6]);
    // Row 2 ties classes 0 and 1: the arg-max is 0, so the true class 1 is a mistake.
    expect(Array.from(m.correct)).toEqual([1, 0, 1]);
  });

  it('reads row-major probabilities as calibrationInput reads rows', () => {
    const flat = [0.1, 0.7, 0.2, 0.4, 0.4, 0.2, 0.2, 0.2, 0.6];
    const rows = [flat.slice(0, 3), flat.slice(3, 6), flat.slice(6)];
    expect(calibrationInputOf({ probabilities: Float32Array.from(flat), labels: [1, 1, 2], outputs: 3 })).toEqual(
      calibrationInput(
        rows.map((r) => Array.from(Float32Array.from(r))),
        [1, 1, 2],
      ),
    );
    expect(calibrationInputOf({ probabilities: [0.2, 0.9], labels: Uint8Array.from([0, 1]), outputs: 1 })).toEqual(
      calibrationInput([[0.2], [0.9]], [0, 1]),
    );
    expect(expectedCalibrationError(calibrationInputOf({ probabilities: [], labels: [], outputs: 1 }))).toBeNaN();
  });
});
