/**
 * The one-pass MaxPoolGrad (non-overlapping windows) against the CPU backend, through tf.grad of maxPool:
 * the course CNN's 2×2 pools (even and odd sizes: valid pooling drops the last row/column), 3×3 windows
 * and 'same' padding; exact (it only routes dy values). Random inputs, so no ties (tfjs' CPU and WebGPU
 * kernels break ties differently). Overlapping windows still go to tfjs' kernel.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/random';
import { maxRelErr, on, setupWebGpu } from './webgpu';

const gpu = await setupWebGpu();
const { useEngineWebGpuKernels } = await import('../../../src/engine/kernels/webgpu/register');
const rng = createRng(13, 'pool-test');
const rand = (shape: number[]) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
type S4 = [number, number, number, number];

const cases: { name: string; x: S4; pool: number; stride: number; pad: 'valid' | 'same' }[] = [
  { name: '2×2 on 26×26×32 (course conv1 → pool1)', x: [2, 26, 26, 32], pool: 2, stride: 2, pad: 'valid' },
  { name: '2×2 on 11×11 (odd: last row and column dropped)', x: [3, 11, 11, 4], pool: 2, stride: 2, pad: 'valid' },
  { name: '3×3, same padding', x: [2, 7, 8, 3], pool: 3, stride: 3, pad: 'same' },
  { name: '3×3 stride 2 (overlapping: stock kernel)', x: [2, 7, 7, 2], pool: 3, stride: 2, pad: 'valid' },
];

describe(`MaxPoolGrad, one pass, on WebGPU (${gpu.ok ? gpu.adapter : 'no adapter'})`, () => {
  for (const c of cases) {
    it.skipIf(!gpu.ok)(`${c.name}: matches the CPU${gpu.ok ? '' : ` — ${gpu.why}`}`, async () => {
      const x = rand(c.x);
      const outShape = tf.tidy(() => tf.maxPool(tf.zeros(c.x) as tf.Tensor4D, c.pool, c.stride, c.pad).shape);
      const dy = rand(outShape);
      const f = () =>
        tf.grad((t: tf.Tensor) => tf.maxPool(t as tf.Tensor4D, c.pool, c.stride, c.pad))(tf.tensor4d(x, c.x), tf.tensor(dy, outShape));
      useEngineWebGpuKernels(true);
      const [got] = await on('webgpu', f);
      const [want] = await on('cpu', f);
      expect(maxRelErr(got, want)).toBeLessThan(1e-7);
      expect(got.filter((v) => v !== 0).length).toBe(want.filter((v) => v !== 0).length);
    });
  }
});
