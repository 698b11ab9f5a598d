/**
 * Reference measurements quoted in the learning-rate chapter, on the engine's CPU backend in Node, written to
 * src/reference/learning-rate.json (with the setup: engine commit, backend, device, seeds, sizes, date):
 * - the learner's run at seed 9, learning rate 1, 2,500 iterations: the final cost, dead units, and the first
 *   iteration at which ‖dW1‖ is exactly 0;
 * - the seed survey: seeds 0–40 at learning rate 1 for 400 iterations: dead units, the cost, and for every unit
 *   the largest pre-activation z over the 209 training images (how close a dead unit came to living).
 * About three minutes on a 2-core machine:
 *   npm run reference -- learning-rate
 */
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { learnerSpec } from '../../src/demos/learning-rate';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { assertSpec } from '../../src/engine/spec/parse';
import { Trainer, type StepRecord } from '../../src/engine/train/trainer';
import { setupOf, writeReference } from './write';

const SURVEY_SEEDS = Array.from({ length: 41 }, (_, i) => i);
const SURVEY_ITERATIONS = 400;
const LEARNER_ITERATIONS = 2500;

async function run(seed: number, iterations: number) {
  const spec = assertSpec({
    ...learnerSpec,
    seed,
    optimizer: { type: 'sgd', learningRate: 1 },
    record: { every: iterations, instruments: true, evaluate: { steps: iterations } },
  });
  const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed }, () => undefined);
  const trainer = new Trainer(spec, data);
  let last: StepRecord | null = null;
  for (let i = 1; i <= iterations; i++) last = (await trainer.trainStep(i === iterations)) ?? last;
  // The largest z = x·W1 + b1 of each hidden unit over the training images: ≤ 0 means the unit is dead.
  const [w1, b1] = trainer.model.variables;
  const maxZ = tf.tidy(() => tf.max(tf.add(tf.matMul(tf.tensor2d(data.train.x, [data.train.n, 784]), w1), b1), 0).arraySync() as number[]);
  trainer.dispose();
  const instruments = last!.instruments!;
  return {
    seed,
    iterations,
    cost: last!.loss,
    accuracy: last!.accuracy,
    deadUnits: instruments.layers[0].deadUnits!,
    firstZeroGradIteration: last!.firstZeroGradStep ?? null,
    maxZ: maxZ.map((z) => Number(z.toPrecision(6))),
  };
}

it('learning-rate chapter reference', async () => {
  await tf.setBackend('cpu');
  const learner = await run(9, LEARNER_ITERATIONS);
  const survey = [];
  for (const seed of SURVEY_SEEDS) survey.push(await run(seed, SURVEY_ITERATIONS));
  const allDead = survey.filter((r) => r.deadUnits === 7);
  // Dead, but barely: every unit dead and the least dead one within 1e-3 of living.
  const barelyDead = allDead.filter((r) => Math.max(...r.maxZ) > -1e-3).map((r) => r.seed);
  const survivors = survey.filter((r) => r.deadUnits < 7);
  writeReference('learning-rate', {
    setup: setupOf({
      backend: 'cpu (tfjs, Node)',
      spec: 'src/demos/learning-rate.ts learnerSpec at learning rate 1: [784, 7, 1], 209 training images (72 Bag), 50 test, full batch, course init',
      seeds: { learner: [9], survey: [SURVEY_SEEDS[0], SURVEY_SEEDS.at(-1)!] },
      iterations: { learner: LEARNER_ITERATIONS, survey: SURVEY_ITERATIONS },
    }),
    learner: {
      seed: 9,
      iterations: LEARNER_ITERATIONS,
      finalCost: Number(learner.cost.toFixed(7)),
      deadUnits: learner.deadUnits,
      // Counting from 1 as the book's chart does; the course's loop counts from 0 (one less).
      zeroGradFromIteration: learner.firstZeroGradIteration,
      zeroGradFromIterationCountingFrom0: learner.firstZeroGradIteration === null ? null : learner.firstZeroGradIteration - 1,
      leastDeadMaxZ: Number(Math.max(...learner.maxZ).toFixed(3)),
    },
    survey: {
      seeds: survey.length,
      iterations: SURVEY_ITERATIONS,
      allDead: allDead.length,
      allDeadShare: Number((allDead.length / survey.length).toFixed(3)),
      barelyDeadSeeds: barelyDead,
      survivorSeeds: survivors.map((r) => r.seed),
      runs: survey.map((r) => ({ seed: r.seed, deadUnits: r.deadUnits, cost: Number(r.cost.toFixed(6)), maxZ: r.maxZ })),
    },
  });
});
