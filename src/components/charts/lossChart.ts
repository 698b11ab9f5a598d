/**
 * Learning curves: one line per (run, metric). The current run is drawn strong, previous runs faded and
 * labelled at their line end (numbered, with a legend, on a narrow chart), with an optional reference line (e.g.
 * the entropy floor H(p)), markers for settings changed mid-run, and an optional zoom to the first steps.
 */
import * as Plot from '@observablehq/plot';
import { metricsOf, parseMetric, type MetricKind, type RunSeries } from './series';

export { metricsOf };
import {
  frameOptions,
  FADED_OPACITY,
  formatCost,
  formatValue,
  SPLIT_COLORS,
  PALETTE,
  stepAxisTicks,
  type ChartOptions,
  type ReferenceLine,
} from './theme';
import { changeMarks, type ChangeMark } from './changeMarks';
import { NARROW_WIDTH, runLegend, withLegend } from './runLegend';
import { fitLeftMargin } from './fitMargin';

/** Options of `lossChart`. */
export interface LossChartOptions extends ChartOptions {
  /** Which metrics to draw: '… cost' or '… accuracy'. */
  metric: MetricKind;
  /** x position of each point; default 'step' (axis "iteration"). */
  x?: 'step' | 'epoch';
  referenceLine?: ReferenceLine;
  /** 'run' colours each run (legend of run labels, no end labels): for sweeps. Default 'metric'. */
  colorBy?: 'metric' | 'run';
  /** Logarithmic y-axis (non-positive values are left out). */
  logY?: boolean;
  /** Extra Plot marks drawn over the curves (e.g. `sweetSpotMarks` for the best epoch of each run). */
  marks?: Plot.Markish[];
  /** Settings changed mid-run, at their x (see changeMarks). */
  changes?: ChangeMark[];
  /** Zoom: draw only x ≤ xMax (e.g. the first 100 iterations of 2,500), on an axis from 0 to it. */
  xMax?: number;
  /** What the reader calls the metric kind, e.g. 'loss' for costs: "validation loss" in the legend, tips and y label. */
  kindLabel?: string;
}

/** `metric` in the reader's word for its kind: metricLabel('validation cost', 'loss') === 'validation loss'. */
export function metricLabel(metric: string, kindLabel?: string): string {
  return kindLabel ? metric.replace(/ (cost|accuracy)$/, ` ${kindLabel}`) : metric;
}

/** One drawable point: a SeriesPoint with its run attached. */
export interface LossRow {
  id: string;
  run: string;
  current: boolean;
  /** Run id + metric: one line per key. */
  key: string;
  metric: string;
  step: number;
  epoch: number;
  value: number;
}

/** The rows `lossChart` draws: points of `kind` with a finite value (and > 0 when `logY`). */
export function lossRows(runs: RunSeries[], kind: MetricKind, logY = false): LossRow[] {
  const rows: LossRow[] = [];
  for (const r of runs) {
    for (const p of r.points) {
      if (!p.metric.endsWith(` ${kind}`) || !Number.isFinite(p.value) || (logY && p.value <= 0)) continue;
      rows.push({ id: r.id, run: r.label, current: r.current, key: `${r.id}\u0000${p.metric}`, ...p });
    }
  }
  return rows;
}

/** The hover read-out for one row: run label, metric, x, value (4 decimals). */
export function lossTipText(
  row: LossRow,
  x: 'step' | 'epoch' = 'step',
  xLabel = x === 'step' ? 'iteration' : 'epoch',
  kindLabel?: string,
): string {
  const xv = x === 'step' ? row.step : Number(row.epoch.toFixed(3));
  const kind = row.metric.split(' ').pop();
  // Costs to seven decimals, as the status line gives them: 0.6439737 must not read as 0.6440.
  const value = kind === 'cost' ? formatCost(row.value) : formatValue(row.value);
  return [row.run, metricLabel(row.metric, kindLabel), `${xLabel} ${xv}`, `${kindLabel ?? kind} ${value}`].filter(Boolean).join('\n');
}

/** Colour of a metric: the split's fixed colour, else the next free palette colour. */
function colorRange(metrics: string[]): string[] {
  let spare = 3;
  return metrics.map((m) => SPLIT_COLORS[parseMetric(m)?.split ?? ''] ?? PALETTE[spare++ % PALETTE.length]);
}

