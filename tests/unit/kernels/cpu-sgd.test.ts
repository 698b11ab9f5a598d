/**
 * The engine's CPU SGD (one pass per variable) against tf.train.sgd: after several steps, with a learning
 * rate changed mid-run, the weights are bit for bit equal; tfjs' update where the kernel is not registered.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useEngineCpuKernels } from '../../../src/engine/kernels/cpu/register';
import { EngineSgdOptimizer } from '../../../src/engine/kernels/cpu/sgd';
import { setLearningRate } from '../../../src/engine/train/optimizer';
import { createRng } from '../../../src/engine/random';

const rng = createRng(29, 'sgd-test');
const rand = (n: number) => Float32Array.from({ length: n }, () => rng.normal());

beforeAll(async () => {
  await tf.setBackend('cpu');
  useEngineCpuKernels(true);
});
afterAll(() => useEngineCpuKernels(false));

function train(optimizer: tf.Optimizer, w0: Float32Array, b0: Float32Array, x: tf.Tensor2D): Float32Array[] {
  const w = tf.variable(tf.tensor2d(w0, [20, 3]));
  const b = tf.variable(tf.tensor1d(b0));
  for (let step = 0; step < 5; step++) {
    if (step === 3) setLearningRate(optimizer, 0.37);
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.sum(tf.square(tf.add(tf.matMul(x, w), b))), [w, b]);
      optimizer.applyGradients(grads);
    });
  }
  const out = [w.dataSync() as Float32Array, b.dataSync() as Float32Array];
  tf.dispose([w, b]);
  return out;
}

describe('CPU SGD, one pass per variable', () => {
  it('matches tf.train.sgd bit for bit, learning-rate change included', () => {
    const [w0, b0] = [rand(60), rand(3)];
    const x = tf.tensor2d(rand(40), [2, 20]);
    const n0 = tf.memory().numTensors;
    const got = train(new EngineSgdOptimizer(0.013), w0, b0, x);
    const n1 = tf.memory().numTensors;
    const want = train(tf.train.sgd(0.013), w0, b0, x);
    // No more tensors left behind than tfjs' own optimizer leaves (its −lr scalars).
    expect(n1 - n0).toBe(tf.memory().numTensors - n1);
    expect(Array.from(got[0])).toEqual(Array.from(want[0]));
    expect(Array.from(got[1])).toEqual(Array.from(want[1]));
    x.dispose();
  });

  it('is used only while the engine CPU kernels are registered', () => {
    expect(tf.getKernel('LcSgdUpdate', 'cpu')).toBeDefined();
    useEngineCpuKernels(false);
    expect(tf.getKernel('LcSgdUpdate', 'cpu')).toBeUndefined();
    useEngineCpuKernels(true);
  });
});
