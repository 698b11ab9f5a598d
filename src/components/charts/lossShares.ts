/**
 * Where a validation loss comes from, in words and a table: the split itself (the mean loss (1/m)·Σ −ln pᵢ into
 * what the confident mistakes contribute and what every other example contributes) is in `src/metrics/lossShare.ts`,
 * re-exported here. Pure and Plot-free: the view, its caption and its table use it on first paint; the chart
 * (lossShareChart.ts) draws the same numbers.
 */
import type { LossShare } from '../../metrics/lossShare';
import type { DataTable } from './tables';
import { formatPercent } from './theme';

export { exampleLoss, lossShare, lowestLoss, P_FLOOR, type ExampleLoss, type LossShare } from '../../metrics/lossShare';

const loss3 = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '—');
const epochText = (v: number) => String(Number(v.toFixed(2)));

/**
 * A caption with the figures of the latest evaluation and of the one with the lowest loss filled in:
 * {epoch}, {n}, {loss}, {confident}, {confidentLoss}, {rest}, {restLoss}, {share}, {threshold}, and the same with a
 * `best` prefix ({bestEpoch}, {bestLoss}, {bestConfidentLoss}…). Unknown placeholders stay as they are.
 */
export function lossShareCaption(template: string, latest: LossShare, best: LossShare, threshold = 0.1): string {
  const values = (s: LossShare) => ({
    epoch: epochText(s.epoch),
    n: String(s.n),
    loss: loss3(s.loss),
    confident: String(s.confident),
    confidentLoss: loss3(s.confidentLoss),
    rest: String(s.rest),
    restLoss: loss3(s.restLoss),
    share: formatPercent(s.share, 0),
  });
  const own: Record<string, string> = { ...values(latest), threshold: String(threshold) };
  for (const [k, v] of Object.entries(values(best))) own[`best${k[0].toUpperCase()}${k.slice(1)}`] = v;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => own[k] ?? m);
}

/** Column names of the table: the two parts as the demo names them. */
export interface LossShareNames {
  confident: string;
  rest: string;
}

/** One row per evaluation: counts, each part's contribution, the loss and the confident mistakes' share. */
export function lossShareTable(shares: readonly LossShare[], names: LossShareNames, xLabel = 'epoch'): DataTable {
  const r4 = (v: number) => (Number.isFinite(v) ? Number(v.toFixed(4)) : '');
  return {
    columns: [
      xLabel,
      `${names.confident}: images`,
      `${names.confident}: loss`,
      `${names.rest}: images`,
      `${names.rest}: loss`,
      'loss (sum)',
      `${names.confident}: share`,
    ],
    rows: shares.map((s) => [
      Number(s.epoch.toFixed(4)),
      s.confident,
      r4(s.confidentLoss),
      s.rest,
      r4(s.restLoss),
      r4(s.loss),
      Number.isFinite(s.share) ? formatPercent(s.share, 1) : '',
    ]),
  };
}
