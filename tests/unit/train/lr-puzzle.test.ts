/**
 * The learner's puzzle from the learning-rate chapter, on real Fashion-MNIST data (needs `npm run data`):
 * [784, 7, 1] ReLU/sigmoid, course init N(0,1)·0.01, full-batch gradient descent, 2500 iterations,
 * 72 "Bag" + 137 other training images. LR 0.0075 keeps learning; LR 1.0 sticks at the binary entropy of the
 * label prior, with every hidden ReLU dead and an exactly-zero gradient for W1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExperimentData } from '../../../src/engine/data/source';
import { createNodeSource } from '../../../src/engine/data/source-node';
import { assertSpec } from '../../../src/engine/spec/parse';
import { Trainer, type StepRecord } from '../../../src/engine/train/trainer';
import { lrPuzzle } from '../spec/fixtures';
import { useCpu } from './helpers';

beforeAll(useCpu);

const binaryEntropy = (p: number) => -p * Math.log(p) - (1 - p) * Math.log(1 - p);

async function train(learningRate: number) {
  const spec = assertSpec({ ...lrPuzzle, optimizer: { type: 'sgd', learningRate }, record: { every: 100, instruments: true, evaluate: { steps: 2500 } } });
  const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed });
  const trainer = new Trainer(spec, data);
  const records: StepRecord[] = [];
  for (let i = 1; i <= 2500; i++) {
    const r = await trainer.trainStep(i === 1 || i % 100 === 0);
    if (r) records.push(r);
  }
  const labels = Array.from(data.train.labels);
  trainer.dispose();
  return { records, last: records.at(-1)!, positives: labels.filter((l) => l === 1).length, n: labels.length };
}

describe('why is my cost stuck at 0.6439?', () => {
  it('LR 1.0 sticks at H(72/209) = 0.6440 with all 7 hidden ReLUs dead and ∂J/∂W1 exactly 0', async () => {
    const { records, last, positives, n } = await train(1.0);
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

  it('LR 0.0075 keeps learning well below the prior entropy', async () => {
    const { records, last } = await train(0.0075);
    expect(last.loss).toBeLessThan(0.2);
    expect(last.instruments!.layers[0].deadUnits).toBeLessThan(7);
    expect(last.instruments!.params.find((p) => p.name === 'W1')!.gradNorm).toBeGreaterThan(0);
    // Still decreasing late in training.
    const at = (step: number) => records.find((r) => r.step === step)!.loss;
    expect(at(2500)).toBeLessThan(at(1500));
  });
});

describe('the iteration at which `assert np.linalg.norm(dW1) > 0` fires', () => {
  /** Trains at LR 1 for `steps` steps; records every `every` steps. */
  async function run(seed: number, every: number, steps = 150) {
    const spec = assertSpec({ ...lrPuzzle, seed, optimizer: { type: 'sgd', learningRate: 1 }, record: { every, instruments: true, evaluate: { steps } } });
    const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed });
    const trainer = new Trainer(spec, data);
    const records: StepRecord[] = [];
    for (let i = 1; i <= steps; i++) {
      const r = await trainer.trainStep(i % every === 0);
      if (r) records.push(r);
    }
    trainer.dispose();
    return records;
  }

  for (const seed of [9, 1, 0]) {
    it(`seed ${seed}: the trainer's first zero step equals the first step a record-every-step run sees ‖dW1‖ = 0`, async () => {
      const everyStep = await run(seed, 1);
      const seen = everyStep.find((r) => r.instruments!.params.find((p) => p.name === 'W1')!.gradNorm === 0)?.step;
      expect(seen, 'W1 gradient reached zero within 150 steps').toBeDefined();
      // Tracked on the device at every step, so a run that records only every 10 steps knows it too.
      const sparse = await run(seed, 10);
      expect(sparse.at(-1)!.firstZeroGradStep).toBe(seen);
      expect(everyStep.at(-1)!.firstZeroGradStep).toBe(seen);
      // Before that step it was null, at that step it is set.
      expect(everyStep[seen! - 2].firstZeroGradStep).toBeNull();
      expect(everyStep[seen! - 1].firstZeroGradStep).toBe(seen);
    });
  }
});
