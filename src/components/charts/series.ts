/**
 * The charts' data model: one `RunSeries` per training run, a flat list of (step, metric, value) points.
 * Helpers here turn the trainer's StepRecord / EvalRecord into points and name runs by what changed.
 */
import type { EvalRecord, StepRecord } from '../../engine/train/trainer';

/** Data splits in the order the charts list them. */
/**
 * Data splits in the order the charts list them. 'batch' is the training batch of each recorded step, named so
 * when a run also evaluates a fixed training subset (then 'train' means that evaluation, measured like validation).
 */
export const SPLITS = ['train', 'validation', 'test', 'batch'] as const;
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

/** Points for one recorded training step: '<split> cost' (the batch loss) and '<split> accuracy', split 'train' by default. */
export function stepPoints(record: StepRecord, split: 'train' | 'batch' = 'train'): SeriesPoint[] {
  const { step, epoch } = record;
  return [
    { step, epoch, metric: metricName(split, 'cost'), value: record.loss },
    { step, epoch, metric: metricName(split, 'accuracy'), value: record.accuracy },
  ];
}

/** Points for one evaluation: cost and accuracy for each set it has (the training subset, validation, test). */
export function evalPoints(record: EvalRecord): SeriesPoint[] {
  const { step, epoch } = record;
  const out: SeriesPoint[] = [];
  for (const split of ['train', 'validation', 'test'] as const) {
    const m = record[split];
    if (!m) continue;
    out.push({ step, epoch, metric: metricName(split, 'cost'), value: m.loss });
    out.push({ step, epoch, metric: metricName(split, 'accuracy'), value: m.accuracy });
  }
  return out;
}

/** Appends the step's points to `series` in place (no copy: a long run must not copy its history per record). */
export function pushStep(series: Pick<RunSeries, 'points'>, record: StepRecord, split: 'train' | 'batch' = 'train'): void {
  for (const p of stepPoints(record, split)) series.points.push(p);
}

/** Appends the evaluation's points to `series` in place. */
export function pushEval(series: Pick<RunSeries, 'points'>, record: EvalRecord): void {
  for (const p of evalPoints(record)) series.points.push(p);
}

/** Metrics of `kind` in chart order (train, validation, test, then any others by first appearance). */
export function metricsOf(runs: RunSeries[], kind: MetricKind): string[] {
  const seen = new Set<string>();
  for (const r of runs) for (const p of r.points) if (p.metric.endsWith(` ${kind}`)) seen.add(p.metric);
  const order = (m: string) => {
    const s = parseMetric(m)?.split;
    return s ? SPLITS.indexOf(s) : SPLITS.length;
  };
  return [...seen].sort((a, b) => order(a) - order(b));
}
