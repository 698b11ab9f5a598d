/**
 * The model's trainable variables, initialised from our own seeded RNG so that the same seed gives the
 * same weights on every backend (tfjs initialisers treat seed 0 as "random" and differ from Keras).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../random';
import type { ExperimentSpec, LayerSpec } from '../spec/schema';
import type { WeightDecl } from '../layers/def';
import { defOf } from '../layers/registry';
import { expandLayers, summarize, type Shape } from '../spec/summarize';
import type { LayerWeights, PretrainedWeights } from './pretrained';

/**
 * A layer's variables by role, as its definition declares them (engine/layers/): kernel ([in, units] for dense,
 * [kh, kw, cin, filters] for conv2d) and bias; gamma, beta, movingMean and movingVariance for batch normalisation.
 */
export type LayerParams = Record<string, tf.Variable>;

export interface ModelParams {
  layers: LayerSpec[];
  /** Input shape of each layer (batch omitted). */
  inputShapes: Shape[];
  /** Variables of each layer, null for layers without any (pooling, flatten, dropout). */
  params: (LayerParams | null)[];
  /**
   * Flat list of every variable, in layer order: kernel, bias, kernel, bias… (each layer's in its declared order).
   * Frozen pretrained ones and BatchNorm's moving averages are created with `trainable` false: tf.variableGrads
   * skips them, so they get no gradient and no optimiser update.
   */
  variables: tf.Variable[];
  /** Human names in the course notation: W1, b1, W2, b2… (γ2, β2, μ2, σ²2 for a BatchNorm layer); tfjs variable names must be unique per process, so ours live here. */
  names: string[];
}

function initialValues(
  size: number,
  fanIn: number,
  fanOut: number,
  initializer: ExperimentSpec['model']['initializer'],
  rng: Rng,
): Float32Array {
  const out = new Float32Array(size);
  if (initializer === 'course') {
    // The course's np.random.randn(n_out, n_in) * 0.01.
    for (let i = 0; i < size; i++) out[i] = rng.normal() * 0.01;
  } else {
    // Keras glorot_uniform: U(−limit, limit), limit = sqrt(6 / (fan_in + fan_out)).
    const limit = Math.sqrt(6 / (fanIn + fanOut));
    for (let i = 0; i < size; i++) out[i] = (rng.next() * 2 - 1) * limit;
  }
  return out;
}

/**
 * Creates freshly initialised variables for `spec`; same spec and seed ⇒ identical values. With `pretrained`
 * (loaded for `spec.model.pretrained`), its first layers take the loaded values instead, frozen if it says so;
 * the other layers get the same initial values as without it.
 */
export function createParams(spec: ExperimentSpec, pretrained?: PretrainedWeights): ModelParams {
  if (spec.model.pretrained && !pretrained)
    throw new Error(`this experiment needs the pretrained model ${spec.model.pretrained.name}, which was not loaded`);
  // tidy disposes the temporary initial-value tensors; variables survive it.
  let model!: ModelParams;
  tf.tidy(() => {
    model = buildParams(spec, pretrained);
  });
  return model;
}

/** The loaded kernel and bias for layer `i`, checked against the shapes the model needs. */
function loadedValues(pretrained: PretrainedWeights | undefined, i: number, decls: WeightDecl[]): LayerWeights | null {
  if (!pretrained || i >= pretrained.layers) return null;
  const v = pretrained.values[i];
  const [kernel, bias] = decls;
  const size = (d?: WeightDecl) => (d ? d.shape.reduce((a, b) => a * b, 1) : -1);
  if (!v || decls.length !== 2 || kernel.role !== 'kernel' || v.kernel.length !== size(kernel) || v.bias.length !== size(bias)) {
    throw new Error(`the pretrained model ${pretrained.name} has no weights of the right size for layer ${i + 1}`);
  }
  return v;
}

