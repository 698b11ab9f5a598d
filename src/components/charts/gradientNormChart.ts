/**
 * Gradient norms per parameter (W1, b1, W2, b2…) over iterations, on a symlog y-axis: decades are evenly
 * spaced like a log axis, yet an exact 0 has its own place at the bottom (a log axis cannot show it).
 */
import * as Plot from '@observablehq/plot';
import { fitLeftMargin } from './fitMargin';
import { frameOptions, formatValue, PALETTE, stepAxisTicks, type ChartOptions } from './theme';

/** One instrumented step: ‖∂J/∂θ‖ per parameter (a subset of InstrumentRecord + StepRecord.step). */
export interface GradNormRecord {
  step: number;
  params: { name: string; gradNorm: number }[];
}

/** Options of `gradientNormChart`. */
export interface GradientNormChartOptions extends ChartOptions {
  /** Vertical rule where a gradient became exactly zero, e.g. { step: 412, label: '‖dW1‖ = 0 from iteration 412' }. */
  firstZero?: { step: number; label: string };
}

/** One drawable point. */
export interface GradNormRow {
  step: number;
  name: string;
  gradNorm: number;
}

/** Flattens records to rows, leaving out non-finite norms. */
export function gradNormRows(records: GradNormRecord[]): GradNormRow[] {
  return records.flatMap((r) =>
    r.params.filter((p) => Number.isFinite(p.gradNorm)).map((p) => ({ step: r.step, name: p.name, gradNorm: p.gradNorm })),
  );
}

/**
 * Symlog constant and ticks for values in [0, max] whose smallest positive value is `minPositive`:
 * the constant is minPositive's decade, ticks are 0 and the powers of ten up to max (thinned to at most ~7).
 */
export function symlogTicks(minPositive: number, max: number): { constant: number; ticks: number[] } {
  if (!(minPositive > 0) || !(max > 0)) return { constant: 1, ticks: [0, 1] };
  const lo = Math.floor(Math.log10(minPositive));
  const hi = Math.max(lo, Math.floor(Math.log10(max)));
  const every = Math.max(1, Math.ceil((hi - lo + 1) / 6));
  const ticks = [0];
  for (let e = hi; e >= lo; e -= every) ticks.push(Number(`1e${e}`));
  return { constant: Number(`1e${lo}`), ticks: ticks.sort((a, b) => a - b) };
}

/** Tick label: "0", plain numbers from 0.01 to 1000, otherwise "1e-6". */
export function formatTick(v: number): string {
  if (v === 0) return '0';
  if (v >= 0.01 && v <= 1000) return String(Number(v.toPrecision(6)));
  return `1e${Math.round(Math.log10(v))}`;
}

/**
 * The axes while every row is at one step (a single Step so far): x from 0 to that step, y from 0 up to the
 * power of ten at or above the largest norm, so each point sits inside the frame below a labelled tick.
 */
function singleStepAxes(
  rows: readonly GradNormRow[],
  ticks: number[],
): { x: [number, number]; y: [number, number]; ticks: number[] } | null {
  if (!rows.length || rows.some((r) => r.step !== rows[0].step)) return null;
  const max = rows.reduce((m, r) => Math.max(m, r.gradNorm), 0);
  const top = max > 0 ? Number(`1e${Math.ceil(Math.log10(max))}`) : ticks[ticks.length - 1];
  return { x: [0, Math.max(1, rows[0].step)], y: [0, top], ticks: ticks.includes(top) ? ticks : [...ticks, top] };
}

/**
 * One line per parameter, coloured in parameter order, with a metric legend and hover read-outs; a parameter
 * with one point so far is a dot. Classes: `lc-gradnorm-line`, `lc-gradnorm-point`, `lc-first-zero` (rule),
 * `lc-first-zero-label`. Returns Plot's figure.
 */
export function gradientNormChart(records: GradNormRecord[], opts: GradientNormChartOptions): Element {
  const rows = gradNormRows(records);
  const names = [...new Set(rows.map((r) => r.name))];
  const positives = rows.map((r) => r.gradNorm).filter((v) => v > 0);
  const { constant, ticks } = symlogTicks(
    positives.reduce((a, b) => Math.min(a, b), Infinity),
    positives.reduce((a, b) => Math.max(a, b), 0),
  );
  const xLabel = opts.xLabel ?? 'iteration';
  const fz = opts.firstZero;
  const mid = rows.length ? (rows[0].step + rows[rows.length - 1].step) / 2 : 0;
  const right = fz !== undefined && fz.step > mid;
  const single = singleStepAxes(rows, ticks);
  const perName = new Map<string, number>();
  for (const r of rows) perName.set(r.name, (perName.get(r.name) ?? 0) + 1);
  return fitLeftMargin((marginLeft) =>
    Plot.plot({
      ...frameOptions(opts),
      marginLeft,
      x: {
        label: xLabel,
        labelAnchor: 'right',
        domain: single?.x,
        ...stepAxisTicks(
          rows.map((r) => r.step),
          single?.x,
        ),
      },
      y: {
        type: 'symlog',
        constant,
        ticks: single?.ticks ?? ticks,
        domain: single?.y,
        tickFormat: formatTick,
        label: opts.yLabel ?? 'gradient norm',
        grid: true,
      },
      color: { domain: names, range: names.map((_, k) => PALETTE[k % PALETTE.length]), legend: names.length > 0 },
      marks: [
        fz
          ? [
              Plot.ruleX([fz.step], { stroke: 'currentColor', strokeDasharray: '4 3', className: 'lc-first-zero' }),
              Plot.text([fz], {
                x: 'step',
                text: 'label',
                frameAnchor: 'top',
                textAnchor: right ? 'end' : 'start',
                dx: right ? -4 : 4,
                dy: 4,
                lineAnchor: 'top',
                fill: 'currentColor',
                className: 'lc-first-zero-label',
              }),
            ]
          : [],
        Plot.line(rows, { x: 'step', y: 'gradNorm', z: 'name', stroke: 'name', strokeWidth: 1.75, className: 'lc-gradnorm-line' }),
        Plot.dot(
          rows.filter((r) => perName.get(r.name) === 1),
          { x: 'step', y: 'gradNorm', r: 3, fill: 'name', className: 'lc-gradnorm-point' },
        ),
        Plot.tip(
          rows,
          Plot.pointerX({
            x: 'step',
            y: 'gradNorm',
            title: (r: GradNormRow) => `${r.name}\n${xLabel} ${r.step}\n‖∇‖ ${r.gradNorm === 0 ? '0 (exactly)' : formatValue(r.gradNorm)}`,
          }),
        ),
      ],
    }),
  );
}
