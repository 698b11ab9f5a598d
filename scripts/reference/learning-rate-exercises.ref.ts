/**
 * Worked answers to the learning-rate chapter's exercises, measured the way a reader's browser computes on its CPU
 * backend (tfjs' CPU backend with the engine's own CPU kernels; see learning-rate-kernels.ref.ts for why that
 * matters): the learner's network for 2,500 iterations (a) at seed 9 and learning rates 0.5–0.9, (b) at learning
 * rate 1 and seeds 0–9: dead units of the seven and the final cost; (c) the linear network of the explode demo for
 * its 300 iterations at each of its presets: the final cost, or the step at which it overflowed.
 * Writes src/reference/learning-rate-exercises.json.
 *   npm run reference -- learning-rate-exercises     (about five minutes on 2 cores)
 */
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { explodeDemo } from '../../src/demos/learning-rate';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { useEngineCpuKernels } from '../../src/engine/kernels/cpu/register';
import { assertSpec } from '../../src/engine/spec/parse';
import { DivergedError, Trainer, type StepRecord } from '../../src/engine/train/trainer';
import { learnerRun } from './learner-run';
import { setupOf, writeReference } from './write';

const ITERATIONS = 2500;
const RATES = [0.5, 0.6, 0.7, 0.8, 0.9];
const SEEDS = Array.from({ length: 10 }, (_, i) => i);

async function run(seed: number, learningRate: number) {
  const r = await learnerRun(seed, learningRate, ITERATIONS);
  return { deadUnits: r.deadUnits, finalCost: Number(r.loss.toPrecision(4)) };
}

/** The explode demo's linear network at `learningRate`: its final cost after its iterations, or where it overflowed. */
async function explode(learningRate: number) {
  const base = explodeDemo.spec;
  const spec = assertSpec({ ...base, optimizer: { type: 'sgd', learningRate }, record: { every: 1, evaluate: { steps: 300 } } });
  const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed }, () => undefined);
  const trainer = new Trainer(spec, data);
  const total = spec.training.duration as { iterations: number };
  let last: StepRecord | null = null;
  try {
    for (let i = 1; i <= total.iterations; i++) last = (await trainer.trainStep(true)) ?? last;
    return { diverged: false, finalCost: Number(last!.loss.toPrecision(4)) };
  } catch (err) {
    if (!(err instanceof DivergedError)) throw err;
    return { diverged: true, divergedAt: err.step };
  } finally {
    trainer.dispose();
  }
}

it('learning rates 0.5–0.9 at seed 9, and seeds 0–9 at learning rate 1', async () => {
  await tf.setBackend('cpu');
  useEngineCpuKernels(true);
  const rates: Record<string, Awaited<ReturnType<typeof run>>> = {};
  for (const lr of RATES) {
    rates[`lr${String(lr).replace('.', '_')}`] = await run(9, lr);
    console.log('lr', lr, rates[`lr${String(lr).replace('.', '_')}`]);
  }
  const seeds: Record<string, Awaited<ReturnType<typeof run>>> = {};
  for (const seed of SEEDS) {
    seeds[`seed${seed}`] = await run(seed, 1);
    console.log('seed', seed, seeds[`seed${seed}`]);
  }
  const explodeRates = [0.0075, 0.03, 0.1, 0.3, 1, 10];
  const linear: Record<string, Awaited<ReturnType<typeof explode>>> = {};
  for (const lr of explodeRates) {
    linear[`lr${String(lr).replace('.', '_')}`] = await explode(lr);
    console.log('linear', lr, linear[`lr${String(lr).replace('.', '_')}`]);
  }
  const linearTrains = explodeRates.filter((lr) => !linear[`lr${String(lr).replace('.', '_')}`].diverged);
  const survivorRates = RATES.filter((lr) => rates[`lr${String(lr).replace('.', '_')}`].deadUnits < 7);
  const learningSeeds = SEEDS.filter((s) => seeds[`seed${s}`].finalCost < 0.5);
  const allDeadRates = RATES.filter((lr) => rates[`lr${String(lr).replace('.', '_')}`].deadUnits === 7);
  const stuckSeeds = SEEDS.filter((s) => seeds[`seed${s}`].deadUnits === 7);
  writeReference('learning-rate-exercises', {
    setup: setupOf({
      backend: 'cpu (tfjs, Node, with the engine’s CPU kernels, as a browser’s CPU backend)',
      spec: 'src/demos/learning-rate.ts learnerSpec: [784, 7, 1], 209 training images (72 Bag), full batch, course init',
      iterations: ITERATIONS,
    }),
    atSeed9: rates,
    survivorRates,
    allDeadRates,
    atRate1: seeds,
    learningSeeds,
    stuckSeeds,
    linear,
    linearTrains,
    linearLargestTraining: Math.max(...linearTrains),
  });
}, 3_600_000);
