/**
 * A sweep over one numeric setting: final cost against its value (a log x-axis when the values span a decade or more,
 * as learning rates do), dots joined by a line, with diverged runs marked "×" at the top of the frame (they have no
 * final cost to plot).
 */
import * as Plot from '@observablehq/plot';
import { fitLeftMargin } from './fitMargin';
import { frameOptions, formatCost, PALETTE, type ChartOptions, type ReferenceLine } from './theme';
import { isDiverged, type SweepPoint } from './sweepPoints';

export { isDiverged, type SweepPoint };

/** Options of `sweepChart`. */
export interface SweepChartOptions extends ChartOptions {
  referenceLine?: ReferenceLine;
  /** Logarithmic y-axis. */
  logY?: boolean;
  /** Every value the sweep will try: each gets a labelled tick, and the axis spans them before they finish. */
  values?: number[];
  /** The swept setting's name, on the axis and in the tips: "learning rate", "batch size". */
  valueLabel: string;
}

/** A log x-axis when every value is positive and they span at least a factor of 10. */
export function logAxis(values: readonly number[]): boolean {
  const v = values.filter(Number.isFinite);
  return v.length > 1 && v.every((x) => x > 0) && Math.max(...v) / Math.min(...v) >= 10;
}

/** Hover read-out of one sweep point. */
export function sweepTipText(p: SweepPoint, valueLabel: string): string {
  return [p.label, `${valueLabel} ${p.value}`, isDiverged(p) ? 'diverged' : `final cost ${formatCost(p.finalCost)}`]
    .filter(Boolean)
    .join('\n');
}

/**
 * Final cost vs the swept value. Classes: `lc-sweep-line`, `lc-sweep-dot`, `lc-diverged-mark` ("×"),
 * `lc-diverged-label` ("diverged"), `lc-reference`, `lc-reference-label`. Returns Plot's SVG.
 */
export function sweepChart(points: SweepPoint[], opts: SweepChartOptions): Element {
  const values = [...new Set([...(opts.values ?? []), ...points.map((p) => p.value)].filter((v) => Number.isFinite(v)))].sort(
    (a, b) => a - b,
  );
  const log = logAxis(values);
  const ok = points
    .filter((p) => !isDiverged(p) && (!opts.logY || p.finalCost > 0) && (!log || p.value > 0))
    .sort((a, b) => a.value - b.value);
  const diverged = points.filter((p) => isDiverged(p) && Number.isFinite(p.value) && (!log || p.value > 0));
  const ref = opts.referenceLine;
  const hasY = ok.length > 0 || ref !== undefined;
  // Ticks at the swept values themselves when there are few of them (0.01, 0.03, 0.1…), each labelled:
  // a log axis left to itself labels only some ticks of a decade (0.02, 0.18 and 1 of six rates).
  const labelled = values.length > 0 && values.length <= 12;
  const xLabel = opts.xLabel ?? opts.valueLabel;
  const tip = (p: SweepPoint) => sweepTipText(p, opts.valueLabel);
  return fitLeftMargin((marginLeft) =>
    Plot.plot({
      ...frameOptions(opts),
      marginLeft,
      marginTop: 34,
      marginRight: diverged.length ? 32 : undefined,
      x: {
        type: log ? 'log' : 'linear',
        label: xLabel,
        labelAnchor: 'right',
        ...(values.length > 1 ? { domain: [values[0], values[values.length - 1]] } : {}),
      },
      y: { type: opts.logY ? 'log' : 'linear', label: opts.yLabel ?? 'final cost', grid: true, domain: hasY ? undefined : [0, 1] },
      marks: [
        labelled ? Plot.axisX(values, { label: xLabel, labelAnchor: 'right', text: (v: number) => String(v) }) : [],
        ref
          ? [
              Plot.ruleY([ref.value], { stroke: 'currentColor', strokeDasharray: '4 3', className: 'lc-reference' }),
              Plot.text([ref], {
                y: 'value',
                text: 'label',
                frameAnchor: 'left',
                textAnchor: 'start',
                dx: 4,
                dy: -7,
                fill: 'currentColor',
                className: 'lc-reference-label',
              }),
            ]
          : [],
        Plot.line(ok, { x: 'value', y: 'finalCost', stroke: PALETTE[0], strokeWidth: 1.75, className: 'lc-sweep-line' }),
        Plot.dot(ok, { x: 'value', y: 'finalCost', fill: PALETTE[0], r: 3.5, className: 'lc-sweep-dot' }),
        Plot.text(diverged, {
          x: 'value',
          text: () => '×',
          frameAnchor: 'top',
          dy: -12,
          fontSize: 18,
          fill: 'currentColor',
          title: tip,
          className: 'lc-diverged-mark',
        }),
        Plot.text(diverged, {
          x: 'value',
          text: () => 'diverged',
          frameAnchor: 'top',
          dy: 4,
          fill: 'currentColor',
          className: 'lc-diverged-label',
        }),
        Plot.tip(ok, Plot.pointerX({ x: 'value', y: 'finalCost', title: tip })),
      ],
    }),
  );
}
