import { describe, expect, it } from 'vitest';
import { accuracyOf, EPS, fitTemperature, logitsOf, meanNll, scaled } from '../../../src/metrics/temperature';
import { createRng } from '../../../src/engine/random';

describe('logits, scaling, loss and accuracy (hand-computed)', () => {
  it('binary logits are ln(p / (1 − p)); dividing by T = 2 turns p = 0.8 into 2/3', () => {
    // ln(0.8 / 0.2) = ln 4; σ(ln 4 / 2) = σ(ln 2) = 2 / (2 + 1) = 2/3.
    const set = { probabilities: [0.5, 0.8], labels: [1, 1], outputs: 1 };
    expect(Array.from(logitsOf(set))).toEqual([0, Math.log(4)].map((v) => expect.closeTo(v, 12)));
    expect(Array.from(scaled(set, 2))).toEqual([0.5, 2 / 3].map((v) => expect.closeTo(v, 12)));
  });

  it('softmax rows: [0.5, 0.25, 0.25] at T = 2 is [√2 − 1, (2 − √2)/2, (2 − √2)/2]', () => {
    // exp(ln p / 2) = √p: √0.5, 0.5, 0.5, summing to √0.5 + 1; √0.5 / (√0.5 + 1) = 1 / (1 + √2) = √2 − 1.
    const set = { probabilities: [0.5, 0.25, 0.25], labels: [0], outputs: 3 };
    const after = Array.from(scaled(set, 2));
    const rest = (2 - Math.SQRT2) / 2;
    expect(after).toEqual([Math.SQRT2 - 1, rest, rest].map((v) => expect.closeTo(v, 12)));
    // T = 1 gives the probabilities back.
    expect(Array.from(scaled(set, 1))).toEqual([0.5, 0.25, 0.25].map((v) => expect.closeTo(v, 12)));
  });

  it('mean cross-entropy −ln p(true class), binary and multiclass', () => {
    // Binary: p(positive) 0.8 for a positive → −ln 0.8; 0.4 for a negative → −ln 0.6.
    expect(meanNll([0.8, 0.4], [1, 0], 1)).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
    // Multiclass: rows [0.5, 0.25, 0.25] (true 0) and [0.1, 0.8, 0.1] (true 2) → (−ln 0.5 − ln 0.1) / 2.
    expect(meanNll([0.5, 0.25, 0.25, 0.1, 0.8, 0.1], [0, 2], 3)).toBeCloseTo(-(Math.log(0.5) + Math.log(0.1)) / 2, 12);
    // A probability of exactly 0 is clamped to EPS, so the loss stays finite.
    expect(meanNll([0], [1], 1)).toBeCloseTo(-Math.log(EPS), 6);
    expect(meanNll([], [], 1)).toBeNaN();
  });

  it('accuracy: binary p > 0.5 is positive; multiclass arg-max (first on ties)', () => {
    expect(accuracyOf([0.8, 0.4, 0.5], [1, 0, 1], 1)).toBeCloseTo(2 / 3, 12);
    expect(accuracyOf([0.4, 0.4, 0.2, 0.1, 0.8, 0.1], [1, 1], 3)).toBe(0.5);
    expect(accuracyOf([], [], 1)).toBeNaN();
  });
});

describe('fitTemperature (Guo et al. 2017)', () => {
  it('binary, by hand: p = 0.9 for four examples, three positive → T = ln 9 / ln 3 = 2', () => {
    // Every example has logit ln 9; the loss is lowest where σ(ln 9 / T) = 3/4, i.e. ln 9 / T = ln 3.
    expect(fitTemperature({ probabilities: [0.9, 0.9, 0.9, 0.9], labels: [1, 1, 1, 0], outputs: 1 })).toBeCloseTo(2, 5);
  });

  it('multiclass, by hand: rows [0.8, 0.1, 0.1], true classes 0,0,0,0,1,2 → T = ln 8 / ln 4 = 1.5', () => {
    // softmax(ln p / T) ∝ p^(1/T); the loss is lowest where it matches the class shares 4/6, 1/6, 1/6:
    // 0.8^(1/T) / 0.1^(1/T) = 8^(1/T) = 4 → 1/T = ln 4 / ln 8 = 2/3.
    const probabilities = Array.from({ length: 6 }, () => [0.8, 0.1, 0.1]).flat();
    expect(fitTemperature({ probabilities, labels: [0, 0, 0, 0, 1, 2], outputs: 3 })).toBeCloseTo(1.5, 5);
  });

  /** Labels drawn from softmax(z) (calibrated logits z), probabilities reported as softmax(t0 · z) in float32. */
  function synthetic(t0: number, n = 6000, k = 4) {
    const rng = createRng(11, `temperature-${t0}`);
    const probabilities = new Float32Array(n * k);
    const labels = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const z = Array.from({ length: k }, () => rng.normal() * 1.5);
      const soft = (s: number) => {
        const e = z.map((v) => Math.exp(s * v));
        const sum = e.reduce((a, b) => a + b, 0);
        return e.map((v) => v / sum);
      };
      const calibrated = soft(1);
      let u = rng.next();
      let label = k - 1;
      for (let c = 0; c < k; c++)
        if ((u -= calibrated[c]) < 0) {
          label = c;
          break;
        }
      labels[i] = label;
      probabilities.set(soft(t0), i * k);
    }
    return { probabilities, labels, outputs: k };
  }

  it.each([2.5, 0.5])('recovers a known temperature %s on synthetic logits (over- and under-confident)', (t0) => {
    const set = synthetic(t0);
    const t = fitTemperature(set);
    expect(Math.abs(t / t0 - 1)).toBeLessThan(0.08);
    const after = scaled(set, t);
    expect(meanNll(after, set.labels, 4)).toBeLessThan(meanNll(set.probabilities, set.labels, 4));
    expect(accuracyOf(after, set.labels, 4)).toBe(accuracyOf(set.probabilities, set.labels, 4));
  });

  it('a single example: right → a small T (sharpen), wrong → about tMax (soften)', () => {
    // Right: the loss falls as T → 0 until the clamp at 1 − EPS flattens it (σ(ln 9 / T) > 1 − 1e-7 below T ≈ 0.14).
    expect(fitTemperature({ probabilities: [0.9], labels: [1], outputs: 1 })).toBeLessThan(0.15);
    // Wrong: p(true) = 1 − σ(ln 9 / T) rises towards 1/2 as T grows.
    expect(fitTemperature({ probabilities: [0.9], labels: [0], outputs: 1 })).toBeCloseTo(50, 3);
    expect(fitTemperature({ probabilities: [0.9], labels: [0], outputs: 1 }, 0.1, 10)).toBeCloseTo(10, 3);
  });

  it('is NaN with no examples', () => {
    expect(fitTemperature({ probabilities: [], labels: [], outputs: 1 })).toBeNaN();
  });
});
