/**
 * The "sweet spot" of a run: the evaluation with the lowest validation loss, where early stopping would
 * have kept the weights (`bestEpoch`, in `src/metrics/bestEpoch.ts`, finds it; re-exported here).
 * `bestEpochMarks` finds it per run; `sweetSpotMarks` draws it on a Plot chart whose x is 'epoch' or 'step' and
 * y the loss, e.g. as extra marks of a loss chart.
 */
import * as Plot from '@observablehq/plot';
import { bestEpoch, type LossPoint } from '../../metrics/bestEpoch';
import { formatValue } from './theme';

export { bestEpoch, type LossPoint } from '../../metrics/bestEpoch';

/** The sweet spot of one run. */
export interface BestEpochMark {
  id: string;
  label: string;
  epoch: number;
  step?: number;
  value: number;
  /** Whether the run is drawn strong (current) or faded. */
  current: boolean;
  /** The metric it is the lowest of; default 'validation cost'. */
  metric?: string;
  /** The last epoch and step of any run drawn with it (the chart's right edge), to keep its label inside. */
  end?: { epoch: number; step?: number };
}

/** One mark per run that has a finite point of `metric` (a RunSeries fits: id, label, current, points). */
export function bestEpochMarks(
  runs: readonly { id: string; label: string; current?: boolean; points: readonly LossPoint[] }[],
  metric = 'validation cost',
): BestEpochMark[] {
  const out: BestEpochMark[] = [];
  const end: { epoch: number; step?: number } = { epoch: -Infinity };
  for (const r of runs)
    for (const p of r.points) {
      end.epoch = Math.max(end.epoch, p.epoch);
      if (p.step !== undefined) end.step = Math.max(end.step ?? -Infinity, p.step);
    }
  for (const r of runs) {
    const b = bestEpoch(r.points, metric);
    if (b) out.push({ id: r.id, label: r.label, epoch: b.epoch, step: b.step, value: b.value, current: r.current ?? true, end, metric });
  }
  return out;
}

/** "lowest validation loss 0.2512 at epoch 7" (with the run label first when given). */
export function sweetSpotText(mark: BestEpochMark, x: 'epoch' | 'step' = 'epoch', xLabel = x === 'step' ? 'iteration' : 'epoch'): string {
  const at = x === 'step' ? mark.step : Number(mark.epoch.toFixed(3));
  const what = (mark.metric ?? 'validation cost').replace(/ cost$/, ' loss');
  return `${mark.label ? `${mark.label}: ` : ''}lowest ${what} ${formatValue(mark.value)} at ${xLabel} ${at}`;
}

/**
 * Plot marks for the sweet spots: a dashed vertical rule at each, a ring on the point, and for current
 * runs a label "best: epoch 7" at the top of the rule (where loss curves rarely are). Earlier runs are
 * fainter. Classes: `lc-sweet-rule`, `lc-sweet-dot`, `lc-sweet-label`; rings carry the full sentence as
 * their title.
 */
export function sweetSpotMarks(marks: readonly BestEpochMark[], opts: { x?: 'epoch' | 'step'; xLabel?: string } = {}): Plot.Markish[] {
  const x = opts.x ?? 'epoch';
  const xLabel = opts.xLabel ?? (x === 'step' ? 'iteration' : 'epoch');
  const usable = marks.filter((m) => x === 'epoch' || m.step !== undefined);
  const title = (m: BestEpochMark) => sweetSpotText(m, x, xLabel);
  // A label in the right part of the chart reads leftwards from its rule, so it is never cut at the edge.
  const leftward = (m: BestEpochMark) => {
    const at = x === 'step' ? m.step! : m.epoch;
    const end = x === 'step' ? m.end?.step : m.end?.epoch;
    return end !== undefined && end > 0 && at > 0.6 * end;
  };
  const label = (some: BestEpochMark[], toLeft: boolean) =>
    Plot.text(
      some.filter((m) => leftward(m) === toLeft),
      {
        x,
        text: (m: BestEpochMark) => `best: ${xLabel} ${x === 'step' ? m.step : Number(m.epoch.toFixed(3))}`,
        frameAnchor: 'top',
        textAnchor: toLeft ? 'end' : 'start',
        lineAnchor: 'top',
        dx: toLeft ? -4 : 4,
        dy: 4,
        fill: 'currentColor',
        stroke: 'var(--plot-background)',
        strokeWidth: 3,
        paintOrder: 'stroke',
        className: 'lc-sweet-label',
      },
    );
  return [false, true].map((current) => {
    const some = usable.filter((m) => m.current === current);
    return [
      Plot.ruleX(some, {
        x,
        stroke: 'currentColor',
        strokeOpacity: current ? 0.6 : 0.25,
        strokeDasharray: '2 3',
        className: 'lc-sweet-rule',
      }),
      Plot.dot(some, {
        x,
        y: 'value',
        r: 6,
        fill: 'none',
        stroke: 'currentColor',
        strokeWidth: 2,
        strokeOpacity: current ? 1 : 0.35,
        title,
        className: 'lc-sweet-dot',
      }),
      current ? [label(some, false), label(some, true)] : [],
    ];
  });
}
