/** The engine's CPU Adam against tfjs' AdamOptimizer: the same weights, bit for bit, over many steps and shapes. */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineCpuAdamOptimizer } from '../../../src/engine/kernels/cpu/adam';

describe('EngineCpuAdamOptimizer', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('gives tfjs’ Adam weights bit for bit, through a learning-rate change, with a variable that has no gradient', () => {
    const init = (seed: number) => [
      tf.randomNormal([7, 5], 0, 1, 'float32', seed),
      tf.randomNormal([5], 0, 1, 'float32', seed + 1),
      tf.randomNormal([3], 0, 1, 'float32', seed + 2),
    ];
    const ours = init(1).map((t) => tf.variable(t));
    const theirs = init(1).map((t) => tf.variable(t));
    const x = tf.randomNormal([16, 7], 0, 1, 'float32', 9);
    const loss = (w: tf.Variable[]) => () => tf.mean(tf.square(tf.sub(tf.matMul(x, w[0]).add(w[1]), 1))) as tf.Scalar;
    const a = new EngineCpuAdamOptimizer(0.01, 0.9, 0.999, 1e-7);
    const b = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
    for (let step = 0; step < 60; step++) {
      if (step === 30) {
        a.learningRate = 0.003;
        (b as unknown as { learningRate: number }).learningRate = 0.003;
      }
      // The third variable takes no part in the loss: no gradient, never moved.
      tf.tidy(() => {
        // tfjs types applyGradients' argument as a map of variables; the trainer passes variableGrads' map too.
        a.applyGradients(tf.variableGrads(loss(ours), ours.slice(0, 2)).grads as never);
        b.applyGradients(tf.variableGrads(loss(theirs), theirs.slice(0, 2)).grads as never);
      });
    }
    for (let k = 0; k < 3; k++) expect(Array.from(ours[k].dataSync()), `variable ${k}`).toEqual(Array.from(theirs[k].dataSync()));
    // It did move the first two.
    expect(Array.from(ours[0].dataSync())).not.toEqual(Array.from(init(1)[0].dataSync()));
    a.dispose();
    b.dispose();
  });
});
