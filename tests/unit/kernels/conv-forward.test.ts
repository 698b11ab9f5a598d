/**
 * The direct Conv2D (short reductions) against the CPU backend: outputs on the course CNN's first layer
 * and on padded/strided shapes within 1e-5, and gradients through it (tf.grad w.r.t. input and filter)
 * within 1e-4; a wide layer (3·3·32 > 32) still goes to tfjs' program and matches too.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/random';
import { maxRelErr, on, setupWebGpu } from './webgpu';

const gpu = await setupWebGpu();
const { useEngineWebGpuKernels } = await import('../../../src/engine/kernels/webgpu/register');
const rng = createRng(12, 'conv-fwd-test');
const rand = (shape: number[]) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());
type S4 = [number, number, number, number];

const cases: { name: string; x: S4; k: S4; stride: number; pad: 'valid' | 'same' }[] = [
  { name: 'conv1 of the course CNN (batch 3)', x: [3, 28, 28, 1], k: [3, 3, 1, 32], stride: 1, pad: 'valid' },
  { name: '5×5 on 1 channel, stride 2, same', x: [2, 11, 9, 1], k: [5, 5, 1, 4], stride: 2, pad: 'same' },
  { name: '3×3 on 3 channels, same', x: [2, 6, 7, 3], k: [3, 3, 3, 5], stride: 1, pad: 'same' },
  { name: 'wide layer (stock path)', x: [2, 7, 7, 32], k: [3, 3, 32, 8], stride: 1, pad: 'valid' },
];

describe(`Conv2D, direct for short reductions, on WebGPU (${gpu.ok ? gpu.adapter : 'no adapter'})`, () => {
  for (const c of cases) {
    it.skipIf(!gpu.ok)(`${c.name}: output and gradients match the CPU${gpu.ok ? '' : ` — ${gpu.why}`}`, async () => {
      const x = rand(c.x);
      const k = rand(c.k);
      const outShape = tf.tidy(() => tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros(c.k) as tf.Tensor4D, c.stride, c.pad).shape);
      const dy = rand(outShape);
      const f = () => {
        const xt = tf.tensor4d(x, c.x);
        const kt = tf.tensor4d(k, c.k);
        const y = tf.conv2d(xt, kt, c.stride, c.pad);
        const [dx, dk] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, c.stride, c.pad))(
          [xt, kt],
          tf.tensor(dy, outShape),
        );
        return [y, dx, dk];
      };
      useEngineWebGpuKernels(true);
      const got = await on('webgpu', f);
      const want = await on('cpu', f);
      expect(maxRelErr(got[0], want[0]), 'output').toBeLessThan(1e-5);
      expect(maxRelErr(got[1], want[1]), '∂/∂x').toBeLessThan(1e-4);
      expect(maxRelErr(got[2], want[2]), '∂/∂W').toBeLessThan(1e-4);
    });
  }
});