function buildParams(spec: ExperimentSpec, pretrained?: PretrainedWeights): ModelParams {
  const layers = expandLayers(spec.model);
  const summary = summarize(spec);
  const inputShapes = layers.map((_, i) => (i === 0 ? summary.inputShape : summary.layers[i - 1].outputShape));
  const rng = createRng(spec.seed, 'weights');
  const params: (LayerParams | null)[] = [];
  const variables: tf.Variable[] = [];
  const names: string[] = [];
  let n = 0;
  layers.forEach((layer, i) => {
    const decls = defOf(layer).weights?.(layer, inputShapes[i]) ?? [];
    if (decls.length === 0) {
      params.push(null);
      return;
    }
    n += 1;
    const loaded = loadedValues(pretrained, i, decls);
    const frozen = !!loaded && pretrained!.freeze;
    const mine: LayerParams = {};
    for (const d of decls) {
      const size = d.shape.reduce((a, b) => a * b, 1);
      // Drawn even where pretrained values replace them, so the other layers start as they would without.
      const fresh =
        typeof d.init === 'object'
          ? tf.tensor(initialValues(size, d.init.fan[0], d.init.fan[1], spec.model.initializer, rng), d.shape)
          : d.init === 'ones'
            ? tf.ones(d.shape)
            : tf.zeros(d.shape);
      const from = loaded && (d.role === 'kernel' || d.role === 'bias') ? tf.tensor(loaded[d.role], d.shape) : fresh;
      const v = tf.variable(from, d.trainable && !frozen);
      mine[d.role] = v;
      variables.push(v);
      names.push(`${d.symbol}${n}`);
    }
    params.push(mine);
  });
  return { layers, inputShapes, params, variables, names };
}

/** Replaces every variable's value (e.g. restoring a snapshot on another backend). */
export function restoreParams(model: ModelParams, values: Float32Array[]): void {
  if (values.length !== model.variables.length) throw new Error('snapshot does not match the model');
  tf.tidy(() => model.variables.forEach((v, i) => v.assign(tf.tensor(values[i], v.shape))));
}

/**
 * Copies every variable's value to the CPU, as it is now. The values are read through clones, which keep the data
 * alive: the next training step re-assigns the variables while the read is still in flight (on WebGPU, reading the
 * variable itself then fails with "Buffer was unmapped before mapping was resolved").
 */
export async function snapshotParams(model: ModelParams): Promise<Float32Array[]> {
  const copies = model.variables.map((v) => tf.clone(v));
  try {
    return await Promise.all(copies.map(async (c) => (await c.data()) as Float32Array));
  } finally {
    tf.dispose(copies);
  }
}

export function disposeParams(model: ModelParams): void {
  model.variables.forEach((v) => v.dispose());
}

/** One variable of a snapshot: its course name (W1, b1, γ2…), shape and values. */
export interface NamedValues {
  name: string;
  shape: number[];
  values: Float32Array;
}

/**
 * A run's variables as they were after `step` completed steps, in the model's order (`ModelParams.variables`):
 * what `snapshot` answers, what a run kept between visits saves, and what a run resumed from saved weights starts
 * from. Frozen and non-trainable ones (BatchNorm's moving averages) included; optimiser state is not.
 */
export interface WeightsSnapshot {
  step: number;
  epoch: number;
  params: NamedValues[];
}

/** The snapshot of `model` as it is now (names and shapes with copies of the values, safe to transfer). */
export async function snapshotModel(model: ModelParams, step: number, epoch: number): Promise<WeightsSnapshot> {
  const values = await snapshotParams(model);
  // Copies: on the CPU backend a read may hand back the variable's own storage, which a transfer would detach.
  return {
    step,
    epoch,
    params: model.variables.map((v, i) => ({ name: model.names[i], shape: v.shape.slice(), values: values[i].slice() })),
  };
}

/**
 * The values of `saved` in the model's order, after checking that they fit it (same names, same shapes); throws
 * an Error naming the first variable that does not.
 */
export function valuesFitting(model: ModelParams, saved: WeightsSnapshot): Float32Array[] {
  if (saved.params.length !== model.variables.length)
    throw new Error(`the saved weights hold ${saved.params.length} arrays; this model has ${model.variables.length}`);
  return model.variables.map((v, i) => {
    const p = saved.params[i];
    const size = v.shape.reduce((a, b) => a * b, 1);
    if (p.name !== model.names[i] || p.shape.join('×') !== v.shape.join('×') || p.values.length !== size) {
      throw new Error(
        `the saved weights do not fit this model: ${model.names[i]} is ${v.shape.join('×')} here, the saved ${p.name} is ${p.shape.join('×')}`,
      );
    }
    return p.values;
  });
}
