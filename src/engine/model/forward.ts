/**
 * The forward pass, written with tfjs ops rather than tf.layers so that every intermediate activation is
 * available to the instruments (dead ReLUs, saturation, histograms, feature maps).
 */
import * as tf from '@tensorflow/tfjs';
import type { Activation, LayerSpec } from '../spec/schema';
import type { ModelParams } from './params';
import type { Rng } from '../random';
import { biasAdd, biasRelu, biasReluMaxPool } from '../kernels/bias-relu';
import { activate as activateWith, pair } from '../layers/def';
import { defOf } from '../layers/registry';

/** Applies a hidden activation. Output activations are applied by the loss (from logits, numerically stable). */
export function activate(x: tf.Tensor, activation: Activation): tf.Tensor {
  return activateWith(tf, x, activation);
}

export interface ForwardOptions {
  /** Training pass: dropout masks, BatchNorm's batch statistics. Inference uses neither. */
  training: boolean;
  /** In a training pass, BatchNorm updates its moving averages unless this is false. */
  updateStatistics?: boolean;
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

function applyLayer(
  layer: LayerSpec,
  x: tf.Tensor,
  model: ModelParams,
  i: number,
  opts: ForwardOptions,
  isLast: boolean,
  keepZ?: (z: tf.Tensor) => void,
): tf.Tensor {
  return defOf(layer).forward(layer, x, {
    tf,
    biasAdd,
    biasRelu,
    weights: model.params[i] ?? {},
    training: opts.training,
    updateStatistics: opts.training && opts.updateStatistics !== false,
    rng: opts.rng,
    isLast,
    keepZ,
  });
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
