import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { useFastCpuKernels } from '../../../scripts/pretrain/cpu-kernels';
import { createRng } from '../../../src/engine/random';
import { useCpu } from '../train/helpers';

beforeAll(useCpu);

const random = (shape: number[], seed: number) => {
  const rng = createRng(seed, 'kernels');
  return tf.tensor(
    Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal()),
    shape,
  );
};

/** Filter and input gradients of conv → relu → maxPool, as a training step computes them. */
function grads(stride: number, padding: 'valid' | 'same', pool: number, poolStride: number) {
  const x = random([3, 9, 9, 2], 1);
  const k = random([3, 3, 2, 4], 2);
  const g = tf.grads((xx: tf.Tensor, kk: tf.Tensor) =>
    tf.sum(tf.mul(tf.maxPool(tf.relu(tf.conv2d(xx as tf.Tensor4D, kk as tf.Tensor4D, stride, padding)), pool, poolStride, 'valid'), 1.5)),
  )([x, k]);
  return g.map((t) => Array.from(t.dataSync()));
}

describe('the pretraining script’s faster CPU kernels', () => {
  it.each([
    [1, 'valid', 2, 2],
    [2, 'same', 2, 2],
    [1, 'same', 3, 1],
  ] as const)('give bit-identical gradients to tfjs’ kernels (stride %i, %s padding, pool %i/%i)', (stride, padding, pool, poolStride) => {
    const stock = grads(stride, padding, pool, poolStride);
    const restore = useFastCpuKernels();
    try {
      const fast = grads(stride, padding, pool, poolStride);
      expect(fast[1]).toEqual(stock[1]);
      expect(fast[0]).toEqual(stock[0]);
      expect(fast[1].some((v) => v !== 0)).toBe(true);
    } finally {
      restore();
    }
  });
});
