/**
 * The fused relu(x + bias) and x + bias (WebGPU, on SwiftShader in Node) against tfjs' add (+ relu) on the
 * CPU: output and the gradients of x and bias (one-dispatch bias gradient), on dense and conv layer shapes.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/random';
import { biasAdd, biasRelu } from '../../../src/engine/kernels/bias-relu';
import { maxRelErr, on, setupWebGpu } from './webgpu';

const gpu = await setupWebGpu();
const { useEngineWebGpuKernels } = await import('../../../src/engine/kernels/webgpu/register');
const rng = createRng(19, 'bias-relu-test');
const rand = (n: number) => Float32Array.from({ length: n }, () => rng.normal());

const cases: [string, number[], boolean][] = [
  ['relu, dense (64 × 128)', [64, 128], true],
  ['relu, conv (2 × 26 × 26 × 32)', [2, 26, 26, 32], true],
  ['relu, odd (3 × 5)', [3, 5], true],
  ['linear, logits (64 × 10)', [64, 10], false],
  ['linear, conv (3 × 7 × 9 × 3: rows not a multiple of the workgroup)', [3, 7, 9, 3], false],
];

describe(`relu(x + bias), fused, on WebGPU (${gpu.ok ? gpu.adapter : 'no adapter'})`, () => {
  for (const [name, shape, relu] of cases) {
    it.skipIf(!gpu.ok)(`${name}: output and gradients match tfjs on the CPU${gpu.ok ? '' : ` — ${gpu.why}`}`, async () => {
      const size = shape.reduce((a, b) => a * b, 1);
      const channels = shape[shape.length - 1];
      const x = rand(size);
      const b = rand(channels);
      const dy = rand(size);
      const run = (f: (x: tf.Tensor, b: tf.Tensor) => tf.Tensor) => () => {
        const [xt, bt] = [tf.tensor(x, shape), tf.tensor1d(b)];
        const { value, grads } = tf.valueAndGrads((a: tf.Tensor, c: tf.Tensor) => f(a, c))([xt, bt], tf.tensor(dy, shape));
        return [value, ...grads];
      };
      useEngineWebGpuKernels(true);
      expect(tf.getKernel(relu ? 'LcBiasRelu' : 'LcBiasAdd', 'webgpu'), 'the fused kernel is registered').toBeDefined();
      const before = tf.memory().numTensors;
      const got = await on('webgpu', run(relu ? biasRelu : biasAdd));
      expect(tf.memory().numTensors).toBe(before);
      const want = await on(
        'cpu',
        run((a, c) => (relu ? tf.relu(tf.add(a, c)) : tf.add(a, c))),
      );
      expect(maxRelErr(got[0], want[0])).toBeLessThan(1e-7);
      expect(maxRelErr(got[1], want[1])).toBeLessThan(1e-7);
      expect(maxRelErr(got[2], want[2])).toBeLessThan(1e-5);
    });
  }
});
