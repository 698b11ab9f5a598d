/**
 * Per-layer instrumentation: what a mentor asks a learner to print when training misbehaves.
 * Tensor-side helpers build small tensors inside the caller's tidy; `readInstruments` turns them into numbers.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelParams } from '../model/params';

export const HISTOGRAM_BINS = 20;

export interface ParamStats {
  /** Course notation: W1, b1, W2, b2… */
  name: string;
  /** ‖∂J/∂θ‖₂ at this step. */
  gradNorm: number;
  /** ‖θ‖₂ after the update. */
  weightNorm: number;
  /** ‖Δθ‖₂ / ‖θ‖₂: how much one step moved the parameters (≈1e-3 is healthy for SGD). */
  updateRatio: number;
}

export interface LayerStats {
  /** Index in the model's layer list. */
  layer: number;
  activation: string;
  /** Units (dense) or channels (conv). */
  units: number;
  /** ReLU layers: units that output 0 for every example in the batch. */
  deadUnits?: number;
  /** ReLU layers: per unit, whether it is dead (only for layers of ≤ 256 units). */
  dead?: boolean[];
  /**
   * ReLU layers of ≤ 256 units, when the pre-activations were kept: per unit, its largest z = w·x + b over the
   * batch (and positions, for conv). A unit is dead exactly when this is ≤ 0.
   */
  maxPreActivation?: number[];
  /** Sigmoid/tanh layers: share of outputs within 1% of the asymptotes. */
  saturatedFraction?: number;
  histogram: { min: number; max: number; counts: number[] };
}

export interface InstrumentRecord {
  params: ParamStats[];
  layers: LayerStats[];
}

/** Tensors computed on device; read back together with `readInstruments`. */
export interface InstrumentTensors {
  gradNorms: tf.Tensor1D;
  weightNorms: tf.Tensor1D;
  updateNorms: tf.Tensor1D;
  layers: {
    layer: number;
    activation: string;
    units: number;
    dead?: tf.Tensor;
    saturated?: tf.Tensor;
    maxPre?: tf.Tensor;
    values: tf.Tensor;
  }[];
}

const norms = (ts: tf.Tensor[]) => tf.stack(ts.map((t) => tf.norm(t))) as tf.Tensor1D;

/** Most units whose largest pre-activation is read back per recorded step (as for `LayerStats.dead`). */
export const MAX_PRE_UNITS = 256;

/** Every tensor of one layer's entry (to return from a tidy or to dispose). */
export const layerTensors = (l: InstrumentTensors['layers'][number]): tf.Tensor[] =>
  [l.values, l.dead, l.saturated, l.maxPre].filter((t): t is tf.Tensor => !!t);

/**
 * Activation statistics for every layer that has an activation. `activations` (and `preActivations`, which adds
 * each ReLU unit's largest z) from forward(keepActivations, keepPreActivations).
 */
export function activationTensors(
  model: ModelParams,
  activations: tf.Tensor[],
  preActivations: (tf.Tensor | null)[] = [],
): InstrumentTensors['layers'] {
  const out: InstrumentTensors['layers'] = [];
  model.layers.forEach((layer, i) => {
    if (!('activation' in layer) || layer.activation === 'linear') return;
    const a = activations[i];
    const units = a.shape[a.shape.length - 1];
    // Every axis but the last (batch, and height/width for conv) — a unit is dead if it is 0 everywhere.
    const axes = a.shape.slice(0, -1).map((_, k) => k);
    const entry: InstrumentTensors['layers'][number] = {
      layer: i,
      activation: layer.activation,
      units,
      values: tf.slice(tf.reshape(a, [-1]), 0, Math.min(a.size, 4096)),
    };
    if (layer.activation === 'relu') entry.dead = tf.lessEqual(tf.max(a, axes), 0);
    const z = preActivations[i];
    if (layer.activation === 'relu' && z && units <= MAX_PRE_UNITS) entry.maxPre = tf.max(z, axes);
    if (layer.activation === 'sigmoid') entry.saturated = tf.mean(tf.cast(tf.greater(tf.abs(tf.sub(a, 0.5)), 0.49), 'float32'));
    if (layer.activation === 'tanh') entry.saturated = tf.mean(tf.cast(tf.greater(tf.abs(a), 0.98), 'float32'));
    out.push(entry);
  });
  return out;
}

export function paramTensors(grads: tf.Tensor[], before: tf.Tensor[], after: tf.Variable[]) {
  return {
    gradNorms: norms(grads),
    weightNorms: norms(after),
    updateNorms: norms(after.map((v, k) => tf.sub(v, before[k]))),
  };
}

function histogram(values: Float32Array): LayerStats['histogram'] {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const counts = new Array<number>(HISTOGRAM_BINS).fill(0);
  const width = max > min ? (max - min) / HISTOGRAM_BINS : 1;
  for (const v of values) counts[Math.min(HISTOGRAM_BINS - 1, Math.floor((v - min) / width))]++;
  return { min: Number.isFinite(min) ? min : 0, max: Number.isFinite(max) ? max : 0, counts };
}

/** Reads instrument tensors back (one await for all of them) and disposes them. */
export async function readInstruments(model: ModelParams, t: InstrumentTensors): Promise<InstrumentRecord> {
  const all = [t.gradNorms, t.weightNorms, t.updateNorms, ...t.layers.flatMap(layerTensors)];
  try {
    const [g, w, u] = await Promise.all([t.gradNorms.data(), t.weightNorms.data(), t.updateNorms.data()]);
    const params = model.names.map((name, k) => ({
      name,
      gradNorm: g[k],
      weightNorm: w[k],
      updateRatio: w[k] > 0 ? u[k] / w[k] : 0,
    }));
    const layers = await Promise.all(
      t.layers.map(async (l): Promise<LayerStats> => {
        const stats: LayerStats = {
          layer: l.layer,
          activation: l.activation,
          units: l.units,
          histogram: histogram((await l.values.data()) as Float32Array),
        };
        if (l.dead) {
          const dead = Array.from(await l.dead.data(), (v) => v !== 0);
          stats.deadUnits = dead.filter(Boolean).length;
          if (dead.length <= 256) stats.dead = dead;
        }
        if (l.saturated) stats.saturatedFraction = (await l.saturated.data())[0];
        if (l.maxPre) stats.maxPreActivation = Array.from(await l.maxPre.data());
        return stats;
      }),
    );
    return { params, layers };
  } finally {
    all.forEach((x) => x.dispose());
  }
}
