/**
 * Loss, accuracy and per-example probabilities on a fixed set (validation, test, or the training subset of
 * `record.trainEval`), in inference mode and in chunks so large sets fit in memory.
 */
import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/split';
import { createRng, permutation } from '../random';

export interface EvalSet {
  name: Split;
  x: tf.Tensor;
  /** Targets as the loss needs them: n × 1 (binary) or one-hot n × k. */
  y: tf.Tensor;
  /** Task label of each example (0/1 binary, 0..k−1 multiclass), kept on the CPU. */
  labels: Uint8Array;
}

export interface SetMetrics {
  loss: number;
  accuracy: number;
  n: number;
  /** Model outputs per example: 1 for binary (the probability of the positive label), k for multiclass. */
  outputs: number;
  /** Predicted probabilities, n × outputs row-major, when the spec records them (`record.probabilities`). */
  probabilities?: Float32Array;
  /** Task labels (0/1 binary, 0..k−1 multiclass), alongside `probabilities`. */
  labels?: Uint8Array;
  /**
   * Alongside `probabilities`: each example's cross-entropy −ln p(true class), computed from the logits (a
   * probability rounded to 0 or 1 in float32 would lose a confident mistake's loss). Their mean is `loss`.
   */
  losses?: Float32Array;
}

export interface EvalRecord {
  step: number;
  epoch: number;
  /** The fixed training subset (`record.trainEval`), evaluated exactly like validation. */
  train?: SetMetrics;
  validation?: SetMetrics;
  test?: SetMetrics;
  /** Early stopping put the best weights back before this evaluation, the run's last. */
  restored?: true;
  /** With `restored`: the evaluation whose weights were restored (this one repeats its numbers). */
  best?: { step: number; epoch: number };
}

export interface EvalOps {
  loss: (logits: tf.Tensor, y: tf.Tensor) => tf.Scalar;
  /** Each example's loss (length n), with probabilities. */
  losses: (logits: tf.Tensor, y: tf.Tensor) => tf.Tensor;
  accuracy: (logits: tf.Tensor, y: tf.Tensor) => tf.Scalar;
  probabilities: (logits: tf.Tensor) => tf.Tensor;
}

const CHUNK = 1000;

/** Positions (ascending) of the `k` training examples evaluated at each evaluation: a seeded choice. */
export function trainEvalIndices(seed: number, n: number, k: number): Int32Array {
  if (k <= 0) return new Int32Array(0);
  return permutation(n, createRng(seed, 'train-eval')).slice(0, Math.min(k, n)).sort();
}

export async function evaluateSet(
  set: EvalSet,
  withProbabilities: boolean,
  logitsOf: (x: tf.Tensor) => tf.Tensor,
  ops: EvalOps,
): Promise<SetMetrics> {
  const n = set.x.shape[0];
  const outputs = set.y.shape[1] ?? 1;
  let lossSum = 0;
  let accSum = 0;
  const probabilities = withProbabilities ? new Float32Array(n * outputs) : null;
  const losses = withProbabilities ? new Float32Array(n) : null;
  for (let start = 0; start < n; start += CHUNK) {
    const size = Math.min(CHUNK, n - start);
    const [loss, acc, probs, each] = tf.tidy((): tf.Tensor[] => {
      const logits = logitsOf(tf.slice(set.x, start, size));
      const y = tf.slice(set.y, start, size);
      const metrics = [ops.loss(logits, y), ops.accuracy(logits, y)];
      return probabilities ? [...metrics, ops.probabilities(logits), ops.losses(logits, y)] : metrics;
    });
    try {
      const [l, a, p, e] = await Promise.all([loss.data(), acc.data(), probs?.data(), each?.data()]);
      lossSum += l[0] * size;
      accSum += a[0] * size;
      if (probabilities && p) probabilities.set(p as Float32Array, start * outputs);
      if (losses && e) losses.set(e as Float32Array, start);
    } finally {
      tf.dispose([loss, acc, ...(probs ? [probs] : []), ...(each ? [each] : [])]);
    }
  }
  const metrics: SetMetrics = { loss: lossSum / n, accuracy: accSum / n, n, outputs };
  if (probabilities) {
    metrics.probabilities = probabilities;
    metrics.labels = set.labels.slice();
    metrics.losses = losses!;
  }
  return metrics;
}
