/**
 * The shift test: move examples by 0, 1, 2… pixels and read, for each shift, the representation the
 * classifier sees (the input of the model's last dense layer) and the predicted label. Convolutions and
 * pooling are judged by how little that representation changes when the object moves. Pure engine code:
 * model parameters and CPU-side examples in, typed arrays out; every tensor it makes is freed.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelParams } from '../model/params';
import { forward, outputProbabilities } from '../model/forward';
import type { SplitData } from './trainer';
import { augmentBatch } from './augment';

const SIDE = 28;
const PIXELS = SIDE * SIDE;
/** Largest shift in pixels (as for augmentation: an object moved further leaves the frame). */
export const MAX_SHIFT = 8;
/** Most examples one shift test may ask for (each is run at every shift). */
export const MAX_SHIFT_EXAMPLES = 500;
/** Shifted images run through the model at once. */
const CHUNK = 256;

/** Which way the examples move: right, down, or both at once (diagonally down-right). */
export type ShiftDirection = 'right' | 'down' | 'diagonal';
export const SHIFT_DIRECTIONS: readonly ShiftDirection[] = ['right', 'down', 'diagonal'];

export interface ShiftTestResult {
  /** Shifts in pixels, in the requested order. */
  shifts: number[];
  direction: ShiftDirection;
  /** Positions of the examples in their split, in the requested order. */
  indices: number[];
  /** Index of the layer whose output is the representation (the layer before the last dense one); −1: the input itself. */
  layer: number;
  /** Length of one representation. */
  dim: number;
  /** indices × shifts × dim, row-major: representations[(e · shifts + s) · dim + j]. */
  representations: Float32Array;
  /** indices × shifts: predicted task label (argmax; binary: probability > ½). */
  predicted: Int32Array;
  /** Model outputs per example: k multiclass, 1 binary. */
  outputs: number;
  /** indices × shifts × outputs: predicted probabilities. */
  probabilities: Float32Array;
  /** Task label of each example. */
  labels: Int32Array;
  /** Original class id (0–9) of each example. */
  classIds: Int32Array;
}

/** Index of the layer whose output feeds the last dense layer (−1 when that layer takes the input), or an Error. */
export function representationLayer(model: Pick<ModelParams, 'layers'>): number {
  const last = model.layers.map((l) => l.type).lastIndexOf('dense');
  if (last < 0) throw new Error('the shift test needs a model that ends in a dense layer');
  return last - 1;
}

function checkList(values: unknown, what: string, ok: (v: number) => boolean, rule: string, max: number): number[] {
  if (!Array.isArray(values) || values.length === 0) throw new Error(`${what} must be a non-empty list`);
  if (values.length > max) throw new Error(`ask for at most ${max} ${what}, not ${values.length}`);
  for (const v of values)
    if (typeof v !== 'number' || !Number.isInteger(v) || !ok(v)) throw new Error(`each of the ${what} must be ${rule}, got ${String(v)}`);
  return values as number[];
}

/** Runs the shift test. Throws an Error with a reader-readable message for bad arguments. */
export async function shiftTest(
  model: ModelParams,
  inputShape: number[],
  data: SplitData,
  indicesIn: unknown,
  shiftsIn: unknown,
  direction: unknown = 'right',
  binary = false,
): Promise<ShiftTestResult> {
  if (!SHIFT_DIRECTIONS.includes(direction as ShiftDirection))
    throw new Error(`direction must be one of ${SHIFT_DIRECTIONS.join(', ')}, got ${String(direction)}`);
  const indices = checkList(indicesIn, 'examples', (v) => v >= 0 && v < data.n, `a position 0–${data.n - 1}`, MAX_SHIFT_EXAMPLES);
  const shifts = checkList(shiftsIn, 'shifts', (v) => v >= 0 && v <= MAX_SHIFT, `a whole number of pixels 0–${MAX_SHIFT}`, MAX_SHIFT + 1);
  const layer = representationLayer(model);
  const dir = direction as ShiftDirection;
  const n = indices.length * shifts.length;
  // Each example repeated once per shift, with the matching offsets.
  const pixels = new Float32Array(n * PIXELS);
  const dx = new Float32Array(n);
  const dy = new Float32Array(n);
  indices.forEach((at, e) =>
    shifts.forEach((s, k) => {
      const row = e * shifts.length + k;
      pixels.set(data.x.subarray(at * PIXELS, (at + 1) * PIXELS), row * PIXELS);
      dx[row] = dir === 'down' ? 0 : s;
      dy[row] = dir === 'right' ? 0 : s;
    }),
  );
  let dim = 0;
  let outputs = 1;
  let representations = new Float32Array(0);
  let probabilities = new Float32Array(0);
  // In chunks: every layer's output is kept for a chunk (a convolution's maps are large).
  for (let start = 0; start < n; start += CHUNK) {
    const size = Math.min(CHUNK, n - start);
    const [reps, probs] = tf.tidy(() => {
      const x = tf.tensor(pixels.subarray(start * PIXELS, (start + size) * PIXELS), [size, ...inputShape]);
      const moved = augmentBatch(x, {
        dx: dx.subarray(start, start + size),
        dy: dy.subarray(start, start + size),
        flip: new Float32Array(size),
      });
      const out = forward(model, moved, { training: false, keepActivations: layer >= 0 });
      const rep = layer >= 0 ? out.activations[layer] : moved;
      return [tf.reshape(rep, [size, -1]), outputProbabilities(model, out.logits)];
    });
    try {
      const [r, p] = await Promise.all([reps.data(), probs.data()]);
      if (start === 0) {
        dim = reps.shape[1] as number;
        outputs = probs.shape[1] ?? 1;
        representations = new Float32Array(n * dim);
        probabilities = new Float32Array(n * outputs);
      }
      representations.set(r as Float32Array, start * dim);
      probabilities.set(p as Float32Array, start * outputs);
    } finally {
      tf.dispose([reps, probs]);
    }
  }
  const predicted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (binary || outputs === 1) predicted[i] = probabilities[i * outputs] > 0.5 ? 1 : 0;
    else {
      let best = 0;
      for (let j = 1; j < outputs; j++) if (probabilities[i * outputs + j] > probabilities[i * outputs + best]) best = j;
      predicted[i] = best;
    }
  }
  return {
    shifts: [...shifts],
    direction: dir,
    indices: [...indices],
    layer,
    dim,
    representations,
    predicted,
    outputs,
    probabilities,
    labels: Int32Array.from(indices, (i) => data.labels[i]),
    classIds: Int32Array.from(indices, (i) => data.y[i]),
  };
}
