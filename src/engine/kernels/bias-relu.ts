/**
 * relu(x + bias) through the engine's fused kernel where the current backend has it (WebGPU with the
 * engine's kernels on: kernels/webgpu/bias-relu.ts), tfjs' add and relu elsewhere.
 */
import * as tf from '@tensorflow/tfjs';

const NAME = 'LcBiasRelu';

/** max(x + bias, 0), bias broadcast over the last axis of x. */
export function biasRelu(x: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const fused = x.dtype === 'float32' && bias.rank === 1 && bias.shape[0] === x.shape[x.rank - 1] && tf.getKernel(NAME, tf.getBackend()) != null;
  if (!fused) return tf.relu(tf.add(x, bias));
  return tf.engine().runKernel(NAME, { x, bias }) as tf.Tensor;
}
