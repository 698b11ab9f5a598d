/**
 * L2 weight decay as Keras' `kernel_regularizer=keras.regularizers.L2(l2)`: l2 · Σ w² over every trained kernel
 * (dense and conv; biases and frozen pretrained kernels are not penalised), added to the training loss.
 *
 * Reporting (a decision, documented in StepRecord): the recorded training cost (`StepRecord.loss`) includes
 * the penalty, as Keras' reported `loss` does, and `StepRecord.l2Penalty` says how much of it is penalty.
 * Evaluations (validation, test, training subset) report the cross-entropy alone, so that they compare like
 * with like whatever the regularisation. (Keras' val_loss would include the penalty too.)
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelParams } from '../model/params';

/** l2 · Σ w² over the model's kernels, or null when l2 is 0 (nothing is added to the graph). Call inside tidy. */
export function l2Penalty(model: ModelParams, l2: number): tf.Scalar | null {
  if (!(l2 > 0)) return null;
  // Frozen (pretrained) kernels are not trained, so not penalised either (as in Keras 3).
  const kernels = model.params.flatMap((p) => (p?.kernel?.trainable ? [p.kernel] : []));
  if (kernels.length === 0) return null;
  return tf.mul(tf.addN(kernels.map((k) => tf.sum(tf.square(k)))), l2) as tf.Scalar;
}

/** The training objective: the data loss plus the penalty, if any. */
export function withPenalty(loss: tf.Scalar, model: ModelParams, l2: number): tf.Scalar {
  const penalty = l2Penalty(model, l2);
  return penalty ? tf.add(loss, penalty) : loss;
}
