/**
 * The fused softmax cross-entropy (WebGPU, on SwiftShader in Node) against tf.losses.softmaxCrossEntropy
 * and its gradient on the CPU backend: the course CNN's batch (64 × 10), odd shapes and wide logits.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createRng } from '../../../src/engine/random';
import { softmaxCrossEntropyMean } from '../../../src/engine/kernels/softmax-xent';
import { maxRelErr, on, setupWebGpu } from './webgpu';

const gpu = await setupWebGpu();
const { useEngineWebGpuKernels } = await import('../../../src/engine/kernels/webgpu/register');
const rng = createRng(17, 'softmax-xent-test');

function oneHot(rows: number, cols: number): Float32Array {
  const y = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) y[r * cols + Math.floor(rng.next() * cols)] = 1;
  return y;
}

const cases: [string, number, number, number][] = [
  ['course CNN batch (64 × 10)', 64, 10, 3],
  ['odd shape (7 × 3)', 7, 3, 1],
  ['wide logits (5 × 10, scale 40)', 5, 10, 40],
];

describe(`softmax cross-entropy, fused, on WebGPU (${gpu.ok ? gpu.adapter : 'no adapter'})`, () => {
  for (const [name, rows, cols, scale] of cases) {
    it.skipIf(!gpu.ok)(`${name}: loss and gradient match tfjs on the CPU${gpu.ok ? '' : ` — ${gpu.why}`}`, async () => {
      const z = Float32Array.from({ length: rows * cols }, () => rng.normal() * scale);
      const y = oneHot(rows, cols);
      const run = (loss: (y: tf.Tensor, z: tf.Tensor) => tf.Scalar) => () => {
        const zt = tf.tensor2d(z, [rows, cols]);
        const { value, grad } = tf.valueAndGrad((t: tf.Tensor) => loss(tf.tensor2d(y, [rows, cols]), t))(zt);
        return [value, grad];
      };
      useEngineWebGpuKernels(true);
      expect(tf.getKernel('LcSoftmaxXent', 'webgpu'), 'the fused kernel is registered').toBeDefined();
      const before = tf.memory().numTensors;
      const [gotLoss, gotGrad] = await on('webgpu', run(softmaxCrossEntropyMean));
      expect(tf.memory().numTensors).toBe(before);
      const [wantLoss, wantGrad] = await on(
        'cpu',
        run((a, b) => tf.losses.softmaxCrossEntropy(a, b)),
      );
      expect(gotLoss.length).toBe(1);
      expect(maxRelErr(gotLoss, wantLoss)).toBeLessThan(1e-5);
      expect(maxRelErr(gotGrad, wantGrad)).toBeLessThan(1e-6);
    });
  }

  it.skipIf(!gpu.ok)('is used only while the engine kernels are on (then tfjs’ op, same numbers)', async () => {
    const z = Float32Array.from({ length: 12 }, () => rng.normal());
    const y = oneHot(4, 3);
    const f = () => softmaxCrossEntropyMean(tf.tensor2d(y, [4, 3]), tf.tensor2d(z, [4, 3]));
    useEngineWebGpuKernels(false);
    await tf.setBackend('webgpu');
    expect(tf.getKernel('LcSoftmaxXent', 'webgpu')).toBeUndefined();
    const [stock] = await on('webgpu', f);
    useEngineWebGpuKernels(true);
    const [fused] = await on('webgpu', f);
    expect(maxRelErr(fused, stock)).toBeLessThan(1e-5);
  });
});