/** [0, x] when every row has the same positive x, else undefined (Plot's own domain). */
function singleX(rows: readonly LossRow[], x: 'step' | 'epoch'): [number, number] | undefined {
  if (!rows.length) return undefined;
  const v = rows[0][x];
  return v > 0 && rows.every((r) => r[x] === v) ? [0, v] : undefined;
}

/** [0, 1.1 v] when every row has the same positive value v on a linear axis (one record so far), else undefined. */
function singleY(rows: readonly LossRow[], logY = false): [number, number] | undefined {
  if (logY || !rows.length) return undefined;
  const v = rows[0].value;
  return v > 0 && rows.every((r) => r.value === v) ? [0, v * 1.1] : undefined;
}

/**
 * Cost (or accuracy) against iterations for several runs. Marks carry classes for styling and tests:
 * `lc-line-current`, `lc-line-previous` (stroke-opacity 0.35), `lc-line-halo` (a band of background under each
 * previous run when there is a reference line, so a faded run lying on the dashed rule still shows), `lc-point-single`
 * (a series' only point so far), `lc-line-train` (dashed training curves when coloured by run), `lc-run-label`,
 * `lc-reference`, `lc-reference-label`, `lc-change`, `lc-change-label`. Below NARROW_WIDTH the run labels are
 * numbers and a `lc-run-legend` names them. Returns Plot's figure (legends + SVG).
 */
