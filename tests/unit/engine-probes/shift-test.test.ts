/**
 * The shift test (src/engine/train/shift-test.ts) on the CPU backend: the representation is the input of
 * the last dense layer, shift 0 matches an ordinary forward pass, shifted pixels are exact, predictions are
 * the argmax, bad requests say why, and no tensor is left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createParams, disposeParams } from '../../../src/engine/model/params';
import { forward } from '../../../src/engine/model/forward';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { ExperimentSpecInput, LayerSpec } from '../../../src/engine/spec/schema';
import { inputShapeOf } from '../../../src/engine/spec/summarize';
import { representationLayer, shiftTest } from '../../../src/engine/train/shift-test';
import { courseCnn } from '../spec/fixtures';
import { syntheticBinary, useCpu } from '../train/helpers';

beforeAll(useCpu);

const small = (layers: LayerSpec[]): ExperimentSpecInput => ({
  seed: 5,
  data: { dataset: 'fashion-mnist', train: 100, input: 'image' },
  model: { kind: 'layers', layers },
  optimizer: { type: 'adam', learningRate: 0.001 },
  training: { batchSize: 10, duration: { epochs: 1 } },
});

/** Image-like data: a bright 6×6 square at a different place in each example. */
function squares(n: number) {
  const d = syntheticBinary(n);
  d.x.fill(0);
  for (let i = 0; i < n; i++) for (let r = 8; r < 14; r++) for (let c = 6 + (i % 5); c < 12 + (i % 5); c++) d.x[i * 784 + r * 28 + c] = 1;
  return d;
}

describe('shift test', () => {
  it('finds the input of the last dense layer', () => {
    const cnn = createParams(assertSpec(courseCnn()));
    expect(representationLayer(cnn)).toBe(5);
    disposeParams(cnn);
    expect(representationLayer({ layers: [{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] })).toBe(0);
    expect(representationLayer({ layers: [{ type: 'dense', units: 10, activation: 'softmax' }] })).toBe(-1);
    expect(() => representationLayer({ layers: [{ type: 'flatten' }] })).toThrow('the shift test needs a model that ends in a dense layer');
  });

  it('on the course CNN: 128 numbers per shift, shift 0 equals a plain forward pass, predictions are the argmax', async () => {
    const spec = assertSpec({ ...courseCnn(), seed: 2 });
    const model = createParams(spec);
    const data = squares(6);
    const baseline = tf.memory().numTensors;
    const r = await shiftTest(model, inputShapeOf(spec.data), data, [3, 1], [0, 1, 2, 3, 4], 'right');
    expect(tf.memory().numTensors).toBe(baseline);
    expect(r.layer).toBe(5);
    expect(r.dim).toBe(128);
    expect(r.representations).toHaveLength(2 * 5 * 128);
    expect(r.probabilities).toHaveLength(2 * 5 * 10);
    expect(r.outputs).toBe(10);
    expect(Array.from(r.labels)).toEqual([data.labels[3], data.labels[1]]);
    expect(Array.from(r.classIds)).toEqual([data.y[3], data.y[1]]);
    // Shift 0 of example 1 (row 5 of 10) is the dense layer's input for the unshifted image.
    const plain = tf.tidy(
      () => forward(model, tf.tensor(data.x.slice(784, 1568), [1, 28, 28, 1]), { training: false, keepActivations: true }).activations[5],
    );
    const expected = Array.from(await plain.data());
    plain.dispose();
    Array.from(r.representations.subarray(5 * 128, 6 * 128)).forEach((v, j) => expect(v).toBeCloseTo(expected[j], 5));
    for (let i = 0; i < 10; i++) {
      const p = Array.from(r.probabilities.subarray(i * 10, (i + 1) * 10));
      expect(r.predicted[i]).toBe(p.indexOf(Math.max(...p)));
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
    // Moving the image changes what the classifier sees.
    expect(Array.from(r.representations.subarray(4 * 128, 5 * 128))).not.toEqual(Array.from(r.representations.subarray(0, 128)));
    disposeParams(model);
  });

  it('moves pixels exactly (vacated pixels 0) in each direction', async () => {
    // A model whose last dense layer reads the flattened image: the representation is the shifted image.
    const spec = assertSpec(small([{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }]));
    const model = createParams(spec);
    const data = squares(3);
    const image = data.x.subarray(2 * 784, 3 * 784);
    const moved = (dx: number, dy: number) =>
      Array.from({ length: 784 }, (_, p) => {
        const [r, c] = [Math.floor(p / 28) - dy, (p % 28) - dx];
        return r >= 0 && c >= 0 ? image[r * 28 + c] : 0;
      });
    for (const [direction, dx, dy] of [
      ['right', 3, 0],
      ['down', 0, 3],
      ['diagonal', 3, 3],
    ] as const) {
      const r = await shiftTest(model, [28, 28, 1], data, [2], [0, 3], direction);
      expect(r.dim).toBe(784);
      expect(Array.from(r.representations.subarray(0, 784))).toEqual(Array.from(image));
      expect(Array.from(r.representations.subarray(784))).toEqual(moved(dx, dy));
    }
    disposeParams(model);
  });

  it('a binary model predicts 1 above one half', async () => {
    const spec = assertSpec({
      ...small([{ type: 'flatten' }, { type: 'dense', units: 4, activation: 'relu' }, { type: 'dense', units: 1, activation: 'sigmoid' }]),
      data: { dataset: 'fashion-mnist', task: { kind: 'binary', positive: [8] }, train: 60, input: 'image' },
    });
    const model = createParams(spec);
    const r = await shiftTest(model, [28, 28, 1], squares(4), [0, 1, 2, 3], [0, 2], 'down', true);
    expect(r.outputs).toBe(1);
    expect(r.dim).toBe(4);
    r.predicted.forEach((label, i) => expect(label).toBe(r.probabilities[i] > 0.5 ? 1 : 0));
    disposeParams(model);
  });

  it('explains a bad request and leaves no tensor behind', async () => {
    const spec = assertSpec(small([{ type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }]));
    const model = createParams(spec);
    const data = squares(3);
    const baseline = tf.memory().numTensors;
    await expect(shiftTest(model, [28, 28, 1], data, [3], [0])).rejects.toThrow('each of the examples must be a position 0–2, got 3');
    await expect(shiftTest(model, [28, 28, 1], data, [], [0])).rejects.toThrow('examples must be a non-empty list');
    await expect(shiftTest(model, [28, 28, 1], data, [0], [0, 9])).rejects.toThrow(
      'each of the shifts must be a whole number of pixels 0–8, got 9',
    );
    await expect(shiftTest(model, [28, 28, 1], data, [0], [1.5])).rejects.toThrow('got 1.5');
    await expect(shiftTest(model, [28, 28, 1], data, [0], [1], 'left')).rejects.toThrow(
      'direction must be one of right, down, diagonal, got left',
    );
    expect(tf.memory().numTensors).toBe(baseline);
    disposeParams(model);
  });
});
