/**
 * "Show data" tables for the charts, and CSV export. Each builder returns the same numbers its chart draws,
 * as `{ columns, rows }` for an HTML table; `toCsv` turns that into RFC 4180 text.
 */
import { deadCount, type DeadUnitsLayer } from './deadUnitsMeter';
import type { GradNormRecord } from './gradientNormChart';
import { metricsOf, type MetricKind, type RunSeries } from './series';
import { isDiverged, type SweepPoint } from './sweepPoints';
import { round4, roundCost } from './theme';

/** A table: header cells and rows of the same length. Missing values are ''. */
export interface DataTable {
  columns: string[];
  rows: (string | number)[][];
}

/** Alias of DataTable. */
export type Table = DataTable;

/** Options of `lossTable`. */
export interface LossTableOptions {
  /** Only costs or only accuracies; default both. */
  metric?: MetricKind;
  /** Row key; default 'step'. */
  x?: 'step' | 'epoch';
  /** Header of the first column; default "iteration" (or "epoch"). */
  xLabel?: string;
  /** The reader's word for the metric kind in headers, e.g. 'loss': "validation loss" for 'validation cost'. */
  kindLabel?: string;
}

/**
 * One row per step (sorted), one column per (run, metric) headed "<run label> · <metric>"; costs rounded to
 * seven decimals (as the status line gives them), accuracies to 4, '' where that run has no value at that step. Non-finite values show as NaN/Infinity.
 * `options` may be just the metric: lossTable(runs, 'cost').
 */
export function lossTable(runs: RunSeries[], options: LossTableOptions | MetricKind = {}): DataTable {
  const opts = typeof options === 'string' ? { metric: options } : options;
  const x = opts.x ?? 'step';
  const kinds: MetricKind[] = opts.metric ? [opts.metric] : ['cost', 'accuracy'];
  const columns: { run: RunSeries; metric: string }[] = [];
  for (const run of runs) for (const kind of kinds) for (const metric of metricsOf([run], kind)) columns.push({ run, metric });
  const byX = new Map<number, Map<number, number>>();
  columns.forEach(({ run, metric }, c) => {
    for (const p of run.points) {
      if (p.metric !== metric) continue;
      const key = x === 'step' ? p.step : round4(p.epoch);
      if (!byX.has(key)) byX.set(key, new Map());
      byX.get(key)!.set(c, metric.endsWith(' cost') ? roundCost(p.value) : round4(p.value));
    }
  });
  const xs = [...byX.keys()].sort((a, b) => a - b);
  return {
    columns: [
      opts.xLabel ?? (x === 'step' ? 'iteration' : 'epoch'),
      ...columns.map(({ run, metric }) => {
        const name = opts.kindLabel ? metric.replace(/ (cost|accuracy)$/, ` ${opts.kindLabel}`) : metric;
        return run.label ? `${run.label} · ${name}` : name;
      }),
    ],
    rows: xs.map((v) => [v, ...columns.map((_, c) => byX.get(v)!.get(c) ?? '')]),
  };
}

/**
 * One row per record, one column per parameter (in first-seen order). Norms keep 4 significant digits,
 * not 4 decimals, so a tiny gradient never reads as an exact 0.
 */
export function gradientNormTable(records: GradNormRecord[], xLabel = 'iteration'): DataTable {
  const names: string[] = [];
  for (const r of records) for (const p of r.params) if (!names.includes(p.name)) names.push(p.name);
  return {
    columns: [xLabel, ...names],
    rows: records.map((r) => [
      r.step,
      ...names.map((n) => {
        const v = r.params.find((p) => p.name === n)?.gradNorm;
        return v === undefined ? '' : Number.isFinite(v) ? Number(v.toPrecision(4)) : v;
      }),
    ]),
  };
}

/** Alias of gradientNormTable. */
export const gradientTable = gradientNormTable;

/** One row per sweep run, sorted by the swept value: that value, final cost (7 decimals, '' if diverged), status. */
export function sweepTable(points: SweepPoint[], valueLabel: string): DataTable {
  const labelled = points.some((p) => p.label);
  const sorted = [...points].sort((a, b) => a.value - b.value);
  return {
    columns: [...(labelled ? ['run'] : []), valueLabel, 'final cost', 'status'],
    rows: sorted.map((p) => [
      ...(labelled ? [p.label ?? ''] : []),
      p.value,
      isDiverged(p) ? '' : roundCost(p.finalCost),
      isDiverged(p) ? 'diverged' : 'finished',
    ]),
  };
}

/** One row per unit ("yes"/"no" dead); with only a count, a single row of units and dead units. */
export function deadUnitsTable(layer: DeadUnitsLayer): DataTable {
  if (layer.dead) return { columns: ['unit', 'dead'], rows: layer.dead.map((d, k) => [k + 1, d ? 'yes' : 'no']) };
  return { columns: ['units', 'dead units'], rows: [[layer.units, deadCount(layer) ?? '']] };
}

/** One CSV field: quoted (with quotes doubled) when it holds a comma, quote, CR or LF. */
export function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** RFC 4180 CSV: header line then rows, fields quoted as needed, every line ended by CRLF. */
export function toCsv(table: DataTable): string {
  return [table.columns, ...table.rows].map((row) => row.map(csvField).join(',') + '\r\n').join('');
}
