/**
 * The engine's fused binary cross-entropy (CPU) against tf.losses.sigmoidCrossEntropy and its autodiff:
 * the loss and the gradient must be bit-for-bit equal (the learning-rate chapter's numbers depend on it),
 * on logits of every size and sign, exact zeros, ties and non-finite values.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEngineCpuKernels } from '../../../src/engine/kernels/cpu/register';
import { hasFusedSigmoidXent, sigmoidCrossEntropyMean } from '../../../src/engine/kernels/cpu/sigmoid-xent';
import { createRng } from '../../../src/engine/random';

const rng = createRng(11, 'sigmoid-xent-test');

beforeAll(async () => {
  await tf.setBackend('cpu');
  useEngineCpuKernels(true);
});
afterAll(() => useEngineCpuKernels(false));

function lossAndGrad(loss: (y: tf.Tensor, z: tf.Tensor) => tf.Scalar, z: tf.Tensor, y: tf.Tensor): [Float32Array, Float32Array] {
  const { value, grads } = tf.variableGrads(() => loss(y, zVar), [zVar]);
  const out: [Float32Array, Float32Array] = [value.dataSync() as Float32Array, grads[zVar.name].dataSync() as Float32Array];
  tf.dispose([value, grads[zVar.name]]);
  return out;
}
let zVar: tf.Variable;

describe('fused sigmoid cross-entropy (CPU)', () => {
  it('is registered only while the engine CPU kernels are on', () => {
    expect(hasFusedSigmoidXent()).toBe(true);
    useEngineCpuKernels(false);
    expect(hasFusedSigmoidXent()).toBe(false);
    useEngineCpuKernels(true);
  });

  const cases: [string, number[]][] = [
    ['small logits', Array.from({ length: 209 }, () => rng.normal() * 0.01)],
    ['wide logits', Array.from({ length: 200 }, () => rng.normal() * 30)],
    ['zeros and ties', [0, -0, 0, 1, -1, 1e-30, -1e-30, 88, -88, 200, -200, 0.5]],
  ];
  for (const [name, values] of cases) {
    it(`${name}: loss and gradient equal tfjs' bit for bit`, () => {
      const n = values.length;
      const z = tf.tensor2d(values, [n, 1]);
      const y = tf.tensor2d(
        Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
        [n, 1],
      );
      zVar = tf.variable(z);
      const [wantLoss, wantGrad] = lossAndGrad((yy, zz) => tf.losses.sigmoidCrossEntropy(yy, zz), z, y);
      const [gotLoss, gotGrad] = lossAndGrad(sigmoidCrossEntropyMean, z, y);
      expect(Array.from(gotLoss)).toEqual(Array.from(wantLoss));
      expect(Array.from(gotGrad)).toEqual(Array.from(wantGrad));
      tf.dispose([z, y, zVar]);
    });
  }

  it('propagates NaN and infinity as tfjs does', () => {
    const z = tf.tensor2d([NaN, Infinity, -Infinity, 1], [4, 1]);
    const y = tf.tensor2d([1, 0, 1, 0], [4, 1]);
    zVar = tf.variable(z);
    const want = lossAndGrad((yy, zz) => tf.losses.sigmoidCrossEntropy(yy, zz), z, y);
    const got = lossAndGrad(sigmoidCrossEntropyMean, z, y);
    expect(Array.from(got[0])).toEqual(Array.from(want[0]));
    expect(Array.from(got[1])).toEqual(Array.from(want[1]));
    tf.dispose([z, y, zVar]);
  });

  it('leaves no tensors behind', () => {
    const z = tf.variable(tf.tensor2d([0.3, -2], [2, 1]));
    const y = tf.tensor2d([1, 0], [2, 1]);
    const before = tf.memory().numTensors;
    tf.tidy(() => {
      tf.variableGrads(() => sigmoidCrossEntropyMean(y, z), [z]);
    });
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([z, y]);
  });
});
