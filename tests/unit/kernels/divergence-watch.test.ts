/** The divergence check: on the CPU (tfjs ops) and on WebGPU (one fused dispatch), the same answers. */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { DivergenceWatch } from '../../../src/engine/kernels/divergence-watch';
import { setupWebGpu } from './webgpu';

const gpu = await setupWebGpu();

for (const backend of ['cpu', 'webgpu'] as const) {
  const skip = backend === 'webgpu' && !gpu.ok;
  describe(`DivergenceWatch on ${backend}${skip ? ` — ${gpu.why}` : ''}`, () => {
    it.skipIf(skip)('reports the first non-finite step (1-based), not a later one, with no tensor left behind', async () => {
      await tf.setBackend(backend);
      const watch = new DivergenceWatch(); // fused on WebGPU, tfjs ops on the CPU
      const before = tf.memory().numTensors;
      const losses = [0.5, 0.4, NaN, 0.3, Infinity];
      losses.forEach((l) => tf.tidy(() => watch.observe(tf.scalar(l))));
      expect(tf.memory().numTensors).toBe(before);
      expect(await watch.firstBadStep(losses.length)).toBe(3);
      watch.dispose();
    });

    it.skipIf(skip)('reports 0 while every loss is finite, and offsets by the step a restored run started at', async () => {
      await tf.setBackend(backend);
      const watch = new DivergenceWatch(); // fused on WebGPU, tfjs ops on the CPU
      tf.tidy(() => watch.observe(tf.scalar(1)));
      tf.tidy(() => watch.observe(tf.scalar(-3e38)));
      expect(await watch.firstBadStep(2)).toBe(0);
      tf.tidy(() => watch.observe(tf.scalar(-Infinity)));
      // A trainer restored at step 100 that then ran three steps is at step 103; the bad one was 103.
      expect(await watch.firstBadStep(103)).toBe(103);
      watch.dispose();
    });
  });
}
