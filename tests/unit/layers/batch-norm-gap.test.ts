/**
 * BatchNormalization and GlobalAveragePooling2D through the engine's forward pass (engine/layers/), against tfjs' own
 * tf.layers on the same small inputs and weights: outputs in training and in inference, and the moving averages
 * after a training pass.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { forward } from '../../../src/engine/model/forward';
import { createParams, disposeParams, type ModelParams } from '../../../src/engine/model/params';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../../src/engine/spec/schema';
import { summarize } from '../../../src/engine/spec/summarize';

const spec = (layers: NonNullable<Extract<ExperimentSpecInput['model'], { kind: 'layers' }>['layers']>): ExperimentSpecInput => ({
  seed: 3,
  data: { dataset: 'fashion-mnist', train: 8, input: 'image' },
  model: { kind: 'layers', layers },
  optimizer: { type: 'sgd', learningRate: 0.1 },
  training: { batchSize: 4, duration: { epochs: 1 } },
});

/** conv (4 filters) → BatchNorm → global average pool → dense: BatchNorm sees a real conv output. */
const normalised = spec([
  { type: 'conv2d', filters: 4, kernel: 3, activation: 'relu' },
  { type: 'batchNormalization', momentum: 0.9 },
  { type: 'globalAveragePooling2d' },
  { type: 'dense', units: 10, activation: 'softmax' },
]);

const close = async (a: tf.Tensor, b: tf.Tensor, tol = 1e-5) => {
  expect(a.shape).toEqual(b.shape);
  const [x, y] = [await a.data(), await b.data()];
  let worst = 0;
  for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(x[i] - y[i]));
  expect(worst).toBeLessThan(tol);
};

let model: ModelParams | null = null;
afterEach(() => {
  if (model) disposeParams(model);
  model = null;
});

describe('BatchNormalization and GlobalAveragePooling2D match tf.layers', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('BatchNorm holds γ, β, moving mean and variance: 4 × channels, 2 × channels trainable, with the moving ones not trainable', () => {
    const s = assertSpec(normalised);
    const summary = summarize(s);
    expect(summary.layers[1]).toMatchObject({ name: 'batch_normalization_1', params: 16, nonTrainable: 8 });
    expect(summary.totalParams).toBe(40 + 16 + 50);
    expect(summary.trainableParams).toBe(40 + 8 + 50);
    expect(summary.nonTrainableParams).toBe(8);
    model = createParams(s);
    expect(model.names).toEqual(['W1', 'b1', 'γ2', 'β2', 'μ2', 'σ²2', 'W3', 'b3']);
    expect(model.variables.map((v) => v.trainable)).toEqual([true, true, true, true, false, false, true, true]);
  });

  it('training uses the batch statistics and moves the averages; inference uses the averages, as tf.layers does', async () => {
    const s = assertSpec(normalised);
    model = createParams(s);
    const bn = model.params[1]!;
    // Non-trivial γ, β and averages, so that each one matters.
    bn.gamma.assign(tf.tensor1d([1.5, 0.5, -1, 2]));
    bn.beta.assign(tf.tensor1d([0.1, -0.2, 0.3, 0]));
    bn.movingMean.assign(tf.tensor1d([0.2, 0.1, 0, 0.4]));
    bn.movingVariance.assign(tf.tensor1d([1.2, 0.8, 2, 0.5]));
    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 7);
    const convOut = tf.tidy(() => forward(model!, x, { training: false, keepActivations: true }).activations[0]);

    const ref = tf.layers.batchNormalization({ axis: -1, momentum: 0.9, epsilon: 0.001 });
    ref.build(convOut.shape);
    ref.setWeights([bn.gamma, bn.beta, bn.movingMean, bn.movingVariance].map((v) => tf.clone(v)));

    // Inference: moving averages, nothing moves.
    const inferOurs = tf.tidy(() => forward(model!, x, { training: false, keepActivations: true }).activations[1]);
    const inferRef = ref.apply(convOut, { training: false }) as tf.Tensor;
    await close(inferOurs, inferRef);

    // Training: batch statistics; afterwards the averages have moved by (1 − momentum) towards them.
    const trainOurs = tf.tidy(() => forward(model!, x, { training: true, keepActivations: true }).activations[1]);
    const trainRef = ref.apply(convOut, { training: true }) as tf.Tensor;
    await close(trainOurs, trainRef);
    const { mean, variance } = tf.moments(convOut, [0, 1, 2]);
    const expectedMean = tf.add(tf.mul(tf.tensor1d([0.2, 0.1, 0, 0.4]), 0.9), tf.mul(mean, 0.1));
    const expectedVar = tf.add(tf.mul(tf.tensor1d([1.2, 0.8, 2, 0.5]), 0.9), tf.mul(variance, 0.1));
    await close(bn.movingMean, expectedMean);
    await close(bn.movingVariance, expectedVar);
    // The mean really moved (the test would pass vacuously if the batch mean equalled the average).
    expect(Math.abs((await mean.data())[0] - 0.2)).toBeGreaterThan(1e-3);
    tf.dispose([
      x,
      convOut,
      inferOurs,
      inferRef,
      trainOurs,
      trainRef,
      mean,
      variance,
      expectedMean,
      expectedVar,
      ...ref.weights.map((w) => w.read()),
    ]);
  });

  it('a training pass that is not the gradient step (updateStatistics false) leaves the averages alone', async () => {
    model = createParams(assertSpec(normalised));
    const before = await model.params[1]!.movingMean.data();
    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 9);
    tf.tidy(() => forward(model!, x, { training: true, updateStatistics: false }).logits);
    expect(Array.from(await model.params[1]!.movingMean.data())).toEqual(Array.from(before));
    x.dispose();
  });

  it('global average pooling is the mean of each map, as tf.layers.globalAveragePooling2d', async () => {
    model = createParams(assertSpec(normalised));
    const x = tf.randomUniform([3, 28, 28, 1], 0, 1, 'float32', 11);
    const acts = tf.tidy(() => forward(model!, x, { training: false, keepActivations: true }).activations);
    const ref = tf.layers.globalAveragePooling2d({}).apply(acts[1]) as tf.Tensor;
    expect(acts[2].shape).toEqual([3, 4]);
    await close(acts[2], ref);
    tf.dispose([x, ...acts, ref]);
  });

  it('leaks no tensors: a training step with BatchNorm under variableGrads keeps the count flat', () => {
    model = createParams(assertSpec(normalised));
    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 13);
    const step = () =>
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(
          () => tf.mean(forward(model!, x, { training: true }).logits) as tf.Scalar,
          model!.variables,
        );
        // The moving averages get no gradient (not trainable: tfjs lists them as null); γ and β do.
        const given = Object.values(grads).filter((g): g is tf.Tensor => g != null);
        expect(given.length).toBe(6);
        tf.dispose([value, ...given]);
      });
    step();
    const count = tf.memory().numTensors;
    step();
    step();
    expect(tf.memory().numTensors).toBe(count);
    x.dispose();
  });
});
