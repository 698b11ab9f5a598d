/** Loss, accuracy and per-example probabilities on a held-out set, in chunks so large sets fit in memory. */
import * as tf from '@tensorflow/tfjs';

export interface EvalSet {
  name: 'validation' | 'test';
  x: tf.Tensor;
  y: tf.Tensor;
}

export interface SetMetrics {
  loss: number;
  accuracy: number;
  n: number;
  /** Predicted probabilities, n × outputs (1 for binary), when the spec records them. */
  probabilities?: number[][];
  /** True labels: 0/1 for binary, class id for multiclass. */
  labels?: number[];
}

export interface EvalOps {
  loss: (logits: tf.Tensor, y: tf.Tensor) => tf.Scalar;
  accuracy: (logits: tf.Tensor, y: tf.Tensor) => tf.Scalar;
  probabilities: (logits: tf.Tensor) => tf.Tensor;
}

const CHUNK = 1000;

export async function evaluateSet(set: EvalSet, withProbabilities: boolean, logitsOf: (x: tf.Tensor) => tf.Tensor, ops: EvalOps): Promise<SetMetrics> {
  const n = set.x.shape[0];
  let lossSum = 0;
  let accSum = 0;
  const probabilities: number[][] = [];
  const labels: number[] = [];
  for (let start = 0; start < n; start += CHUNK) {
    const size = Math.min(CHUNK, n - start);
    const [loss, acc, probs, ys] = tf.tidy(() => {
      const logits = logitsOf(tf.slice(set.x, start, size));
      const y = tf.slice(set.y, start, size);
      const yOut = y.shape[1] === 1 ? tf.reshape(y, [-1]) : tf.argMax(y, 1);
      return [ops.loss(logits, y), ops.accuracy(logits, y), withProbabilities ? ops.probabilities(logits) : tf.zeros([0]), yOut];
    });
    try {
      const [l, a] = await Promise.all([loss.data(), acc.data()]);
      lossSum += l[0] * size;
      accSum += a[0] * size;
      if (withProbabilities) {
        const [p, y] = await Promise.all([probs.array() as Promise<number[][]>, ys.data()]);
        probabilities.push(...p);
        labels.push(...Array.from(y));
      }
    } finally {
      tf.dispose([loss, acc, probs, ys]);
    }
  }
  return { loss: lossSum / n, accuracy: accSum / n, n, ...(withProbabilities ? { probabilities, labels } : {}) };
}
