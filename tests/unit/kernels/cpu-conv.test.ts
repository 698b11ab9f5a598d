/**
 * The engine's CPU convolution kernels (forward, input gradient, filter gradient) against tfjs' own: the same
 * values to float32 rounding for valid and same padding, strides 1 and 2, one and several channels, inputs with
 * zeros; tfjs' kernels again once the engine's are removed.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEngineCpuKernels } from '../../../src/engine/kernels/cpu/register';
import { createRng } from '../../../src/engine/random';

const rng = createRng(7, 'conv-test');
/** Random values with about a third of them exactly zero, like ReLU maps. */
const rand = (n: number) => Float32Array.from({ length: n }, () => (rng.next() < 0.33 ? 0 : rng.normal()));

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterAll(() => useEngineCpuKernels(false));

/** Output, input gradient and filter gradient of sum(conv(x, w) · r) for a fixed random r. */
function run(x: tf.Tensor4D, w: tf.Tensor4D, stride: number, pad: 'valid' | 'same', r: tf.Tensor) {
  return tf.tidy(() => {
    const out = tf.conv2d(x, w, stride, pad);
    const f = (a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, stride, pad), r));
    const [dx, dw] = tf.grads(f)([x, w]);
    return [out, dx, dw].map((t) => t.dataSync() as Float32Array);
  });
}

const cases: [string, number[], number[], number, 'valid' | 'same'][] = [
  ['course conv 1', [4, 28, 28, 1], [3, 3, 1, 8], 1, 'valid'],
  ['course conv 2', [3, 13, 13, 8], [3, 3, 8, 16], 1, 'valid'],
  ['stride 2', [2, 11, 11, 3], [3, 3, 3, 5], 2, 'valid'],
  ['same padding, stride 2', [2, 9, 10, 2], [3, 3, 2, 4], 2, 'same'],
  ['5×5 filter, same padding', [1, 8, 8, 2], [5, 5, 2, 3], 1, 'same'],
];

describe('CPU convolution kernels', () => {
  for (const [name, xs, ws, stride, pad] of cases) {
    it(`${name}: output and both gradients match tfjs`, () => {
      const x = tf.tensor4d(rand(xs.reduce((a, b) => a * b)), xs as [number, number, number, number]);
      const w = tf.tensor4d(rand(ws.reduce((a, b) => a * b)), ws as [number, number, number, number]);
      const shape = tf.tidy(() => tf.conv2d(x, w, stride, pad).shape);
      const r = tf.tensor(rand(shape.reduce((a, b) => a * b)), shape);
      useEngineCpuKernels(false);
      const want = run(x, w, stride, pad, r);
      useEngineCpuKernels(true);
      const before = tf.memory().numTensors;
      const got = run(x, w, stride, pad, r);
      expect(tf.memory().numTensors).toBe(before);
      for (let k = 0; k < 3; k++) {
        expect(got[k].length).toBe(want[k].length);
        const scale = Math.max(1, ...Array.from(want[k], Math.abs));
        const worst = got[k].reduce((m, v, i) => Math.max(m, Math.abs(v - want[k][i])), 0);
        expect(worst / scale, `${['output', 'input gradient', 'filter gradient'][k]}`).toBeLessThan(1e-5);
      }
      tf.dispose([x, w, r]);
    });
  }

  it('is in the registry only while the engine kernels are on', () => {
    useEngineCpuKernels(true);
    const ours = tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc;
    useEngineCpuKernels(false);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc).not.toBe(ours);
    useEngineCpuKernels(true);
    expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc).not.toBe(ours); // a fresh wrapper, same stock
  });
});
