/**
 * Learning-rate sweep: final cost against learning rate on a log x-axis, dots joined by a line, with
 * diverged runs marked "×" at the top of the frame (they have no final cost to plot).
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
  /** Every learning rate the sweep will try: each gets a labelled tick, and the axis spans them before they finish. */
  learningRates?: number[];
}

/** Hover read-out of one sweep point. */
export function sweepTipText(p: SweepPoint): string {
  return [p.label, `learning rate ${p.learningRate}`, isDiverged(p) ? 'diverged' : `final cost ${formatCost(p.finalCost)}`].filter(Boolean).join('\n');
}

/**
 * Final cost vs learning rate. Classes: `lc-sweep-line`, `lc-sweep-dot`, `lc-diverged-mark` ("×"),
 * `lc-diverged-label` ("diverged"), `lc-reference`, `lc-reference-label`. Returns Plot's SVG.
 */
export function sweepChart(points: SweepPoint[], opts: SweepChartOptions): Element {
  const ok = points.filter((p) => !isDiverged(p) && (!opts.logY || p.finalCost > 0)).sort((a, b) => a.learningRate - b.learningRate);
  const diverged = points.filter((p) => isDiverged(p) && p.learningRate > 0);
  const ref = opts.referenceLine;
  const hasY = ok.length > 0 || ref !== undefined;
  // Ticks at the swept learning rates themselves when there are few of them (0.01, 0.03, 0.1…), each labelled:
  // a log axis left to itself labels only some ticks of a decade (0.02, 0.18 and 1 of six rates).
  const rates = [...new Set([...(opts.learningRates ?? []), ...points.map((p) => p.learningRate)].filter((v) => Number.isFinite(v) && v > 0))].sort((a, b) => a - b);
  const labelled = rates.length > 0 && rates.length <= 12;
  const xLabel = opts.xLabel ?? 'learning rate';
  return fitLeftMargin((marginLeft) => Plot.plot({
    ...frameOptions(opts),
    marginLeft,
    marginTop: 34,
    marginRight: diverged.length ? 32 : undefined,
    x: {
      type: 'log',
      label: xLabel,
      labelAnchor: 'right',
      ...(rates.length > 1 ? { domain: [rates[0], rates[rates.length - 1]] } : {}),
    },
    y: { type: opts.logY ? 'log' : 'linear', label: opts.yLabel ?? 'final cost', grid: true, domain: hasY ? undefined : [0, 1] },
    marks: [
      labelled ? Plot.axisX(rates, { label: xLabel, labelAnchor: 'right', text: (v: number) => String(v) }) : [],
      ref
        ? [
            Plot.ruleY([ref.value], { stroke: 'currentColor', strokeDasharray: '4 3', className: 'lc-reference' }),
            Plot.text([ref], { y: 'value', text: 'label', frameAnchor: 'left', textAnchor: 'start', dx: 4, dy: -7, fill: 'currentColor', className: 'lc-reference-label' }),
          ]
        : [],
      Plot.line(ok, { x: 'learningRate', y: 'finalCost', stroke: PALETTE[0], strokeWidth: 1.75, className: 'lc-sweep-line' }),
      Plot.dot(ok, { x: 'learningRate', y: 'finalCost', fill: PALETTE[0], r: 3.5, className: 'lc-sweep-dot' }),
      Plot.text(diverged, {
        x: 'learningRate',
        text: () => '×',
        frameAnchor: 'top',
        dy: -12,
        fontSize: 18,
        fill: 'currentColor',
        title: sweepTipText,
        className: 'lc-diverged-mark',
      }),
      Plot.text(diverged, { x: 'learningRate', text: () => 'diverged', frameAnchor: 'top', dy: 4, fill: 'currentColor', className: 'lc-diverged-label' }),
      Plot.tip(ok, Plot.pointerX({ x: 'learningRate', y: 'finalCost', title: sweepTipText })),
    ],
  }));
}
