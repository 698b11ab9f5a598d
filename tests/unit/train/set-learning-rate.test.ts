/**
 * A learning rate changed mid-run reaches every optimiser without resetting its state. Adam and RMSprop used to fail
 * ("optimizer.setLearningRate is not a function"): tfjs' optimisers answer `instanceof tf.SGDOptimizer` by their
 * fields, so Adam passed the SGD branch.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createOptimizer, setLearningRate } from '../../../src/engine/train/optimizer';

describe('setLearningRate', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each(['sgd', 'momentum', 'rmsprop', 'adam'] as const)('%s: the next step uses the new rate', (type) => {
    const w = tf.variable(tf.tensor1d([1]));
    const opt = createOptimizer({ type, learningRate: 0.1, momentum: 0.9 });
    const step = () => opt.minimize(() => tf.sum(tf.mul(w, w)) as tf.Scalar);
    step();
    const before = w.dataSync()[0];
    setLearningRate(opt, 0);
    step();
    // At learning rate 0 nothing moves (momentum's velocity is scaled by the rate too in tfjs), whatever the state.
    expect(w.dataSync()[0]).toBeCloseTo(before, 7);
    setLearningRate(opt, 0.1);
    step();
    expect(w.dataSync()[0]).not.toBeCloseTo(before, 4);
    opt.dispose();
    w.dispose();
  });
});
