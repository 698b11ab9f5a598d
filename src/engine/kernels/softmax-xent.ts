/**
 * The engine's fused softmax cross-entropy where the current backend has it (WebGPU with the engine's
 * kernels on: kernels/webgpu/softmax-xent.ts), tf.losses.softmaxCrossEntropy elsewhere.
 */
import * as tf from '@tensorflow/tfjs';

const NAME = 'LcSoftmaxXent';

/** Mean softmax cross-entropy of `logits` ([rows, classes]) against one-hot `labels`, like tf.losses.softmaxCrossEntropy. */
export function softmaxCrossEntropyMean(labels: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  const fused =
    logits.rank === 2 && logits.dtype === 'float32' && labels.dtype === 'float32' && tf.getKernel(NAME, tf.getBackend()) != null;
  if (!fused) return tf.losses.softmaxCrossEntropy(labels, logits);
  return tf.reshape(tf.engine().runKernel(NAME, { logits, labels }) as tf.Tensor, []) as tf.Scalar;
}
