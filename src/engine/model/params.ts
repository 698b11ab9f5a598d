/**
 * The model's trainable variables, initialised from our own seeded RNG so that the same seed gives the
 * same weights on every backend (tfjs initialisers treat seed 0 as "random" and differ from Keras).
 */
import * as tf from '@tensorflow/tfjs';
import { createRng, type Rng } from '../random';
import type { ExperimentSpec, LayerSpec } from '../spec/schema';
import { expandLayers, summarize, type Shape } from '../spec/summarize';
import type { LayerWeights, PretrainedWeights } from './pretrained';

export interface LayerParams {
  /** Kernel: [in, units] for dense, [kh, kw, cin, filters] for conv2d. */
  kernel: tf.Variable;
  bias: tf.Variable;
}

export interface ModelParams {
  layers: LayerSpec[];
  /** Input shape of each layer (batch omitted). */
  inputShapes: Shape[];
  /** Parameters of each layer, null for layers without any (pooling, flatten, dropout). */
  params: (LayerParams | null)[];
  /**
   * Flat list of every variable, in layer order: kernel, bias, kernel, bias… Frozen pretrained ones are
   * created with `trainable` false: tf.variableGrads skips them, so they get no gradient and no update.
   */
  variables: tf.Variable[];
  /** Human names in the course notation: W1, b1, W2, b2… (tfjs variable names must be unique per process, so ours live here). */
  names: string[];
}

function kernelShape(layer: LayerSpec, input: Shape): [number[], number, number] | null {
  if (layer.type === 'dense') return [[input[0], layer.units], input[0], layer.units];
  if (layer.type === 'conv2d') {
    const [kh, kw] = typeof layer.kernel === 'number' ? [layer.kernel, layer.kernel] : layer.kernel;
    // Keras' fans for conv kernels: receptive field × channels in / out.
    return [[kh, kw, input[2], layer.filters], kh * kw * input[2], kh * kw * layer.filters];
  }
  return null;
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
  if (spec.model.pretrained && !pretrained) throw new Error(`this experiment needs the pretrained model ${spec.model.pretrained.name}, which was not loaded`);
  // tidy disposes the temporary initial-value tensors; variables survive it.
  let model!: ModelParams;
  tf.tidy(() => {
    model = buildParams(spec, pretrained);
  });
  return model;
}

/** The loaded kernel and bias for layer `i`, checked against the shapes the model needs. */
function loadedValues(pretrained: PretrainedWeights | undefined, i: number, size: number, units: number): LayerWeights | null {
  if (!pretrained || i >= pretrained.layers) return null;
  const v = pretrained.values[i];
  if (!v || v.kernel.length !== size || v.bias.length !== units) {
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
    const k = kernelShape(layer, inputShapes[i]);
    if (!k) {
      params.push(null);
      return;
    }
    const [shape, fanIn, fanOut] = k;
    n += 1;
    const size = shape.reduce((a, b) => a * b, 1);
    const units = shape[shape.length - 1];
    // Drawn even where pretrained values replace them, so the other layers start as they would without.
    const fresh = initialValues(size, fanIn, fanOut, spec.model.initializer, rng);
    const loaded = loadedValues(pretrained, i, size, units);
    const trainable = !(loaded && pretrained!.freeze);
    const kernel = tf.variable(tf.tensor(loaded?.kernel ?? fresh, shape), trainable);
    const bias = tf.variable(loaded ? tf.tensor(loaded.bias, [units]) : tf.zeros([units]), trainable);
    params.push({ kernel, bias });
    variables.push(kernel, bias);
    names.push(`W${n}`, `b${n}`);
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
