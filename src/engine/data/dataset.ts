/**
 * Compact in-memory datasets built from the raw shard bytes: pixels scaled to [0, 1] as Float32,
 * the original class ids, and the training targets (0/1 for a binary task, the class id otherwise).
 * No tfjs here: the trainer turns these arrays into tensors.
 */
import { PIXELS } from './manifest';
import type { DataTask } from './subset';

export interface InMemoryDataset {
  /** n × 784 pixels, row-major 28×28, each pixel/255 ∈ [0, 1]. */
  x: Float32Array;
  /** Original class id of each example (0–9). */
  y: Uint8Array;
  /**
   * Training target (task label) of each example: 1/0 for a binary task (positive class or not); for a
   * multiclass task the position of its class among the used classes (the class id when all are used).
   */
  labels: Float32Array;
  /** Number of examples. */
  n: number;
  /** Class names, indexed by class id. */
  classes: string[];
}

/** The raw bytes of a split's leading shards, concatenated in shard order. */
export interface RawSplit {
  /** count × 784 uint8 pixels. */
  images: Uint8Array;
  /** count uint8 class ids. */
  labels: Uint8Array;
}

/**
 * Gathers the examples at `indexes` (positions in `raw`) into an InMemoryDataset, in the order given.
 * `used` lists the class ids in use (multiclass label k is class used[k]); default every class.
 * Throws if an index is outside `raw` or an example's class is not in use.
 */
export function buildDataset(
  raw: RawSplit,
  indexes: ArrayLike<number>,
  task: DataTask,
  classes: string[],
  used: readonly number[] = classes.map((_, c) => c),
): InMemoryDataset {
  const n = indexes.length;
  const count = raw.labels.length;
  if (raw.images.length !== count * PIXELS) {
    throw new Error(`raw split has ${raw.images.length} pixel bytes for ${count} labels (expected ${count * PIXELS})`);
  }
  const positive = new Uint8Array(classes.length);
  if (task.kind === 'binary') for (const c of task.positive) positive[c] = 1;
  // Task label of each class id; −1 for classes not in use.
  const labelOf = new Int16Array(Math.max(classes.length, 256)).fill(-1);
  used.forEach((c, k) => (labelOf[c] = task.kind === 'binary' ? positive[c] : k));

  const x = new Float32Array(n * PIXELS);
  const y = new Uint8Array(n);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const src = indexes[i];
    if (!Number.isInteger(src) || src < 0 || src >= count)
      throw new RangeError(`example index ${src} is outside the ${count} loaded images`);
    const from = src * PIXELS;
    const to = i * PIXELS;
    for (let p = 0; p < PIXELS; p++) x[to + p] = raw.images[from + p] / 255;
    y[i] = raw.labels[src];
    if (labelOf[y[i]] < 0) throw new RangeError(`example ${src} is of class ${y[i]}, which this task does not use`);
    labels[i] = labelOf[y[i]];
  }
  return { x, y, labels, n, classes };
}

/** Images per class in a dataset (length = number of classes). */
export function classCounts(ds: InMemoryDataset): number[] {
  const out = ds.classes.map(() => 0);
  for (let i = 0; i < ds.n; i++) out[ds.y[i]]++;
  return out;
}
