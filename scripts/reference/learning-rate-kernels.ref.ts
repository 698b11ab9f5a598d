/**
 * Why a seed can end differently on two machines: the learner's run at learning rate 1 for 2,500 iterations, in Node on
 * the CPU, once with tfjs' stock CPU kernels (as the seed survey in learning-rate.ref.ts runs) and once with the
 * engine's own CPU kernels (as a reader's browser runs on its CPU backend): same data, same seed, same spec; only the
 * order of the floating-point operations differs. Writes src/reference/learning-rate-kernels.json. About a minute:
 *   npm run reference -- learning-rate-kernels
 */
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { learnerSpec } from '../../src/demos/learning-rate';
import { loadExperimentData } from '../../src/engine/data/source';
import { createNodeSource } from '../../src/engine/data/source-node';
import { useEngineCpuKernels } from '../../src/engine/kernels/cpu/register';
import { assertSpec } from '../../src/engine/spec/parse';
import { Trainer, type StepRecord } from '../../src/engine/train/trainer';
import { setupOf, writeReference } from './write';

const SEEDS = [1, 2, 3, 9];
const ITERATIONS = 2500;

it('the learner’s run with stock and with engine CPU kernels', async () => {
  await tf.setBackend('cpu');
  const runs: Record<string, Record<string, { deadUnits: number; finalCost: number }>> = { stock: {}, engine: {} };
  for (const kernels of ['stock', 'engine'] as const) {
    useEngineCpuKernels(kernels === 'engine');
    for (const seed of SEEDS) {
      const spec = assertSpec({
        ...learnerSpec,
        seed,
        optimizer: { type: 'sgd', learningRate: 1 },
        record: { every: ITERATIONS, instruments: true, evaluate: { steps: ITERATIONS } },
      });
      const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed }, () => undefined);
      const trainer = new Trainer(spec, data);
      let last: StepRecord | null = null;
      for (let i = 1; i <= ITERATIONS; i++) last = (await trainer.trainStep(i === ITERATIONS)) ?? last;
      trainer.dispose();
      runs[kernels][`seed${seed}`] = { deadUnits: last!.instruments!.layers[0].deadUnits!, finalCost: Number(last!.loss.toPrecision(7)) };
      console.log(kernels, seed, runs[kernels][`seed${seed}`]);
    }
  }
  writeReference('learning-rate-kernels', {
    setup: setupOf({
      backend: 'cpu (tfjs, Node): runs.stock with tfjs’ stock CPU kernels, runs.engine with the engine’s CPU kernels',
      spec: 'src/demos/learning-rate.ts learnerSpec at learning rate 1: [784, 7, 1], 209 training images (72 Bag), full batch, course init',
      seeds: SEEDS,
      iterations: ITERATIONS,
    }),
    runs,
  });
}, 1_800_000);
