/**
 * Where a mean cross-entropy comes from: the loss (1/m)·Σ −ln pᵢ of m examples split into what the confident
 * mistakes contribute (wrong, with p(true class) below a threshold, 0.1 by default) and what every other example
 * contributes; the two parts add up to the loss. The split and its threshold are the loss-and-accuracy chapter's own
 * (does a rising validation loss come from a few confidently wrong examples?); the loss is the usual cross-entropy.
 *
 * Pure TypeScript: no Plot, no tfjs, no DOM.
 */
import { lowestBy } from './bestEpoch';

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
  let n = 0,
    confident = 0,
    confidentSum = 0,
    restSum = 0;
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
