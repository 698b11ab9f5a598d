/**
 * Calibration of predicted probabilities: equal-width confidence bins (what a reliability diagram draws) and the
 * expected calibration error (ECE).
 *
 * ECE = Σ_b (n_b / n) · |acc_b − conf_b| over B equal-width bins of [0, 1], where n_b examples fall in bin b,
 * conf_b is their mean predicted probability and acc_b the share of them that were right (binary: positive).
 * Source: Naeini, Cooper & Hauskrecht, "Obtaining Well Calibrated Probabilities Using Bayesian Binning", AAAI 2015
 * (ECE over equal-width bins); used with top-label confidence and 10–15 bins by Guo, Pleiss, Sun & Weinberger,
 * "On Calibration of Modern Neural Networks", ICML 2017.
 *
 * Pure TypeScript: no Plot, no tfjs, no DOM.
 */

/** A binary task: p(positive) per example and its true label (1 positive, 0 negative). */
export interface BinaryPredictions {
  kind: 'binary';
  pPositive: ArrayLike<number>;
  labels: ArrayLike<number>;
}

/** A multiclass task: the top (arg-max) probability per example and whether the arg-max was the true class. */
export interface TopLabelPredictions {
  kind: 'top-label';
  confidence: ArrayLike<number>;
  correct: ArrayLike<boolean | number>;
}

/** What calibration is measured on. Binary bins p(positive) against the fraction of positives. */
export type CalibrationInput = BinaryPredictions | TopLabelPredictions;

/** One confidence bin. `confidence` and `accuracy` are NaN when the bin is empty. */
export interface ReliabilityBin {
  /** Bin range [lo, hi); the last bin includes 1. */
  lo: number;
  hi: number;
  count: number;
  /** Mean predicted probability of the examples in the bin. */
  confidence: number;
  /** Share of them that were right (binary: that were positive). */
  accuracy: number;
}

/**
 * CalibrationInput from an evaluation's probabilities (n rows of 1 output for binary, k for multiclass)
 * and true labels: one output gives `binary`; more give `top-label` (arg-max, first on ties).
 */
export function calibrationInput(probabilities: ArrayLike<ArrayLike<number>>, labels: ArrayLike<number>): CalibrationInput {
  const n = Math.min(probabilities.length, labels.length);
  if (n > 0 && probabilities[0].length === 1) {
    return {
      kind: 'binary',
      pPositive: Float64Array.from({ length: n }, (_, i) => probabilities[i][0]),
      labels: Array.from({ length: n }, (_, i) => labels[i]),
    };
  }
  const confidence = new Float64Array(n);
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const row = probabilities[i];
    let best = 0;
    for (let j = 1; j < row.length; j++) if (row[j] > row[best]) best = j;
    confidence[i] = row.length ? row[best] : NaN;
    correct[i] = best === labels[i] ? 1 : 0;
  }
  return { kind: 'top-label', confidence, correct };
}

/**
 * CalibrationInput from row-major probabilities (n × `outputs`, as the engine records them) and the true labels:
 * `calibrationInput` without building the rows first. One output gives `binary`; more give `top-label`.
 */
export function calibrationInputOf(set: {
  probabilities: ArrayLike<number>;
  labels: ArrayLike<number>;
  outputs: number;
}): CalibrationInput {
  const { probabilities: p, labels, outputs: k } = set;
  const n = Math.min(labels.length, k > 0 ? Math.floor(p.length / k) : 0);
  const rows = Array.from({ length: n }, (_, i) => Array.from({ length: k }, (_, j) => p[i * k + j]));
  return calibrationInput(rows, labels);
}

/** (probability, outcome) pairs of an input; non-finite probabilities are left out, others clamped to [0, 1]. */
function* samples(input: CalibrationInput): Generator<[number, boolean]> {
  const [xs, ys] = input.kind === 'binary' ? [input.pPositive, input.labels] : [input.confidence, input.correct];
  const n = Math.min(xs.length, ys.length);
  for (let i = 0; i < n; i++) {
    const x = xs[i];
    if (!Number.isFinite(x)) continue;
    yield [Math.min(1, Math.max(0, x)), input.kind === 'binary' ? Number(ys[i]) > 0.5 : Boolean(ys[i])];
  }
}

/**
 * `bins` equal-width bins over [0, 1] (empty bins included, count 0): bin k holds p in [k/B, (k+1)/B), the last
 * also p = 1. A bins count that is not a number ≥ 1 means 10.
 */
export function reliabilityBins(input: CalibrationInput, bins = 10): ReliabilityBin[] {
  const b = Number.isFinite(bins) && bins >= 1 ? Math.floor(bins) : 10;
  const count = new Array<number>(b).fill(0);
  const sumP = new Array<number>(b).fill(0);
  const hits = new Array<number>(b).fill(0);
  for (const [p, right] of samples(input)) {
    const k = Math.min(b - 1, Math.floor(p * b));
    count[k]++;
    sumP[k] += p;
    if (right) hits[k]++;
  }
  return count.map((c, k) => ({
    lo: k / b,
    hi: (k + 1) / b,
    count: c,
    confidence: c ? sumP[k] / c : NaN,
    accuracy: c ? hits[k] / c : NaN,
  }));
}

/**
 * ECE = Σ_b (n_b / n)·|acc_b − conf_b| over the bins (Naeini et al. 2015), of an input binned into `bins` bins or of
 * bins already made; empty bins add nothing. NaN when there are no examples.
 */
export function expectedCalibrationError(input: CalibrationInput | readonly ReliabilityBin[], bins = 10): number {
  const list = Array.isArray(input) ? (input as readonly ReliabilityBin[]) : reliabilityBins(input as CalibrationInput, bins);
  const n = list.reduce((s, b) => s + b.count, 0);
  if (n === 0) return NaN;
  return list.reduce((s, b) => (b.count ? s + (b.count / n) * Math.abs(b.accuracy - b.confidence) : s), 0);
}
