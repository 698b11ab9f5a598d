/**
 * Linear probes: how well a plain softmax classifier can read the label off a layer's output, with the
 * network frozen. For each chosen layer (or the raw pixels) the features of the first `train` training
 * examples are centred and scaled (training statistics) and a softmax regression is fitted by full-batch
 * gradient descent (Adam, small L2); it is scored on the first `test` held-out examples. Deterministic:
 * zero initial weights, fixed examples (the run's own seeded subsets), fixed steps. Every tensor is freed.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelParams } from '../model/params';
import { forward } from '../model/forward';
import type { SplitData } from './trainer';

const PIXELS = 784;
/** Examples run through the network at once while collecting features. */
const CHUNK = 200;
export const PROBE_LIMITS = { examples: 5000, steps: 2000 } as const;

export interface LinearProbeOptions {
  /** Layers whose outputs are the features (indices into the model's layers); −1 is the input itself. */
  layers: number[];
  /** Training examples for the probes (the first ones of the run's training set). */
  train: number;
  /** Held-out examples to score them on (the first ones of the held-out split). */
  test: number;
  /** Full-batch gradient steps; default 150. */
  steps?: number;
  /** Adam's step size; default 0.01. */
  learningRate?: number;
  /** L2 penalty on the probe's weights; default 1e-3. */
  l2?: number;
}

export interface ProbeScore {
  /** The layer probed (−1: the input). */
  layer: number;
  /** Numbers per example the probe reads. */
  features: number;
  trainAccuracy: number;
  testAccuracy: number;
  /** Cross-entropy on the held-out examples (no penalty). */
  testLoss: number;
}

export interface LinearProbeResult {
  train: number;
  test: number;
  steps: number;
  /** Labels the probes choose between. */
  classes: number;
  scores: ProbeScore[];
}

function checkCount(v: unknown, what: string, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) throw new Error(`${what} must be a whole number ≥ 1, got ${String(v)}`);
  if (v > max) throw new Error(`${what} can be at most ${max}, got ${v}`);
  return v;
}

/** The flattened output of `layer` for the first `n` examples of `d` (n × features), in chunks. */
function featuresOf(model: ModelParams, inputShape: number[], d: SplitData, n: number, layer: number): tf.Tensor2D {
  const parts: tf.Tensor2D[] = [];
  try {
    for (let start = 0; start < n; start += CHUNK) {
      const size = Math.min(CHUNK, n - start);
      parts.push(
        tf.tidy(() => {
          const x = tf.tensor(d.x.subarray(start * PIXELS, (start + size) * PIXELS), [size, ...inputShape]);
          const out = layer < 0 ? x : forward(model, x, { training: false, keepActivations: true }).activations[layer];
          return tf.reshape(out, [size, -1]) as tf.Tensor2D;
        }),
      );
    }
    return parts.length === 1 ? parts.splice(0)[0] : tf.concat(parts);
  } finally {
    tf.dispose(parts);
  }
}

/** Fits one probe on train features and scores it on test features. */
async function fitProbe(
  xTrain: tf.Tensor2D,
  yTrain: tf.Tensor2D,
  xTest: tf.Tensor2D,
  yTest: tf.Tensor2D,
  steps: number,
  learningRate: number,
  l2: number,
) {
  const [d, k] = [xTrain.shape[1], yTrain.shape[1]];
  // Centre each feature on its training mean and divide the layer by one number, its features' mean spread,
  // so that every layer reaches the probe at the same scale. (Dividing each feature by its own spread would
  // blow up features that hardly vary in training, such as a ReLU that fired once, on new examples.)
  const [a, b] = tf.tidy(() => {
    const { mean, variance } = tf.moments(xTrain, 0);
    const scale = tf.div(1, tf.add(tf.mean(tf.sqrt(variance)), 1e-6));
    return [tf.mul(tf.sub(xTrain, mean), scale), tf.mul(tf.sub(xTest, mean), scale)];
  });
  // In a tidy: the zero tensors the variables start from are freed, the variables stay.
  const [w, bias] = tf.tidy(() => [tf.variable(tf.zeros([d, k]), true), tf.variable(tf.zeros([k]), true)]);
  const optimizer: tf.Optimizer = tf.train.adam(learningRate);
  try {
    for (let s = 0; s < steps; s++) {
      tf.tidy(() => {
        const { grads } = tf.variableGrads(() => {
          const logits = tf.add(tf.matMul(a, w), bias);
          return tf.add(tf.losses.softmaxCrossEntropy(yTrain, logits), tf.mul(l2, tf.sum(tf.square(w)))) as tf.Scalar;
        }, [w, bias]);
        optimizer.applyGradients(grads);
      });
    }
    const scores = tf.tidy(() => {
      const acc = (x: tf.Tensor2D, y: tf.Tensor2D) =>
        tf.mean(tf.cast(tf.equal(tf.argMax(tf.add(tf.matMul(x, w), bias), 1), tf.argMax(y, 1)), 'float32'));
      return tf.stack([acc(a, yTrain), acc(b, yTest), tf.losses.softmaxCrossEntropy(yTest, tf.add(tf.matMul(b, w), bias))]);
    });
    const [trainAccuracy, testAccuracy, testLoss] = await scores.data();
    scores.dispose();
    return { features: d, trainAccuracy, testAccuracy, testLoss };
  } finally {
    tf.dispose([a, b, w, bias]);
    optimizer.dispose();
  }
}

/** Fits and scores one probe per requested layer. Throws an Error with a reader-readable message for bad options. */
export async function linearProbes(
  model: ModelParams,
  inputShape: number[],
  train: SplitData,
  heldOut: SplitData,
  classes: number,
  options: LinearProbeOptions,
): Promise<LinearProbeResult> {
  const layers = options.layers;
  if (!Array.isArray(layers) || layers.length === 0) throw new Error('choose at least one layer to probe');
  for (const l of layers) {
    if (typeof l !== 'number' || !Number.isInteger(l) || l < -1 || l >= model.layers.length)
      throw new Error(`layer ${String(l)} is not a layer of this model (−1 is the input, 0–${model.layers.length - 1} its layers)`);
  }
  const nTrain = Math.min(checkCount(options.train, 'probe training examples', PROBE_LIMITS.examples), train.n);
  const nTest = Math.min(checkCount(options.test, 'probe test examples', PROBE_LIMITS.examples), heldOut.n);
  const steps = checkCount(options.steps ?? 150, 'probe steps', PROBE_LIMITS.steps);
  const learningRate = options.learningRate ?? 0.01;
  const l2 = options.l2 ?? 1e-3;
  if (!(learningRate > 0) || !(l2 >= 0)) throw new Error('the probe needs a learning rate > 0 and an L2 weight ≥ 0');
  const oneHot = (d: SplitData, n: number) =>
    tf.tidy(() => tf.oneHot(tf.tensor1d(Int32Array.from(d.labels.subarray(0, n)), 'int32'), classes).toFloat() as tf.Tensor2D);
  const yTrain = oneHot(train, nTrain);
  const yTest = oneHot(heldOut, nTest);
  const scores: ProbeScore[] = [];
  try {
    for (const layer of layers) {
      const xTrain = featuresOf(model, inputShape, train, nTrain, layer);
      const xTest = featuresOf(model, inputShape, heldOut, nTest, layer);
      try {
        scores.push({ layer, ...(await fitProbe(xTrain, yTrain, xTest, yTest, steps, learningRate, l2)) });
      } finally {
        tf.dispose([xTrain, xTest]);
      }
    }
  } finally {
    tf.dispose([yTrain, yTest]);
  }
  return { train: nTrain, test: nTest, steps, classes, scores };
}
