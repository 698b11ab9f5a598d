/**
 * The calibration views' words and tables, Plot-free (the metrics are in `src/metrics/calibration.ts`): bin labels,
 * hover read-outs, the reliability diagram's table and the ECE-per-evaluation table. The views build their "Show
 * data" tables from here on first paint; `reliabilityChart.ts` and `eceChart.ts` draw the same numbers with Plot.
 */
import type { CalibrationInput, ReliabilityBin } from '../../metrics/calibration';
import type { DataTable } from './tables';
import { formatCount, formatValue, round4 } from './theme';

/** A bin as the chart draws it: the bin plus its share of all examples and its gap to the diagonal. */
export interface ReliabilityRow extends ReliabilityBin {
  share: number;
  gap: number;
}

/** "0.1–0.2": a bin range with as many decimals as the bin width needs. */
export function binLabel(bin: Pick<ReliabilityBin, 'lo' | 'hi'>): string {
  const d = Math.max(1, Math.ceil(-Math.log10(bin.hi - bin.lo) - 1e-9));
  return `${bin.lo.toFixed(d)}–${bin.hi.toFixed(d)}`;
}

/** Hover read-out of one bin. */
export function reliabilityTipText(row: ReliabilityBin, kind: CalibrationInput['kind'] = 'top-label'): string {
  const what = kind === 'binary' ? 'fraction positive' : 'accuracy';
  const head = `${kind === 'binary' ? 'p(positive)' : 'confidence'} ${binLabel(row)}`;
  if (!row.count) return `${head}\nno examples`;
  const examples = `${formatCount(row.count)} example${row.count === 1 ? '' : 's'}`;
  return [head, examples, `mean confidence ${formatValue(row.confidence)}`, `${what} ${formatValue(row.accuracy)}`].join('\n');
}

/** The diagram's numbers: one row per bin (empty bins too) with count, mean confidence, accuracy and gap. */
export function reliabilityTable(bins: readonly ReliabilityBin[], kind: CalibrationInput['kind'] = 'top-label'): DataTable {
  const num = (v: number) => (Number.isFinite(v) ? round4(v) : '');
  return {
    columns: [
      kind === 'binary' ? 'p(positive) bin' : 'confidence bin',
      'examples',
      'mean confidence',
      kind === 'binary' ? 'fraction positive' : 'accuracy',
      'gap',
    ],
    rows: bins.map((b) => [binLabel(b), b.count, num(b.confidence), num(b.accuracy), num(b.accuracy - b.confidence)]),
  };
}

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
    r.points
      .filter((p) => Number.isFinite(p.ece) && Number.isFinite(p.epoch))
      .map((p) => ({ id: r.id, run: r.label, current: r.current ?? runs.length === 1, epoch: p.epoch, ece: p.ece })),
  );
}

/** Hover read-out: run, epoch, ECE to 4 decimals. */
export function eceTipText(row: EceRow, xLabel = 'epoch'): string {
  return [row.run, `${xLabel} ${Number(row.epoch.toFixed(3))}`, `ECE ${formatValue(row.ece)}`].filter(Boolean).join('\n');
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
