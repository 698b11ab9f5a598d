/**
 * Where a validation loss comes from: the mean loss (1/m)·Σ −ln pᵢ split into what the confident mistakes
 * contribute (wrong, with p(true class) below a threshold, 0.1 by default) and what every other example
 * contributes. The two parts add up to the loss. Pure and Plot-free: the view, its caption and its table use it on
 * first paint; the chart (lossShareChart.ts) draws the same numbers.
 */
import { lowestBy } from '../../metrics/bestEpoch';
import type { DataTable } from './tables';
import { formatPercent } from './theme';

/** One evaluated example: its probability of the true class, whether it was right, its loss −ln p. */
export interface ExampleLoss {
  pTrue: number;
  correct: boolean;
  /** −ln p(true class), ideally computed from the logits; when not finite, −ln pTrue (clamped) stands in. */
  loss?: number;
}

/** The split of one evaluation's loss. */
export interface LossShare {
  epoch: number;
  /** Examples counted (m). */
  n: number;
  /** Mistakes with p(true class) < threshold. */
  confident: number;
  /** Their part of the mean loss: Σ over them of −ln p, divided by m. */
  confidentLoss: number;
  /** Every other example (right, or wrong with p ≥ threshold). */
  rest: number;
  restLoss: number;
  /** confidentLoss + restLoss: the mean loss. */
  loss: number;
  /** confidentLoss / loss (NaN when the loss is 0). */
  share: number;
}

/** Probabilities are float32 and may round to 0: the smallest p that −ln p is taken of when no loss is given. */
export const P_FLOOR = 1e-7;

/** An example's loss: the one given when finite, else −ln of its clamped p; NaN when neither is a number. */
export function exampleLoss(e: ExampleLoss): number {
  if (e.loss !== undefined && Number.isFinite(e.loss)) return Math.max(0, e.loss);
  if (!Number.isFinite(e.pTrue)) return NaN;
  return -Math.log(Math.min(1, Math.max(P_FLOOR, e.pTrue)));
}

/**
 * The split of one evaluation's mean loss. Examples whose loss cannot be told (no finite loss or p) are left out
 * of m, so the parts still add up to the mean of what is counted.
 */
export function lossShare(epoch: number, examples: readonly ExampleLoss[], threshold = 0.1): LossShare {
  let n = 0, confident = 0, confidentSum = 0, restSum = 0;
  for (const e of examples) {
    const l = exampleLoss(e);
    if (!Number.isFinite(l)) continue;
    n++;
    if (!e.correct && e.pTrue < threshold) {
      confident++;
      confidentSum += l;
    } else restSum += l;
  }
  const confidentLoss = n ? confidentSum / n : NaN;
  const restLoss = n ? restSum / n : NaN;
  const loss = confidentLoss + restLoss;
  return { epoch, n, confident, confidentLoss, rest: n - confident, restLoss, loss, share: loss > 0 ? confidentLoss / loss : NaN };
}

/** The evaluation with the lowest loss (the first of equals, as `bestEpoch`); undefined when none has a finite loss. */
export function lowestLoss(shares: readonly LossShare[]): LossShare | undefined {
  return lowestBy(shares, (s) => s.loss);
}

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
    columns: [xLabel, `${names.confident}: images`, `${names.confident}: loss`, `${names.rest}: images`, `${names.rest}: loss`, 'loss (sum)', `${names.confident}: share`],
    rows: shares.map((s) => [Number(s.epoch.toFixed(4)), s.confident, r4(s.confidentLoss), s.rest, r4(s.restLoss), r4(s.loss), Number.isFinite(s.share) ? formatPercent(s.share, 1) : '']),
  };
}
