/**
 * The learner's puzzle from the learning-rate chapter, on real Fashion-MNIST data (needs `npm run data`):
 * [784, 7, 1] ReLU/sigmoid, course init N(0,1)·0.01, full-batch gradient descent, 72 "Bag" + 137 other training
 * images. Shared by lr-puzzle*.test.ts (one file per long run, so that vitest's workers run them side by side).
 */
import { loadExperimentData } from '../../../src/engine/data/source';
import { createNodeSource } from '../../../src/engine/data/source-node';
import { assertSpec } from '../../../src/engine/spec/parse';
import { Trainer, type StepRecord } from '../../../src/engine/train/trainer';
import { lrPuzzle } from '../spec/fixtures';

export const binaryEntropy = (p: number) => -p * Math.log(p) - (1 - p) * Math.log(1 - p);

/** 2500 iterations at `learningRate`, recorded every 100 (with instruments). */
export async function trainPuzzle(learningRate: number) {
  const spec = assertSpec({
    ...lrPuzzle,
    optimizer: { type: 'sgd', learningRate },
    record: { every: 100, instruments: true, evaluate: { steps: 2500 } },
  });
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

/** Trains at LR 1 for `steps` steps with `seed`; records every `every` steps. */
export async function runAtLr1(seed: number, every: number, steps = 150) {
  const spec = assertSpec({
    ...lrPuzzle,
    seed,
    optimizer: { type: 'sgd', learningRate: 1 },
    record: { every, instruments: true, evaluate: { steps } },
  });
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
