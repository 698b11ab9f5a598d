/**
 * relu(x + bias) and x + bias through the engine's fused kernels where the current backend has it (WebGPU with the
 * engine's kernels on: kernels/webgpu/bias-relu.ts), tfjs' add and relu elsewhere.
 */
import * as tf from '@tensorflow/tfjs';

const fusable = (name: string, x: tf.Tensor, bias: tf.Tensor) =>
  x.dtype === 'float32' && bias.dtype === 'float32' && bias.rank === 1 && bias.shape[0] === x.shape[x.rank - 1] && tf.getKernel(name, tf.getBackend()) != null;

/** max(x + bias, 0), bias broadcast over the last axis of x. */
export function biasRelu(x: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  if (!fusable('LcBiasRelu', x, bias)) return tf.relu(tf.add(x, bias));
  return tf.engine().runKernel('LcBiasRelu', { x, bias }) as tf.Tensor;
}

/** x + bias, bias broadcast over the last axis of x (its gradient in one dispatch on WebGPU). */
export function biasAdd(x: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  if (!fusable('LcBiasAdd', x, bias)) return tf.add(x, bias);
  return tf.engine().runKernel('LcBiasAdd', { x, bias }) as tf.Tensor;
}
