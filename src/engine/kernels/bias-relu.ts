/**
 * relu(x + bias) and x + bias through the engine's fused kernels where the current backend has it (WebGPU with the
 * engine's kernels on: kernels/webgpu/bias-relu.ts), tfjs' add and relu elsewhere.
 */
import * as tf from '@tensorflow/tfjs';

const fusable = (name: string, x: tf.Tensor, bias: tf.Tensor) =>
  x.dtype === 'float32' &&
  bias.dtype === 'float32' &&
  bias.rank === 1 &&
  bias.shape[0] === x.shape[x.rank - 1] &&
  tf.getKernel(name, tf.getBackend()) != null;

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

/**
 * maxPool(relu(x + bias)) for non-overlapping, valid windows `pool` ([h, w]) where the backend has the fused
 * kernel; null where it has not (the caller then runs the layers one by one).
 */
export function biasReluMaxPool(x: tf.Tensor4D, bias: tf.Tensor, pool: [number, number]): tf.Tensor4D | null {
  if (!fusable('LcBiasReluMaxPool', x, bias) || x.shape[1] < pool[0] || x.shape[2] < pool[1]) return null;
  return tf.engine().runKernel('LcBiasReluMaxPool', { x, bias }, { fh: pool[0], fw: pool[1] }) as tf.Tensor4D;
}
