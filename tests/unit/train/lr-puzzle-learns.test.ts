/**
 * The learner's puzzle (lr-puzzle-helpers.ts): LR 0.0075 keeps learning.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { trainPuzzle } from './lr-puzzle-helpers';
import { useCpu } from './helpers';

beforeAll(useCpu);

describe('why is my cost stuck at 0.6439?', () => {
  it('LR 0.0075 keeps learning well below the prior entropy', async () => {
    const { records, last } = await trainPuzzle(0.0075);
    expect(last.loss).toBeLessThan(0.2);
    expect(last.instruments!.layers[0].deadUnits).toBeLessThan(7);
    expect(last.instruments!.params.find((p) => p.name === 'W1')!.gradNorm).toBeGreaterThan(0);
    // Still decreasing late in training.
    const at = (step: number) => records.find((r) => r.step === step)!.loss;
    expect(at(2500)).toBeLessThan(at(1500));
  });
});