export function lossChart(runs: RunSeries[], opts: LossChartOptions): Element {
  const x = opts.x ?? 'step';
  const xLabel = opts.xLabel ?? (x === 'step' ? 'iteration' : 'epoch');
  const zoom = opts.xMax !== undefined && opts.xMax > 0 ? opts.xMax : undefined;
  const rows = lossRows(runs, opts.metric, opts.logY).filter((r) => zoom === undefined || r[x] <= zoom);
  const metrics = metricsOf(runs, opts.metric);
  // Colour by run (a sweep: one metric, many runs, a legend of run labels) or by metric (train vs held-out).
  const byRun = opts.colorBy === 'run';
  const labelled = runs.length > 1 && !byRun;
  // At phone width a label per line would take the plot's room: lines end in a number, a legend names the runs.
  const narrow = labelled && (opts.width ?? 640) < NARROW_WIDTH;
  const numberOf = new Map(runs.map((r, k) => [r.id, k + 1]));
  // Each run is labelled once, at the end of its first metric's line.
  const firstMetric = new Map<string, string>();
  for (const m of metrics) for (const r of rows) if (r.metric === m && !firstMetric.has(r.id)) firstMetric.set(r.id, m);
  const ends = rows.filter((r) => labelled && r.run && firstMetric.get(r.id) === r.metric);
  const longest = Math.max(0, ...runs.map((r) => (labelled ? (narrow ? String(runs.length).length : r.label.length) : 0)));
  const ref = opts.referenceLine;
  // Coloured by run, a run's training curve is told from its held-out curve by a dash.
  const dashed = (r: LossRow) => byRun && parseMetric(r.metric)?.split === 'train';
  const line = (current: boolean, dash = false) =>
    Plot.line(
      rows.filter((r) => r.current === current && dashed(r) === dash),
      {
        x,
        y: 'value',
        z: 'key',
        stroke: byRun ? 'run' : 'metric',
        strokeWidth: current ? 2.25 : 1.5,
        strokeOpacity: current ? 1 : FADED_OPACITY,
        strokeDasharray: dash ? '5 3' : undefined,
        className: `${current ? 'lc-line-current' : 'lc-line-previous'}${dash ? ' lc-line-train' : ''}`,
      },
    );
  // A faded run that settled on the reference value would vanish under its dashed rule: a band of background
  // under each previous line cuts the rule there, so the faded line shows through.
  const halo = ref
    ? Plot.line(
        rows.filter((r) => !r.current),
        { x, y: 'value', z: 'key', stroke: 'var(--plot-background)', strokeWidth: 6, strokeLinejoin: 'round', className: 'lc-line-halo' },
      )
    : null;
  // A line needs two points: a series with one so far (the first evaluation) is drawn as a dot.
  const perKey = new Map<string, number>();
  for (const r of rows) perKey.set(r.key, (perKey.get(r.key) ?? 0) + 1);
  const singles = rows.filter((r) => perKey.get(r.key) === 1);
  const endLabels = (current: boolean) =>
    Plot.text(
      ends.filter((r) => r.current === current),
      Plot.selectLast({
        x,
        y: 'value',
        z: 'id',
        text: narrow ? (r: LossRow) => String(numberOf.get(r.id)) : 'run',
        textAnchor: 'start',
        dx: 6,
        fill: 'currentColor',
        fontWeight: current ? 'bold' : 'normal',
        className: 'lc-run-label',
      }),
    );
  const xDomain: [number, number] | undefined = zoom !== undefined ? [0, zoom] : singleX(rows, x);
  // Change markers: those on a zoomed axis, else all (a change just after the latest record widens the axis to it).
  const changes = opts.changes ?? [];
  const xs = [...rows.map((r) => r[x]), ...changes.map((c) => c.x)];
  const [xLo, xHi] = xDomain ?? [Math.min(0, ...xs), Math.max(0, ...xs)];
  const kindLabel = opts.kindLabel;
  const plot = fitLeftMargin((marginLeft) =>
    Plot.plot({
      ...frameOptions(opts),
      marginLeft,
      marginRight: labelled ? Math.min(160, 16 + longest * 7) : 20,
      // One x so far (the first record of a run): an axis from 0 to it, not a degenerate one around it.
      x: {
        label: xLabel,
        labelAnchor: 'right',
        domain: xDomain,
        ...(x === 'step'
          ? stepAxisTicks(
              rows.map((r) => r.step),
              xDomain,
            )
          : {}),
      },
      y: {
        label: opts.yLabel ?? kindLabel ?? opts.metric,
        type: opts.logY ? 'log' : 'linear',
        grid: true,
        domain: opts.metric === 'accuracy' && !opts.logY ? [0, 1] : singleY(rows, opts.logY),
      },
      color: byRun
        ? { domain: runs.map((r) => r.label), range: runs.map((_, k) => PALETTE[k % PALETTE.length]), legend: runs.length > 0 }
        : { domain: metrics, range: colorRange(metrics), legend: metrics.length > 0, tickFormat: (m: string) => metricLabel(m, kindLabel) },
      marks: [
        ref
          ? [
              Plot.ruleY([ref.value], { stroke: 'currentColor', strokeDasharray: '4 3', className: 'lc-reference' }),
              Plot.text([ref], {
                y: 'value',
                text: 'label',
                // Right end, above the rule: the curves start high on the left, where a label would collide.
                frameAnchor: 'right',
                textAnchor: 'end',
                dx: -4,
                dy: -8,
                fill: 'currentColor',
                stroke: 'var(--plot-background)',
                strokeWidth: 4,
                paintOrder: 'stroke',
                className: 'lc-reference-label',
              }),
            ]
          : [],
        halo ?? [],
        line(false),
        line(false, true),
        line(true),
        line(true, true),
        Plot.dot(singles, {
          x,
          y: 'value',
          r: 3,
          fill: byRun ? 'run' : 'metric',
          fillOpacity: (r: LossRow) => (r.current ? 1 : FADED_OPACITY),
          className: 'lc-point-single',
        }),
        endLabels(false),
        endLabels(true),
        changeMarks(changes, xLo, xHi),
        ...(opts.marks ?? []),
        Plot.tip(rows, Plot.pointerX({ x, y: 'value', title: (r: LossRow) => lossTipText(r, x, xLabel, kindLabel) })),
      ],
    }),
  );
  spreadLabels(Array.from(plot.querySelectorAll('g.lc-run-label text')));
  if (!narrow) return plot;
  const entries = runs.map((r) => ({ number: numberOf.get(r.id)!, label: r.label || 'run', current: r.current }));
  return withLegend(opts.document, plot, runLegend(opts.document, entries, FADED_OPACITY));
}

/** Moves end labels apart vertically (at least `gap` px between baselines) so they never overprint. */
export function spreadLabels(labels: Element[], gap = 12): void {
  const pos = labels
    .map((el) => {
      const m = /translate\(([-\d.e]+),\s*([-\d.e]+)\)/.exec(el.getAttribute('transform') ?? '');
      return m ? { el, x: Number(m[1]), y: Number(m[2]) } : null;
    })
    .filter((p) => p !== null)
    .sort((a, b) => a.y - b.y);
  for (let i = 1; i < pos.length; i++) pos[i].y = Math.max(pos[i].y, pos[i - 1].y + gap);
  for (const p of pos) p.el.setAttribute('transform', `translate(${p.x},${p.y})`);
}
