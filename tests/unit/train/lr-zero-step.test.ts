/**
 * The learner's puzzle (lr-puzzle-helpers.ts) at LR 1: the step at which the course's
 * `assert np.linalg.norm(dW1) > 0` would fire, tracked on the device at every step.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runAtLr1 } from './lr-puzzle-helpers';
import { useCpu } from './helpers';

beforeAll(useCpu);

describe('the iteration at which `assert np.linalg.norm(dW1) > 0` fires', () => {
  for (const seed of [9, 1, 0]) {
    it(`seed ${seed}: the trainer's first zero step equals the first step a record-every-step run sees ‖dW1‖ = 0`, async () => {
      const everyStep = await runAtLr1(seed, 1);
      const seen = everyStep.find((r) => r.instruments!.params.find((p) => p.name === 'W1')!.gradNorm === 0)?.step;
      expect(seen, 'W1 gradient reached zero within 150 steps').toBeDefined();
      // Tracked on the device at every step, so a run that records only every 10 steps knows it too.
      const sparse = await runAtLr1(seed, 10);
      expect(sparse.at(-1)!.firstZeroGradStep).toBe(seen);
      expect(everyStep.at(-1)!.firstZeroGradStep).toBe(seen);
      // Before that step it was null, at that step it is set.
      expect(everyStep[seen! - 2].firstZeroGradStep).toBeNull();
      expect(everyStep[seen! - 1].firstZeroGradStep).toBe(seen);
    });
  }
});
