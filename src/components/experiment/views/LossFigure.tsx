/** A learning-curve figure (cost or accuracy) over the shown runs; shared by the cost, accuracy and curves views. */
import { useState } from 'preact/hooks';
import type { ExperimentSpec } from '../../../engine/spec/schema';
import type { MetricKind, Split } from '../../charts/series';
import { lossTable } from '../../charts/tables';
import { formatCost, type ReferenceLine } from '../../charts/theme';
import { changeLabel } from '../changes';
import { ChartFigure } from '../ChartFigure';
import { seriesOf, type Run } from '../store/run';
import { validator } from '../validation';
import { firstPointAt, firstPointText } from './firstPoint';
import type { ViewContext } from './types';

/** Binary entropy H(p) = −p ln p − (1−p) ln(1−p): the cost of predicting the prior for every example. */
export function binaryEntropy(p: number): number {
  if (p <= 0 || p >= 1) return 0;
  return -p * Math.log(p) - (1 - p) * Math.log(1 - p);
}

/**
 * The entropy of the current run's training labels, as a reference line on cost charts; to seven decimals, as the
 * status line gives the cost (H(72/209) = 0.6439737, not 0.6440).
 */
export function priorEntropyLine(ctx: ViewContext): ReferenceLine | undefined {
  const stats = ctx.current?.stats.value;
  if (stats?.trainPositives === undefined) return undefined;
  const h = binaryEntropy(stats.trainPositives / stats.train);
  return { value: h, label: `H(p) = ${formatCost(h)}, p = ${stats.trainPositives}/${stats.train}` };
}

export interface LossFigureOptions {
  /** Splits to draw; default every split except 'batch' (drawn only when asked). */
  splits?: Split[];
  /** Mark each run's epoch of lowest validation loss (the "sweet spot") on the loss chart. */
  bestEpoch?: boolean;
  /** x-axis: recorded steps (default) or epochs. */
  x?: 'step' | 'epoch';
  /**
   * The reader's word for the cost, in the legend, tips, table and empty text ("validation loss"): default 'cost'
   * in the cost view, 'loss' in the curves view (whose title says "Loss").
   */
  costName?: string;
  /** Offer a zoom to the first `zoom` units of the x-axis (e.g. 100 of 2,500 iterations), off until chosen. */
  zoom?: number;
}

/** The run's spec as the engine runs it (defaults filled in), once the validator has loaded; cached per run. */
const parsedSpecs = new WeakMap<Run, ExperimentSpec | null>();
function parsedSpec(run: Run): ExperimentSpec | null {
  const v = validator.value;
  if (!v) return null;
  if (!parsedSpecs.has(run)) {
    const r = v.parseSpec(run.spec);
    parsedSpecs.set(run, r.ok ? r.spec : null);
  }
  return parsedSpecs.get(run) ?? null;
}

const LIVE = new Set(['loading', 'running', 'paused']);

export function LossFigure({
  ctx,
  metric,
  title,
  reference,
  options = {},
}: {
  ctx: ViewContext;
  metric: MetricKind;
  title: string;
  reference?: ReferenceLine;
  options?: LossFigureOptions;
}) {
  // Reading each run's version subscribes this figure to its records.
  ctx.runs.forEach((r) => r.version.value);
  const [zoomed, setZoomed] = useState(false);
  const splits = options.splits ?? ['train', 'validation', 'test'];
  const keep = (m: string) => splits.some((s) => m.startsWith(`${s} `));
  const runs = ctx.runs.map((r) => {
    const s = seriesOf(r, r === ctx.current);
    // Runs without batch points need no filtering (and no copy).
    return (r.spec.record?.trainEval ?? 0) > 0 || options.splits ? { ...s, points: s.points.filter((p) => keep(p.metric)) } : s;
  });
  const x = options.x ?? 'step';
  const xLabel = x === 'epoch' ? 'epoch' : ctx.unit;
  const noun = metric === 'cost' ? (options.costName ?? 'cost') : metric;
  const kindLabel = noun === metric ? undefined : noun;
  const changes = ctx.runs.flatMap((r) =>
    r.changes.map((c) => ({ x: x === 'step' ? c.step : c.epoch, label: changeLabel(c, ctx.unit, x), current: r === ctx.current })),
  );
  const empty = runs.every((r) => r.points.length === 0);
  // A live run with no point yet: say when the first one comes (the end of epoch 1 for curves of evaluations).
  const run = ctx.current;
  const spec = empty && run && LIVE.has(run.phase.value) ? parsedSpec(run) : null;
  const first = spec ? firstPointAt(spec, splits) : null;
  const zoom = options.zoom !== undefined && options.zoom > 0 ? options.zoom : undefined;
  const unitName = x === 'epoch' ? 'epoch' : ctx.unit;
  return (
    <ChartFigure
      title={title}
      filename={ctx.file(metric)}
      table={() => lossTable(runs, { metric, x, xLabel, kindLabel })}
      emptyText={empty ? (first ? firstPointText(first, noun, ctx.unit) : `The ${noun} curve appears here once you train.`) : undefined}
      tools={
        zoom !== undefined && (
          <div class="lc-zoom" role="group" aria-label={`${title}: how much of the x-axis to show`}>
            <button type="button" class="lc-chip" aria-pressed={!zoomed} onClick={() => setZoomed(false)}>
              All {unitName}s
            </button>
            <button type="button" class="lc-chip" aria-pressed={zoomed} onClick={() => setZoomed(true)}>
              First {zoom.toLocaleString('en')} {unitName}s
            </button>
          </div>
        )
      }
      build={(plots, document, width) =>
        plots.lossChart(runs, {
          document,
          width,
          metric,
          x,
          xLabel,
          kindLabel,
          referenceLine: reference,
          changes,
          xMax: zoomed ? zoom : undefined,
          marks: options.bestEpoch && metric === 'cost' ? plots.sweetSpotMarks(plots.bestEpochMarks(runs), { x, xLabel }) : undefined,
        })
      }
    />
  );
}
