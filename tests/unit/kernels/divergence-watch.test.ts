import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DivergenceWatch } from '../../../src/engine/kernels/divergence-watch';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('DivergenceWatch', () => {
  it('reports the first non-finite step (1-based), not a later one, with no tensor left behind', async () => {
    const watch = new DivergenceWatch();
    const before = tf.memory().numTensors;
    const losses = [0.5, 0.4, NaN, 0.3, Infinity];
    losses.forEach((l) => tf.tidy(() => watch.observe(tf.scalar(l))));
    expect(tf.memory().numTensors).toBe(before);
    expect(await watch.firstBadStep(losses.length)).toBe(3);
    watch.dispose();
  });

  it('reports 0 while every loss is finite, and offsets by the step a restored run started at', async () => {
    const watch = new DivergenceWatch();
    tf.tidy(() => watch.observe(tf.scalar(1)));
    expect(await watch.firstBadStep(1)).toBe(0);
    tf.tidy(() => watch.observe(tf.scalar(-Infinity)));
    // A trainer restored at step 100 that then ran two steps is at step 102; the bad one was 102.
    expect(await watch.firstBadStep(102)).toBe(102);
    watch.dispose();
  });
});
