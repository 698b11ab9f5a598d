import { describe, expect, it } from 'vitest';
import { accuracyOf, fitTemperature, logitsOf, meanNll, scaled } from '../../../src/metrics/temperature';
import { createRng } from '../../../src/engine/random';

/** Labels drawn from calibrated probabilities σ(z), then reported over-confidently as σ(k·z). */
function overconfident(k: number, n = 4000) {
  const rng = createRng(5, 'temperature');
  const probabilities = new Float32Array(n);
  const labels = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const z = rng.normal() * 2;
    labels[i] = rng.next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    probabilities[i] = 1 / (1 + Math.exp(-k * z));
  }
  return { probabilities, labels, outputs: 1 };
}

describe('temperature scaling', () => {
  it('recovers the over-confidence factor and lowers the loss, leaving accuracy alone', () => {
    const set = overconfident(3);
    const t = fitTemperature(set);
    expect(t).toBeGreaterThan(2.6);
    expect(t).toBeLessThan(3.4);
    const after = scaled(set, t);
    expect(meanNll(after, set.labels, 1)).toBeLessThan(meanNll(set.probabilities, set.labels, 1) - 0.05);
    expect(accuracyOf(after, set.labels, 1)).toBe(accuracyOf(set.probabilities, set.labels, 1));
  });

  it('leaves calibrated probabilities about alone (T ≈ 1)', () => {
    expect(fitTemperature(overconfident(1))).toBeCloseTo(1, 1);
  });

  it('works on softmax outputs: rows still sum to 1 and the arg-max stays', () => {
    const probabilities = Float32Array.from([0.7, 0.2, 0.1, 0.05, 0.9, 0.05, 0.98, 0.01, 0.01]);
    const labels = Uint8Array.from([0, 1, 2]);
    const set = { probabilities, labels, outputs: 3 };
    const t = fitTemperature(set);
    const after = scaled(set, t);
    for (let r = 0; r < 3; r++) expect(after[r * 3] + after[r * 3 + 1] + after[r * 3 + 2]).toBeCloseTo(1, 12);
    expect(accuracyOf(after, labels, 3)).toBeCloseTo(2 / 3, 12);
    // The confident mistake (0.98 on the wrong class) pulls T up: predictions get softer.
    expect(t).toBeGreaterThan(1);
  });

  it('keeps logits finite for probabilities rounded to exactly 0 or 1', () => {
    const l = logitsOf({ probabilities: Float32Array.from([0, 1]), labels: Uint8Array.from([0, 1]), outputs: 1 });
    expect([...l].every(Number.isFinite)).toBe(true);
  });
});
