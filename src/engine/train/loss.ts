/**
 * The trainer's cross-entropy, from logits: the mean over a batch (what the gradient minimises and what an
 * evaluation reports), each example's own loss (to see which examples a validation loss comes from), and label
 * smoothing of the training targets (`training.labelSmoothing`, as Keras' `label_smoothing`).
 */
import * as tf from '@tensorflow/tfjs';
import { hasFusedSigmoidXent, sigmoidCrossEntropyMean } from '../kernels/cpu/sigmoid-xent';
import { softmaxCrossEntropyMean } from '../kernels/softmax-xent';

export type TaskKind = 'binary' | 'multiclass';

/**
 * Mean cross-entropy of `logits` against `y` (n × 1 for binary, n × k one-hot or smoothed rows for multiclass),
 * numerically stable. Two kernels instead of ~20 (softmax, WebGPU) or ~45 (sigmoid, CPU: bit-for-bit the same
 * numbers) where the engine's kernels are on.
 */
export function meanCrossEntropy(kind: TaskKind, logits: tf.Tensor, y: tf.Tensor): tf.Scalar {
  if (kind !== 'binary') return softmaxCrossEntropyMean(y, logits);
  return hasFusedSigmoidXent() ? sigmoidCrossEntropyMean(y, logits) : tf.losses.sigmoidCrossEntropy(y, logits);
}

/**
 * Each example's cross-entropy −ln p(true class), length n, from logits (never from rounded probabilities, so a
 * confident mistake keeps its whole loss): binary max(z, 0) − z·y + ln(1 + e^−|z|), multiclass
 * logsumexp(z) − Σ y·z. Their mean is `meanCrossEntropy` up to float32 rounding.
 */
export function exampleCrossEntropy(kind: TaskKind, logits: tf.Tensor, y: tf.Tensor): tf.Tensor1D {
  return tf.tidy(() => {
    if (kind === 'binary') {
      const z = tf.reshape(logits, [-1]);
      const t = tf.reshape(y, [-1]);
      return tf.add(tf.sub(tf.relu(z), tf.mul(z, t)), tf.log1p(tf.exp(tf.neg(tf.abs(z))))) as tf.Tensor1D;
    }
    return tf.sub(tf.logSumExp(logits, 1), tf.sum(tf.mul(logits, y), 1)) as tf.Tensor1D;
  });
}

/**
 * Targets smoothed by ε: y·(1 − ε) + ε/k with k = 2 for binary (one output: 1 → 1 − ε/2, 0 → ε/2, as Keras'
 * BinaryCrossentropy(label_smoothing=ε)) and k = the number of classes for multiclass (Keras'
 * CategoricalCrossentropy). ε = 0 returns `y` itself.
 */
export function smoothLabels(kind: TaskKind, y: tf.Tensor, epsilon: number): tf.Tensor {
  if (!(epsilon > 0)) return y;
  const k = kind === 'binary' ? 2 : y.shape[1]!;
  return tf.tidy(() => tf.add(tf.mul(y, 1 - epsilon), epsilon / k));
}
