/**
 * The split-reduction Conv2DBackpropFilter against the CPU backend: ∂L/∂W through tf.grad of conv2d on
 * the course CNN's shapes and on padded/strided ones; relative error within 1e-4 (float32 sums in another
 * order). Also checks that the registry swap can be undone.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/random';
import { maxRelErr, on, setupWebGpu } from './webgpu';

const gpu = await setupWebGpu();
// Imported after navigator.gpu exists: tfjs-backend-webgpu registers itself only where WebGPU is present.
const { useEngineWebGpuKernels } = await import('../../../src/engine/kernels/webgpu/register');
const { splitFor } = await import('../../../src/engine/kernels/webgpu/conv-filter-grad');
const TOL = 1e-4;
const rng = createRng(11, 'conv-test');
const rand = (shape: number[]) => Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => rng.normal());

type S4 = [number, number, number, number];
const cases: { name: string; x: S4; k: S4; stride: number; pad: 'valid' | 'same' }[] = [
  { name: 'conv1 of the course CNN (batch 4)', x: [4, 28, 28, 1], k: [3, 3, 1, 32], stride: 1, pad: 'valid' },
  { name: 'conv2 of the course CNN (batch 3)', x: [3, 13, 13, 32], k: [3, 3, 32, 32], stride: 1, pad: 'valid' },
  { name: '5×5, stride 2, same padding, odd sizes', x: [2, 9, 7, 3], k: [5, 5, 3, 6], stride: 2, pad: 'same' },
  { name: '2×3 kernel, stride 1, same padding', x: [5, 6, 6, 2], k: [2, 3, 2, 5], stride: 1, pad: 'same' },
];

describe(`Conv2DBackpropFilter, split reduction, on WebGPU (${gpu.ok ? gpu.adapter : 'no adapter'})`, () => {
  it('splits enough work per thread', () => {
    expect(splitFor(288, 43264)).toEqual({ slices: 228, chunk: 190 });
    expect(splitFor(9216, 100)).toEqual({ slices: 1, chunk: 100 });
    const { slices, chunk } = splitFor(9216, 7744);
    expect(slices * chunk).toBeGreaterThanOrEqual(7744);
    expect((slices - 1) * chunk).toBeLessThan(7744);
  });

  for (const c of cases) {
    it.skipIf(!gpu.ok)(`${c.name}: matches the CPU within ${TOL}${gpu.ok ? '' : ` — ${gpu.why}`}`, async () => {
      const x = rand(c.x);
      const k = rand(c.k);
      const outShape = tf.tidy(() => tf.conv2d(tf.zeros(c.x) as tf.Tensor4D, tf.zeros(c.k) as tf.Tensor4D, c.stride, c.pad).shape);
      const dy = rand(outShape);
      const grad = () =>
        tf.grad((w: tf.Tensor) => tf.conv2d(tf.tensor4d(x, c.x), w as tf.Tensor4D, c.stride, c.pad))(
          tf.tensor4d(k, c.k),
          tf.tensor(dy, outShape),
        );
      useEngineWebGpuKernels(true);
      const [got] = await on('webgpu', grad);
      const [want] = await on('cpu', grad);
      expect(maxRelErr(got, want)).toBeLessThan(TOL);
      expect(Math.max(...want.map(Math.abs))).toBeGreaterThan(0.1);
    });
  }

  it.skipIf(!gpu.ok)('replaces the stock kernel and can restore it', async () => {
    await tf.setBackend('webgpu');
    useEngineWebGpuKernels(true);
    const ours = tf.getKernel('Conv2DBackpropFilter', 'webgpu')!.kernelFunc;
    useEngineWebGpuKernels(false);
    expect(tf.getKernel('Conv2DBackpropFilter', 'webgpu')!.kernelFunc).not.toBe(ours);
    useEngineWebGpuKernels(true);
    expect(tf.getKernel('Conv2DBackpropFilter', 'webgpu')!.kernelFunc).not.toBe(ours); // a fresh closure, same job
    const before = tf.memory().numTensors;
    const attrs = { strides: 1, pad: 'valid', dataFormat: 'NHWC', filterShape: [3, 3, 1, 1] };
    const r = tf.tidy(
      () =>
        tf.engine().runKernel('Conv2DBackpropFilter', { x: tf.ones([1, 4, 4, 1]), dy: tf.ones([1, 2, 2, 1]) }, attrs as never) as tf.Tensor,
    );
    expect(Array.from(await r.data())).toEqual(Array(9).fill(4));
    r.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
