/**
 * Learning curves: one line per (run, metric). The current run is drawn strong, previous runs faded and
 * labelled at their line end, with an optional reference line (e.g. the entropy floor H(p)).
 */
import * as Plot from '@observablehq/plot';
import { metricsOf, parseMetric, type MetricKind, type RunSeries } from './series';

export { metricsOf };
import { frameOptions, FADED_OPACITY, formatValue, SPLIT_COLORS, PALETTE, stepAxisTicks, type ChartOptions, type ReferenceLine } from './theme';

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
export function lossTipText(row: LossRow, x: 'step' | 'epoch' = 'step', xLabel = x === 'step' ? 'iteration' : 'epoch'): string {
  const xv = x === 'step' ? row.step : Number(row.epoch.toFixed(3));
  return [row.run, row.metric, `${xLabel} ${xv}`, `${row.metric.split(' ').pop()} ${formatValue(row.value)}`].filter(Boolean).join('\n');
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
 * `lc-line-current`, `lc-line-previous` (stroke-opacity 0.35), `lc-point-single` (a series' only point so far), `lc-line-train` (dashed training curves when coloured by run), `lc-run-label`, `lc-reference`,
 * `lc-reference-label`. Returns Plot's figure (metric legend + SVG).
 */
export function lossChart(runs: RunSeries[], opts: LossChartOptions): Element {
  const x = opts.x ?? 'step';
  const xLabel = opts.xLabel ?? (x === 'step' ? 'iteration' : 'epoch');
  const rows = lossRows(runs, opts.metric, opts.logY);
  const metrics = metricsOf(runs, opts.metric);
  // Colour by run (a sweep: one metric, many runs, a legend of run labels) or by metric (train vs held-out).
  const byRun = opts.colorBy === 'run';
  const labelled = runs.length > 1 && !byRun;
  // Each run is labelled once, at the end of its first metric's line.
  const firstMetric = new Map<string, string>();
  for (const m of metrics) for (const r of rows) if (r.metric === m && !firstMetric.has(r.id)) firstMetric.set(r.id, m);
  const ends = rows.filter((r) => labelled && r.run && firstMetric.get(r.id) === r.metric);
  const longest = Math.max(0, ...runs.map((r) => (labelled ? r.label.length : 0)));
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
        text: 'run',
        textAnchor: 'start',
        dx: 6,
        fill: 'currentColor',
        fontWeight: current ? 'bold' : 'normal',
        className: 'lc-run-label',
      }),
    );
  const xDomain = singleX(rows, x);
  const figure = Plot.plot({
    ...frameOptions(opts),
    marginRight: labelled ? Math.min(160, 16 + longest * 6) : 20,
    // One x so far (the first record of a run): an axis from 0 to it, not a degenerate one around it.
    x: { label: xLabel, labelAnchor: 'right', domain: xDomain, ...(x === 'step' ? stepAxisTicks(rows.map((r) => r.step), xDomain) : {}) },
    y: {
      label: opts.yLabel ?? opts.metric,
      type: opts.logY ? 'log' : 'linear',
      grid: true,
      domain: opts.metric === 'accuracy' && !opts.logY ? [0, 1] : singleY(rows, opts.logY),
    },
    color: byRun
      ? { domain: runs.map((r) => r.label), range: runs.map((_, k) => PALETTE[k % PALETTE.length]), legend: runs.length > 0 }
      : { domain: metrics, range: colorRange(metrics), legend: metrics.length > 0 },
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
      line(false),
      line(false, true),
      line(true),
      line(true, true),
      Plot.dot(singles, { x, y: 'value', r: 3, fill: byRun ? 'run' : 'metric', fillOpacity: (r: LossRow) => (r.current ? 1 : FADED_OPACITY), className: 'lc-point-single' }),
      endLabels(false),
      endLabels(true),
      ...(opts.marks ?? []),
      Plot.tip(rows, Plot.pointerX({ x, y: 'value', title: (r: LossRow) => lossTipText(r, x, xLabel) })),
    ],
  });
  spreadLabels(Array.from(figure.querySelectorAll('g.lc-run-label text')));
  return figure;
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
