/**
 * What the worker tells a page about a run's data and model, besides training: data statistics for
 * `ready`, one example (or the page's own pixels) probed through every layer, and the pixels of chosen examples.
 * Reads the data the run holds on the CPU; only the probe's forward pass touches the device.
 */
import * as tf from '@tensorflow/tfjs';
import type { Split } from '../data/split';
import { forward } from '../model/forward';
import { inputShapeOf } from '../spec/summarize';
import { CLASS_NAMES, labelNamesOf } from '../spec/labels';
import type { ExperimentSpec } from '../spec/schema';
import type { SplitData, Trainer, TrainingData } from '../train/trainer';
import type { DataStats, Examples, ProbeResult } from './protocol';

const PIXELS = 784;
/** Most examples one `examples` request may ask for. */
export const MAX_EXAMPLES = 10000;

/** The split's data, or an Error naming the missing split. */
export function splitData(data: TrainingData, split: Split): SplitData {
  const d = data[split];
  if (!d || d.n === 0) throw new Error(`this experiment has no ${split} set`);
  return d;
}

function checkIndex(d: SplitData, split: Split, index: unknown): number {
  if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= d.n) {
    throw new Error(`example ${String(index)} is out of range (0–${d.n - 1}) of the ${split} set`);
  }
  return index;
}

/** Examples per task label (array of `labels` entries). */
function labelCounts(d: SplitData | undefined, labels: number): number[] {
  const out = new Array<number>(labels).fill(0);
  if (d) for (let i = 0; i < d.n; i++) out[d.labels[i]] += 1;
  return out;
}

export function dataStats(spec: ExperimentSpec, data: TrainingData, trainer: Trainer): DataStats {
  const labelNames = labelNamesOf(spec.data);
  const k = labelNames.length;
  const stats: DataStats = {
    train: data.train.n,
    validation: data.validation?.n ?? 0,
    test: data.test?.n ?? 0,
    classNames: [...CLASS_NAMES[spec.data.dataset]],
    labelNames,
    labelCounts: { train: labelCounts(data.train, k), validation: labelCounts(data.validation, k), test: labelCounts(data.test, k) },
    trainEval: Array.from(trainer.trainEvalIndices),
  };
  if (spec.data.task.kind === 'binary') stats.trainPositives = stats.labelCounts.train[1];
  return stats;
}

/** Every layer's output for one example, its pixels, label, class and predicted probabilities. */
export async function probeExample(trainer: Trainer, data: TrainingData, split: Split, index: number): Promise<ProbeResult> {
  const d = splitData(data, split);
  const at = checkIndex(d, split, index);
  // Copies: on the CPU backend a layer's values may be a view into a tensor's storage (a flatten of the input
  // shares the training set's buffer), which must never be transferred away.
  const layers = (await trainer.activationsFor(split, at)).map((l) => ({ ...l, values: l.values.slice() }));
  return {
    layers,
    pixels: d.x.slice(at * PIXELS, (at + 1) * PIXELS),
    label: d.labels[at],
    classId: d.y[at],
    // The last layer's activation is the output activation (sigmoid/softmax) of the logits.
    probabilities: layers[layers.length - 1].values.slice(),
  };
}

/**
 * The page's own 784 pixels, checked: a Float32Array (or a plain array of numbers) of exactly 784 finite values in
 * [0, 1], the scale of the data (byte / 255). Returns a copy (the answer transfers it); throws a readable Error.
 */
export function checkPixels(pixels: unknown): Float32Array {
  const list = pixels instanceof Float32Array || Array.isArray(pixels) ? (pixels as ArrayLike<unknown>) : null;
  if (!list) throw new Error('pixels must be a list of 784 numbers (28 × 28, row by row)');
  if (list.length !== PIXELS) throw new Error(`pixels must hold 784 values (28 × 28), not ${list.length}`);
  const out = new Float32Array(PIXELS);
  for (let i = 0; i < PIXELS; i++) {
    const v = list[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`pixel ${i} is not a finite number: ${String(v)}`);
    if (v < 0 || v > 1) throw new Error(`pixel ${i} is ${v}: pixels must lie in [0, 1], as the data’s do (byte / 255)`);
    out[i] = v;
  }
  return out;
}

/**
 * Every layer's output for pixels the page supplies (the reader's own picture), with the run's current weights, in
 * inference mode (no dropout; BatchNorm's moving averages). `label` and `classId` are −1: the picture has none.
 */
export async function probePixels(trainer: Trainer, pixels: unknown): Promise<ProbeResult> {
  const x = checkPixels(pixels);
  if (trainer.isDisposed) throw new Error('the run has been freed');
  const acts = tf.tidy(
    () =>
      forward(trainer.model, tf.tensor(x, [1, ...inputShapeOf(trainer.spec.data)]), { training: false, keepActivations: true }).activations,
  );
  let layers: ProbeResult['layers'];
  try {
    layers = await Promise.all(
      acts.map(async (a, layer) => ({ layer, shape: a.shape.slice(1), values: ((await a.data()) as Float32Array).slice() })),
    );
  } finally {
    acts.forEach((a) => a.dispose());
  }
  return { layers, pixels: x, label: -1, classId: -1, probabilities: layers[layers.length - 1].values.slice() };
}

/** Pixels (n × 784), task labels and class ids of the examples at `indices`, in that order. */
export function examplesOf(data: TrainingData, split: Split, indices: unknown): Examples {
  const d = splitData(data, split);
  if (!Array.isArray(indices)) throw new Error('indices must be a list of example positions');
  if (indices.length > MAX_EXAMPLES) throw new Error(`ask for at most ${MAX_EXAMPLES} examples at once, not ${indices.length}`);
  const n = indices.length;
  const pixels = new Float32Array(n * PIXELS);
  const labels = new Uint8Array(n);
  const classIds = new Uint8Array(n);
  indices.forEach((index, k) => {
    const at = checkIndex(d, split, index);
    pixels.set(d.x.subarray(at * PIXELS, (at + 1) * PIXELS), k * PIXELS);
    labels[k] = d.labels[at];
    classIds[k] = d.y[at];
  });
  return { pixels, labels, classIds };
}

/**
 * The distinct buffers behind typed arrays, for postMessage's transfer list (a buffer listed twice throws).
 * Only arrays that span their whole buffer are listed: a view into a larger buffer is copied, never moved,
 * so transferring can never detach memory that something else still uses.
 */
export function transferList(arrays: (ArrayBufferView | undefined)[]): ArrayBuffer[] {
  const out = new Set<ArrayBuffer>();
  for (const a of arrays) {
    if (a && a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) out.add(a.buffer);
  }
  return [...out];
}
