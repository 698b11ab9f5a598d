/**
 * Linear probes (src/engine/train/linear-probe.ts) on the CPU backend: a probe learns what is linearly
 * readable and nothing that is not, counts the features of each layer, is deterministic, explains bad
 * options, and frees every tensor.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createParams, disposeParams } from '../../../src/engine/model/params';
import { assertSpec } from '../../../src/engine/spec/parse';
import { linearProbes } from '../../../src/engine/train/linear-probe';
import type { SplitData } from '../../../src/engine/train/trainer';
import { courseCnn } from '../spec/fixtures';
import { syntheticBinary, useCpu } from '../train/helpers';

beforeAll(useCpu);

const cnnSpec = () =>
  assertSpec({
    ...courseCnn(),
    seed: 4,
    model: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 4, kernel: 3, activation: 'relu' },
        { type: 'maxPooling2d', pool: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    },
  });

/** The synthetic binary data (positives brighter in the top half) with labels 0/1. */
const separable = (n: number, seed: number) => syntheticBinary(n, seed);
/** The same pixels with labels that have nothing to do with them. */
function noise(d: SplitData): SplitData {
  return { ...d, labels: Float32Array.from(d.labels, (_, i) => ((i * 7919) % 13) % 2) };
}

describe('linear probes', () => {
  it('read a linearly separable label off raw pixels and off a layer, with each layer’s feature count', async () => {
    const spec = cnnSpec();
    const model = createParams(spec);
    const baseline = tf.memory().numTensors;
    const r = await linearProbes(model, [28, 28, 1], separable(60, 1), separable(40, 2), 2, {
      layers: [-1, 0, 1],
      train: 60,
      test: 40,
      steps: 60,
    });
    expect(tf.memory().numTensors).toBe(baseline);
    expect(r).toMatchObject({ train: 60, test: 40, steps: 60, classes: 2 });
    expect(r.scores.map((s) => [s.layer, s.features])).toEqual([
      [-1, 784],
      [0, 26 * 26 * 4],
      [1, 13 * 13 * 4],
    ]);
    for (const s of r.scores) {
      expect(s.trainAccuracy).toBe(1);
      expect(s.testAccuracy).toBeGreaterThan(0.9);
      expect(s.testLoss).toBeGreaterThanOrEqual(0);
      expect(s.testLoss).toBeLessThan(Math.log(2));
    }
    disposeParams(model);
  });

  it('cannot generalise labels unrelated to the pixels (it is scored on held-out examples)', async () => {
    const model = createParams(cnnSpec());
    const r = await linearProbes(model, [28, 28, 1], noise(separable(60, 1)), noise(separable(60, 2)), 2, {
      layers: [-1],
      train: 60,
      test: 60,
      steps: 60,
    });
    // It can memorise the training labels, but does no better than chance on new examples.
    expect(r.scores[0].trainAccuracy).toBeGreaterThan(0.9);
    expect(r.scores[0].testAccuracy).toBeLessThan(0.75);
    disposeParams(model);
  });

  it('is deterministic, and uses at most the examples there are', async () => {
    const model = createParams(cnnSpec());
    const run = () =>
      linearProbes(model, [28, 28, 1], separable(30, 1), separable(20, 2), 2, { layers: [1], train: 500, test: 500, steps: 20 });
    const [a, b] = [await run(), await run()];
    expect(a).toEqual(b);
    expect(a).toMatchObject({ train: 30, test: 20 });
    disposeParams(model);
  });

  it('explains bad options and leaves no tensor behind', async () => {
    const model = createParams(cnnSpec());
    const baseline = tf.memory().numTensors;
    const d = separable(10, 1);
    const probe = (o: object) => linearProbes(model, [28, 28, 1], d, d, 2, { layers: [-1], train: 10, test: 10, ...o });
    await expect(probe({ layers: [] })).rejects.toThrow('choose at least one layer to probe');
    await expect(probe({ layers: [4] })).rejects.toThrow('layer 4 is not a layer of this model (−1 is the input, 0–3 its layers)');
    await expect(probe({ train: 0 })).rejects.toThrow('probe training examples must be a whole number ≥ 1, got 0');
    await expect(probe({ test: 6000 })).rejects.toThrow('probe test examples can be at most 5000, got 6000');
    await expect(probe({ steps: 2.5 })).rejects.toThrow('probe steps must be a whole number ≥ 1, got 2.5');
    await expect(probe({ learningRate: -1 })).rejects.toThrow('the probe needs a learning rate > 0 and an L2 weight ≥ 0');
    expect(tf.memory().numTensors).toBe(baseline);
    disposeParams(model);
  });
});
