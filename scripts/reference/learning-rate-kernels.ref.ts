/**
 * Why a seed can end differently on two machines: the learner's run at learning rate 1 for 2,500 iterations, in Node on
 * the CPU, once with tfjs' stock CPU kernels (as the seed survey in learning-rate.ref.ts runs) and once with the
 * engine's own CPU kernels (as a reader's browser runs on its CPU backend): same data, same seed, same spec; only the
 * order of the floating-point operations differs. Writes src/reference/learning-rate-kernels.json. About a minute:
 *   npm run reference -- learning-rate-kernels
 */
import * as tf from '@tensorflow/tfjs';
import { it } from 'vitest';
import { useEngineCpuKernels } from '../../src/engine/kernels/cpu/register';
import { learnerRun } from './learner-run';
import { setupOf, writeReference } from './write';

const SEEDS = [1, 2, 3, 9];
const ITERATIONS = 2500;

it('the learner’s run with stock and with engine CPU kernels', async () => {
  await tf.setBackend('cpu');
  const runs: Record<string, Record<string, { deadUnits: number; finalCost: number }>> = { stock: {}, engine: {} };
  for (const kernels of ['stock', 'engine'] as const) {
    useEngineCpuKernels(kernels === 'engine');
    for (const seed of SEEDS) {
      const r = await learnerRun(seed, 1, ITERATIONS);
      runs[kernels][`seed${seed}`] = { deadUnits: r.deadUnits, finalCost: Number(r.loss.toPrecision(7)) };
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
