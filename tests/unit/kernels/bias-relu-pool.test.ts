/**
 * maxPool(relu(z + b)) fused (WebGPU, on SwiftShader in Node) against tfjs' add, relu and maxPool on the
 * CPU: output and the gradients of z and b, on the course CNN's shapes, odd sizes (last row and column
 * dropped) and 3×3 windows; then the whole course-CNN forward pass and its weight gradients, engine path
 * (fused conv blocks, fused loss) on WebGPU against tfjs' ops on the CPU.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/random';
import { biasReluMaxPool } from '../../../src/engine/kernels/bias-relu';
import { softmaxCrossEntropyMean } from '../../../src/engine/kernels/softmax-xent';
import { createParams, disposeParams } from '../../../src/engine/model/params';
import { forward } from '../../../src/engine/model/forward';
import { assertSpec } from '../../../src/engine/spec/parse';
import { maxRelErr, on, setupWebGpu } from './webgpu';

const gpu = await setupWebGpu();
const { useEngineWebGpuKernels } = await import('../../../src/engine/kernels/webgpu/register');
const rng = createRng(23, 'bias-relu-pool-test');
const rand = (n: number) => Float32Array.from({ length: n }, () => rng.normal());
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

const cases: [string, [number, number, number, number], number][] = [
  ['course conv1 block (2 × 26 × 26 × 32, pool 2)', [2, 26, 26, 32], 2],
  ['odd (3 × 11 × 11 × 4, pool 2)', [3, 11, 11, 4], 2],
  ['3×3 windows (2 × 9 × 7 × 3)', [2, 9, 7, 3], 3],
];

describe(`maxPool(relu(z + b)), fused, on WebGPU (${gpu.ok ? gpu.adapter : 'no adapter'})`, () => {
  for (const [name, shape, pool] of cases) {
    it.skipIf(!gpu.ok)(`${name}: output and gradients match tfjs on the CPU${gpu.ok ? '' : ` — ${gpu.why}`}`, async () => {
      const z = rand(size(shape));
      const b = rand(shape[3]);
      const outShape = [shape[0], Math.floor(shape[1] / pool), Math.floor(shape[2] / pool), shape[3]];
      const dy = rand(size(outShape));
      const run = (f: (z: tf.Tensor4D, b: tf.Tensor) => tf.Tensor) => () => {
        const { value, grads } = tf.valueAndGrads((a: tf.Tensor, c: tf.Tensor) => f(a as tf.Tensor4D, c))(
          [tf.tensor(z, shape), tf.tensor1d(b)],
          tf.tensor(dy, outShape),
        );
        return [value, ...grads];
      };
      useEngineWebGpuKernels(true);
      expect(tf.getKernel('LcBiasReluMaxPool', 'webgpu'), 'the fused kernel is registered').toBeDefined();
      const before = tf.memory().numTensors;
      const got = await on(
        'webgpu',
        run((a, c) => biasReluMaxPool(a, c, [pool, pool])!),
      );
      expect(tf.memory().numTensors).toBe(before);
      const want = await on(
        'cpu',
        run((a, c) => tf.maxPool(tf.relu(tf.add(a, c)) as tf.Tensor4D, pool, pool, 'valid')),
      );
      expect(maxRelErr(got[0], want[0])).toBeLessThan(1e-7);
      expect(maxRelErr(got[1], want[1])).toBeLessThan(1e-7);
      expect(maxRelErr(got[2], want[2])).toBeLessThan(1e-5);
    });
  }

  it.skipIf(!gpu.ok)('the course CNN: loss and every weight gradient match tfjs on the CPU', async () => {
    const spec = assertSpec({
      seed: 2,
      data: { dataset: 'fashion-mnist', train: 8, input: 'image' },
      model: {
        kind: 'layers',
        layers: [
          { type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' },
          { type: 'maxPooling2d', pool: 2 },
          { type: 'conv2d', filters: 8, kernel: 3, activation: 'relu' },
          { type: 'maxPooling2d', pool: 2 },
          { type: 'flatten' },
          { type: 'dense', units: 16, activation: 'relu' },
          { type: 'dense', units: 10, activation: 'softmax' },
        ],
      },
      optimizer: { type: 'adam', learningRate: 0.001 },
      training: { batchSize: 8, duration: { epochs: 1 } },
    });
    const x = Float32Array.from({ length: 8 * 784 }, () => Math.max(0, rng.next() * 1.4 - 0.4));
    const y = new Float32Array(80).map((_, i) => (i % 10 === Math.floor(i / 10) % 10 ? 1 : 0));
    const run = () => {
      const model = createParams(spec);
      const { value, grads } = tf.variableGrads(
        () => softmaxCrossEntropyMean(tf.tensor2d(y, [8, 10]), forward(model, tf.tensor4d(x, [8, 28, 28, 1]), { training: true }).logits),
        model.variables,
      );
      const out = [value, ...model.variables.map((v) => grads[v.name])];
      disposeParams(model);
      return out;
    };
    useEngineWebGpuKernels(true);
    const got = await on('webgpu', run);
    const want = await on('cpu', run);
    expect(maxRelErr(got[0], want[0])).toBeLessThan(1e-5);
    got.slice(1).forEach((g, k) => expect(maxRelErr(g, want[k + 1]), `gradient ${k}`).toBeLessThan(1e-4));
  });
});
