/** A learning-curve figure (cost or accuracy) over the shown runs; shared by the cost, accuracy and curves views. */
import type { MetricKind, Split } from '../../charts/series';
import { lossTable } from '../../charts/tables';
import type { ReferenceLine } from '../../charts/theme';
import { ChartFigure } from '../ChartFigure';
import { seriesOf } from '../store/run';
import type { ViewContext } from './types';

/** Binary entropy H(p) = −p ln p − (1−p) ln(1−p): the cost of predicting the prior for every example. */
export function binaryEntropy(p: number): number {
  if (p <= 0 || p >= 1) return 0;
  return -p * Math.log(p) - (1 - p) * Math.log(1 - p);
}

/** The entropy of the current run's training labels, as a reference line on cost charts. */
export function priorEntropyLine(ctx: ViewContext): ReferenceLine | undefined {
  const stats = ctx.current?.stats.value;
  if (stats?.trainPositives === undefined) return undefined;
  const h = binaryEntropy(stats.trainPositives / stats.train);
  return { value: h, label: `H(p) = ${h.toFixed(4)}, p = ${stats.trainPositives}/${stats.train}` };
}

export interface LossFigureOptions {
  /** Splits to draw; default every split except 'batch' (drawn only when asked). */
  splits?: Split[];
  /** Mark each run's epoch of lowest validation loss (the "sweet spot") on the loss chart. */
  bestEpoch?: boolean;
  /** x-axis: recorded steps (default) or epochs. */
  x?: 'step' | 'epoch';
}

export function LossFigure({ ctx, metric, title, reference, options = {} }: { ctx: ViewContext; metric: MetricKind; title: string; reference?: ReferenceLine; options?: LossFigureOptions }) {
  // Reading each run's version subscribes this figure to its records.
  ctx.runs.forEach((r) => r.version.value);
  const splits = options.splits ?? ['train', 'validation', 'test'];
  const keep = (m: string) => splits.some((s) => m.startsWith(`${s} `));
  const runs = ctx.runs.map((r) => {
    const s = seriesOf(r, r === ctx.current);
    // Runs without batch points need no filtering (and no copy).
    return (r.spec.record?.trainEval ?? 0) > 0 || options.splits ? { ...s, points: s.points.filter((p) => keep(p.metric)) } : s;
  });
  const x = options.x ?? 'step';
  const xLabel = x === 'epoch' ? 'epoch' : ctx.unit;
  const empty = runs.every((r) => r.points.length === 0);
  return (
    <ChartFigure
      title={title}
      filename={ctx.file(metric)}
      table={() => lossTable(runs, { metric, x, xLabel })}
      emptyText={empty ? `The ${metric} curve appears here once you train.` : undefined}
      build={(plots, document, width) =>
        plots.lossChart(runs, {
          document,
          width,
          metric,
          x,
          xLabel,
          referenceLine: reference,
          marks: options.bestEpoch && metric === 'cost' ? plots.sweetSpotMarks(plots.bestEpochMarks(runs), { x, xLabel }) : undefined,
        })
      }
    />
  );
}
