/**
 * Each hidden ReLU unit's largest pre-activation z over the batch, per recorded step: one line per unit and a rule
 * at z = 0. A line that crosses below the rule and stays there is a unit that no example switches on any more —
 * dead, with an exactly zero gradient.
 */
import * as Plot from '@observablehq/plot';
import { preActivationRows, unitCount, unitName, type PreActivationRecord, type PreActivationRow } from './preActivations';
import { formatValue, frameOptions, PALETTE, stepAxisTicks, type ChartOptions } from './theme';

/** Options of `preActivationChart`. */
export interface PreActivationChartOptions extends ChartOptions {
  /** The ReLU layer (index in the model's layer list); default the first one recorded. */
  layer?: number;
  /** Text beside the rule at z = 0, e.g. 'below 0: off for every image'. None by default. */
  zeroLabel?: string;
}

/**
 * One line per unit ("unit 1", "unit 2"…, coloured in unit order, with a legend and hover read-outs); a unit with
 * one point so far is a dot. Classes: `lc-preact-line`, `lc-preact-point`, `lc-preact-zero` (the rule at 0),
 * `lc-preact-zero-label`. Returns Plot's figure.
 */
export function preActivationChart(records: readonly PreActivationRecord[], opts: PreActivationChartOptions): Element {
  const rows = preActivationRows(records, opts.layer);
  const names = Array.from({ length: unitCount(records, opts.layer) }, (_, u) => unitName(u));
  const xLabel = opts.xLabel ?? 'iteration';
  const perUnit = new Map<number, number>();
  for (const r of rows) perUnit.set(r.unit, (perUnit.get(r.unit) ?? 0) + 1);
  const steps = rows.map((r) => r.step);
  const lo = steps.reduce((a, b) => Math.min(a, b), Infinity);
  const hi = steps.reduce((a, b) => Math.max(a, b), -Infinity);
  // A single step so far: an axis from 0 to it, so the dots do not sit on the frame's edge.
  const xDomain: [number, number] | undefined = rows.length && lo === hi ? [0, Math.max(1, hi)] : undefined;
  return Plot.plot({
    ...frameOptions(opts),
    x: { label: xLabel, labelAnchor: 'right', domain: xDomain, ...stepAxisTicks(steps, xDomain) },
    // 0 always in view: the line that matters is the one at z = 0.
    y: { label: opts.yLabel ?? 'largest z over the batch', grid: true, nice: true, domain: yDomain(rows) },
    color: { domain: names, range: names.map((_, k) => PALETTE[k % PALETTE.length]), legend: names.length > 0 },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeDasharray: '4 3', className: 'lc-preact-zero' }),
      Plot.line(rows, { x: 'step', y: 'z', z: 'name', stroke: 'name', strokeWidth: 1.75, className: 'lc-preact-line' }),
      Plot.dot(
        rows.filter((r) => perUnit.get(r.unit) === 1),
        { x: 'step', y: 'z', r: 3, fill: 'name', className: 'lc-preact-point' },
      ),
      // After the lines, with a halo: legible where a line passes under it.
      opts.zeroLabel
        ? Plot.text([{ z: 0, label: opts.zeroLabel }], {
            y: 'z',
            text: 'label',
            frameAnchor: 'right',
            textAnchor: 'end',
            lineAnchor: 'bottom',
            dx: -4,
            dy: -4,
            fill: 'currentColor',
            stroke: 'var(--plot-background)',
            strokeWidth: 3,
            paintOrder: 'stroke',
            className: 'lc-preact-zero-label',
          })
        : [],
      Plot.tip(
        rows,
        Plot.pointerX({
          x: 'step',
          y: 'z',
          title: (r: PreActivationRow) =>
            `${r.name}\n${xLabel} ${r.step}\nlargest z ${formatValue(r.z)}${r.z <= 0 ? ' (≤ 0: off for the whole batch)' : ''}`,
        }),
      ),
    ],
  });
}

/** From the smallest value (or 0) to the largest (or 0): the rule at 0 is always inside the frame. */
function yDomain(rows: readonly PreActivationRow[]): [number, number] {
  let lo = 0;
  let hi = 0;
  for (const r of rows) [lo, hi] = [Math.min(lo, r.z), Math.max(hi, r.z)];
  return lo === hi ? [-1, 1] : [lo, hi];
}
