/**
 * Expected calibration error over training: one line per run (dots at each evaluation), the current run
 * strong and earlier runs faded, as in `lossChart`.
 */
import * as Plot from '@observablehq/plot';
import type { DataTable } from './tables';
import { FADED_OPACITY, formatValue, frameOptions, PALETTE, round4, type ChartOptions } from './theme';

/** One run's ECE at each evaluation (e.g. from `expectedCalibrationError` per EvalRecord). */
export interface EceRun {
  id: string;
  label: string;
  /** Drawn strong; others faded. Default true when there is a single run. */
  current?: boolean;
  points: { epoch: number; ece: number }[];
}

/** One drawable point. */
export interface EceRow {
  id: string;
  run: string;
  current: boolean;
  epoch: number;
  ece: number;
}

/** Points with a finite ECE, flattened, runs in order. */
export function eceRows(runs: readonly EceRun[]): EceRow[] {
  return runs.flatMap((r) =>
    r.points.filter((p) => Number.isFinite(p.ece) && Number.isFinite(p.epoch)).map((p) => ({ id: r.id, run: r.label, current: r.current ?? runs.length === 1, epoch: p.epoch, ece: p.ece })),
  );
}

/** Hover read-out: run, epoch, ECE to 4 decimals. */
export function eceTipText(row: EceRow, xLabel = 'epoch'): string {
  return [row.run, `${xLabel} ${Number(row.epoch.toFixed(3))}`, `ECE ${formatValue(row.ece)}`].filter(Boolean).join('\n');
}

/**
 * ECE (y, from 0) against epoch, coloured by run with a legend of run labels when there are several.
 * Classes: `lc-ece-line-current`, `lc-ece-line-previous` (stroke-opacity 0.35), `lc-ece-dot`.
 * Returns Plot's figure (legend + SVG) or its SVG.
 */
export function eceChart(runs: readonly EceRun[], opts: ChartOptions): Element {
  const rows = eceRows(runs);
  const labels = runs.map((r) => r.label);
  const xLabel = opts.xLabel ?? 'epoch';
  const max = rows.reduce((m, r) => Math.max(m, r.ece), 0);
  const line = (current: boolean) =>
    Plot.line(
      rows.filter((r) => r.current === current),
      { x: 'epoch', y: 'ece', z: 'id', stroke: 'run', strokeWidth: current ? 2.25 : 1.5, strokeOpacity: current ? 1 : FADED_OPACITY, className: current ? 'lc-ece-line-current' : 'lc-ece-line-previous' },
    );
  return Plot.plot({
    ...frameOptions(opts),
    ariaLabel: opts.ariaLabel ?? `Expected calibration error per evaluation, ${runs.length} run${runs.length === 1 ? '' : 's'}`,
    x: { label: xLabel, labelAnchor: 'right' },
    y: { label: opts.yLabel ?? 'ECE', grid: true, domain: [0, max > 0 ? max * 1.1 : 0.1] },
    color: { domain: labels, range: labels.map((_, k) => PALETTE[k % PALETTE.length]), legend: runs.length > 1 },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.5 }),
      line(false),
      line(true),
      Plot.dot(rows, { x: 'epoch', y: 'ece', fill: 'run', fillOpacity: (r: EceRow) => (r.current ? 1 : FADED_OPACITY), r: 2.5, className: 'lc-ece-dot' }),
      Plot.tip(rows, Plot.pointerX({ x: 'epoch', y: 'ece', title: (r: EceRow) => eceTipText(r, xLabel) })),
    ],
  });
}

/** One row per epoch (sorted), one column per run: ECE to 4 decimals, '' where a run has none. */
export function eceTable(runs: readonly EceRun[], xLabel = 'epoch'): DataTable {
  const byEpoch = new Map<number, Map<number, number>>();
  runs.forEach((r, c) => {
    for (const p of r.points) {
      const key = round4(p.epoch);
      if (!byEpoch.has(key)) byEpoch.set(key, new Map());
      byEpoch.get(key)!.set(c, round4(p.ece));
    }
  });
  return {
    columns: [xLabel, ...runs.map((r) => (r.label ? `${r.label} · ECE` : 'ECE'))],
    rows: [...byEpoch.keys()].sort((a, b) => a - b).map((e) => [e, ...runs.map((_, c) => byEpoch.get(e)!.get(c) ?? '')]),
  };
}
