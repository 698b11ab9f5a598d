/**
 * The learner's puzzle (lr-puzzle-helpers.ts): LR 1.0 sticks at the binary entropy of the label prior, with every
 * hidden ReLU dead and an exactly-zero gradient for W1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { binaryEntropy, trainPuzzle } from './lr-puzzle-helpers';
import { useCpu } from './helpers';

beforeAll(useCpu);

describe('why is my cost stuck at 0.6439?', () => {
  it('LR 1.0 sticks at H(72/209) = 0.6440 with all 7 hidden ReLUs dead and ∂J/∂W1 exactly 0', async () => {
    const { records, last, positives, n } = await trainPuzzle(1.0);
    expect([positives, n]).toEqual([72, 209]);
    const h = binaryEntropy(positives / n);
    expect(h).toBeCloseTo(0.644, 3);
    expect(Math.abs(last.loss - h)).toBeLessThan(1e-4);
    const hidden = last.instruments!.layers[0];
    expect(hidden.deadUnits).toBe(7);
    expect(last.instruments!.params.find((p) => p.name === 'W1')!.gradNorm).toBe(0);
    expect(last.instruments!.params.find((p) => p.name === 'b1')!.gradNorm).toBe(0);
    // Stuck, not slowly converging: the cost is flat over the last thousand iterations.
    const late = records.filter((r) => r.step >= 1500).map((r) => r.loss);
    expect(Math.max(...late) - Math.min(...late)).toBeLessThan(1e-4);
  });
});
