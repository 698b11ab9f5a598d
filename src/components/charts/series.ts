/**
 * The charts' data model: one `RunSeries` per training run, a flat list of (step, metric, value) points.
 * Helpers here turn the trainer's StepRecord / EvalRecord into points and name runs by what changed.
 */
import type { EvalRecord, StepRecord } from '../../engine/train/trainer';

/** Data splits in the order the charts list them. */
export const SPLITS = ['train', 'validation', 'test'] as const;
export type Split = (typeof SPLITS)[number];

/** What a loss chart plots: costs or accuracies. */
export type MetricKind = 'cost' | 'accuracy';

/** One measurement. `metric` is "<split> <kind>", e.g. 'train cost', 'validation accuracy'. */
export interface SeriesPoint {
  step: number;
  epoch: number;
  metric: string;
  value: number;
}

/** One training run as the charts see it. */
export interface RunSeries {
  id: string;
  /** What distinguishes this run from the others, e.g. "lr 0.54" (see `labelFromOverrides`). */
  label: string;
  /** The run being trained now: drawn strong; the others are faded. */
  current: boolean;
  points: SeriesPoint[];
}

/** "<split> <kind>", e.g. metricName('validation', 'cost') === 'validation cost'. */
export function metricName(split: Split, kind: MetricKind): string {
  return `${split} ${kind}`;
}

/** Splits a metric name into split and kind; null for names the charts do not know. */
export function parseMetric(metric: string): { split: Split; kind: MetricKind } | null {
  const [split, kind] = metric.split(' ');
  if (!(SPLITS as readonly string[]).includes(split) || (kind !== 'cost' && kind !== 'accuracy')) return null;
  return { split: split as Split, kind };
}

/** Points for one recorded training step: 'train cost' (the batch loss) and 'train accuracy'. */
export function stepPoints(record: StepRecord): SeriesPoint[] {
  const { step, epoch } = record;
  return [
    { step, epoch, metric: 'train cost', value: record.loss },
    { step, epoch, metric: 'train accuracy', value: record.accuracy },
  ];
}

/** Points for one evaluation: cost and accuracy for each held-out set it has (validation, test). */
export function evalPoints(record: EvalRecord): SeriesPoint[] {
  const { step, epoch } = record;
  const out: SeriesPoint[] = [];
  for (const split of ['validation', 'test'] as const) {
    const m = record[split];
    if (!m) continue;
    out.push({ step, epoch, metric: metricName(split, 'cost'), value: m.loss });
    out.push({ step, epoch, metric: metricName(split, 'accuracy'), value: m.accuracy });
  }
  return out;
}

/** A new RunSeries with the step's points appended (the input is not modified). */
export function appendStep(series: RunSeries, record: StepRecord): RunSeries {
  return { ...series, points: [...series.points, ...stepPoints(record)] };
}

/** A new RunSeries with the evaluation's points appended (the input is not modified). */
export function appendEval(series: RunSeries, record: EvalRecord): RunSeries {
  return { ...series, points: [...series.points, ...evalPoints(record)] };
}

/** Control values a run was started with, e.g. { learningRate: 0.54 } or { sizes: [784, 7, 1], seed: 3 } (any SpecOverrides). */
export type Overrides = object;

/** Short names for labels; '' means "show the value alone" (it speaks for itself). */
const SHORT_NAMES: Record<string, string> = {
  learningRate: 'lr',
  batchSize: 'batch',
  sizes: '',
  hiddenActivation: '',
  type: '',
  optimizer: '',
  outputActivation: 'output',
  initializer: 'init',
  train: 'train',
};

function formatOverride(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(formatOverride).join(', ')}]`;
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  if (value === undefined) return 'default';
  return JSON.stringify(value);
}

function describe(key: string, value: unknown): string {
  const leaf = key.split('.').pop() ?? key;
  const name = leaf in SHORT_NAMES ? SHORT_NAMES[leaf] : leaf.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  const shown = formatOverride(value);
  return name ? `${name} ${shown}` : shown;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A run label from what differs between `overrides` and `previous` (all of `overrides` when there is no
 * previous run): { learningRate: 0.54 } → "lr 0.54", { sizes: [784, 7, 1] } → "[784, 7, 1]",
 * { seed: 3 } → "seed 3"; several changes are joined with ", ". A key dropped since `previous` reads
 * "<name> default". Returns '' when nothing differs.
 */
export function labelFromOverrides(overrides: Overrides, previous?: Overrides): string {
  const now = overrides as Record<string, unknown>;
  const before = previous as Record<string, unknown> | undefined;
  const keys = [...Object.keys(now), ...Object.keys(before ?? {}).filter((k) => !(k in now))];
  return keys
    .filter((k) => !before || !same(now[k], before[k]))
    .filter((k) => before || now[k] !== undefined)
    .map((k) => describe(k, now[k]))
    .join(', ');
}
