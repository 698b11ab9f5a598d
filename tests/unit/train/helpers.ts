import * as tf from '@tensorflow/tfjs';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../../src/engine/spec/schema';
import type { TrainingData } from '../../../src/engine/train/trainer';
import { createRng } from '../../../src/engine/random';

export async function useCpu() {
  await tf.setBackend('cpu');
  await tf.ready();
}

/** Synthetic, learnable binary data: positives (class 8) are brighter in the top half; negatives are class 0. Deterministic. */
export function syntheticBinary(n: number, seed = 7): TrainingData['train'] {
  const rng = createRng(seed, 'synthetic');
  const x = new Float32Array(n * 784);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const positive = i % 3 === 0;
    labels[i] = positive ? 1 : 0;
    for (let p = 0; p < 784; p++) x[i * 784 + p] = rng.next() * 0.5 + (positive && p < 392 ? 0.4 : 0);
  }
  return { x, labels, n, y: Uint8Array.from(labels, (l) => (l ? 8 : 0)) };
}

export const tinyBinary = (patch: Partial<ExperimentSpecInput> = {}) =>
  assertSpec({
    seed: 3,
    data: { dataset: 'fashion-mnist', task: { kind: 'binary', positive: [8] }, train: 60, test: 30 },
    model: { kind: 'mlp', sizes: [784, 5, 1], initializer: 'glorotUniform' },
    optimizer: { type: 'sgd', learningRate: 0.1 },
    training: { batchSize: 20, duration: { iterations: 50 } },
    ...patch,
  });

export const tinyData = (): TrainingData => ({ train: syntheticBinary(60), test: syntheticBinary(30, 99) });
