/**
 * The forward pass, written with tfjs ops rather than tf.layers so that every intermediate activation is
 * available to the instruments (dead ReLUs, saturation, histograms, feature maps).
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation, LayerSpec } from '../spec/schema';
import type { ModelParams } from './params';
import type { Rng } from '../random';
import { biasAdd, biasRelu, biasReluMaxPool } from '../kernels/bias-relu';

const pair = (v: number | [number, number]): [number, number] => (typeof v === 'number' ? [v, v] : v);

/** Applies a hidden activation. Output activations are applied by the loss (from logits, numerically stable). */
export function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  switch (activation) {
    case 'relu':
      return tf.relu(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'tanh':
      return tf.tanh(x);
    case 'softmax':
      return tf.softmax(x);
    case 'linear':
      return x;
  }
}

export interface ForwardOptions {
  /** Dropout is active only while training. */
  training: boolean;
  /** Seeded randomness for dropout masks. */
  rng?: Rng;
  /** Keep every layer's output (after its activation) for the instruments. */
  keepActivations?: boolean;
  /** With keepActivations: also keep each hidden dense or conv layer's z = xW + b, before its activation. */
  keepPreActivations?: boolean;
}

export interface ForwardResult {
  /** Output of the last layer before its activation. */
  logits: tf.Tensor;
  /** Each layer's output after its activation (the last one included), when asked for. */
  activations: tf.Tensor[];
  /**
   * With keepPreActivations: per layer, a hidden dense or conv layer's z before its activation (the same tensor as
   * its activation when that is linear); null for the other layers and the last one.
   */
  preActivations: (tf.Tensor | null)[];
}

function applyLayer(layer: LayerSpec, x: tf.Tensor, model: ModelParams, i: number, opts: ForwardOptions, isLast: boolean, keepZ?: (z: tf.Tensor) => void): tf.Tensor {
  const p = model.params[i];
  switch (layer.type) {
    case 'dense':
    case 'conv2d': {
      const xw =
        layer.type === 'dense'
          ? tf.matMul(x as tf.Tensor2D, p!.kernel as tf.Tensor2D)
          : tf.conv2d(x as tf.Tensor4D, p!.kernel as tf.Tensor4D, pair(layer.stride), layer.padding);
      if (!isLast && layer.activation === 'relu') {
        // The fused kernel never materialises z: computed apart, only when asked for (instrumented steps).
        keepZ?.(biasAdd(xw, p!.bias));
        return biasRelu(xw, p!.bias);
      }
      const z = biasAdd(xw, p!.bias);
      if (isLast) return z;
      keepZ?.(z);
      return activate(z, layer.activation);
    }
    case 'maxPooling2d':
      return tf.maxPool(x as tf.Tensor4D, pair(layer.pool), pair(layer.stride ?? layer.pool), layer.padding);
    case 'averagePooling2d':
      return tf.avgPool(x as tf.Tensor4D, pair(layer.pool), pair(layer.stride ?? layer.pool), layer.padding);
    case 'flatten':
      return tf.reshape(x, [x.shape[0], -1]);
    case 'dropout': {
      if (!opts.training || layer.rate === 0) return x;
      // Inverted dropout with a seeded mask (tf.dropout would draw from an unseeded generator).
      const seed = Math.floor((opts.rng?.next() ?? Math.random()) * 2 ** 31);
      const keep = tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), layer.rate), 'float32');
      return tf.div(tf.mul(x, keep), 1 - layer.rate);
    }
  }
}

/** Runs `x` through the model. Call inside tf.tidy. */
export function forward(model: ModelParams, x: tf.Tensor, opts: ForwardOptions): ForwardResult {
  const activations: tf.Tensor[] = [];
  const preActivations: (tf.Tensor | null)[] = [];
  let h = x;
  const last = model.layers.length - 1;
  for (let i = 0; i <= last; i++) {
    const layer = model.layers[i];
    // Without instruments, a ReLU conv layer and the max-pool after it run as one kernel where the backend has it.
    const pooled = opts.keepActivations || i + 1 >= last ? null : convReluPool(layer, model.layers[i + 1], h, model, i);
    if (pooled) {
      h = pooled;
      i += 1;
      continue;
    }
    let z: tf.Tensor | null = null;
    const keepZ = opts.keepActivations && opts.keepPreActivations ? (t: tf.Tensor) => (z = t) : undefined;
    h = applyLayer(layer, h, model, i, opts, i === last, keepZ);
    if (keepZ) preActivations.push(z);
    if (opts.keepActivations) {
      const out = i === last && 'activation' in layer ? activate(h, layer.activation) : h;
      activations.push(out);
    }
  }
  return { logits: h, activations, preActivations };
}

/** conv2d (ReLU) followed by a non-overlapping valid max-pool as one fused kernel, or null where there is none. */
function convReluPool(layer: LayerSpec, next: LayerSpec, x: tf.Tensor, model: ModelParams, i: number): tf.Tensor | null {
  if (layer.type !== 'conv2d' || layer.activation !== 'relu' || next.type !== 'maxPooling2d' || next.padding !== 'valid') return null;
  const pool = pair(next.pool);
  const stride = pair(next.stride ?? next.pool);
  if (stride[0] !== pool[0] || stride[1] !== pool[1] || !tf.getKernel('LcBiasReluMaxPool', tf.getBackend())) return null;
  const p = model.params[i]!;
  const z = tf.conv2d(x as tf.Tensor4D, p.kernel as tf.Tensor4D, pair(layer.stride), layer.padding);
  return biasReluMaxPool(z, p.bias, pool);
}

/** Output activation of the last layer applied to logits: probabilities. */
export function outputProbabilities(model: ModelParams, logits: tf.Tensor): tf.Tensor {
  const last = model.layers[model.layers.length - 1];
  return 'activation' in last ? activate(logits, last.activation) : logits;
}
