/**
 * Calibration: a reliability diagram (accuracy per confidence bin against the diagonal of perfect
 * calibration, over a light histogram of how many examples fall in each bin) with the expected calibration
 * error, ECE = Σ_b (n_b / n)·|acc_b − conf_b|. The ECE over epochs is in `eceChart.ts`.
 */
import * as Plot from '@observablehq/plot';
import type { DataTable } from './tables';
import { compactCount, formatCount, formatValue, frameOptions, PALETTE, round4, type ChartOptions } from './theme';

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
    return { kind: 'binary', pPositive: Float64Array.from({ length: n }, (_, i) => probabilities[i][0]), labels: Array.from({ length: n }, (_, i) => labels[i]) };
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

/** `bins` equal-width bins over [0, 1] (empty bins included, count 0). */
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
  return count.map((c, k) => ({ lo: k / b, hi: (k + 1) / b, count: c, confidence: c ? sumP[k] / c : NaN, accuracy: c ? hits[k] / c : NaN }));
}

/** ECE = Σ (n_b / n)·|acc_b − conf_b| over the bins; NaN when there are no examples. */
export function expectedCalibrationError(input: CalibrationInput | readonly ReliabilityBin[], bins = 10): number {
  const list = Array.isArray(input) ? (input as readonly ReliabilityBin[]) : reliabilityBins(input as CalibrationInput, bins);
  const n = list.reduce((s, b) => s + b.count, 0);
  if (n === 0) return NaN;
  return list.reduce((s, b) => (b.count ? s + (b.count / n) * Math.abs(b.accuracy - b.confidence) : s), 0);
}

/** Options of `reliabilityChart`. */
export interface ReliabilityChartOptions extends ChartOptions {
  /** Number of equal-width bins (default 10). */
  bins?: number;
}

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

const LEGEND = ['accuracy per bin', 'gap to diagonal', 'share of examples', 'perfect calibration'];

/**
 * Reliability diagram: dots (joined) at (mean confidence, accuracy) per non-empty bin, a red rule from each
 * dot to the diagonal (the gap ECE averages), the dashed diagonal, and a light histogram of the share of
 * examples per non-empty bin with its count on top (when bins are at least 22 px wide). "ECE 0.0412 · 1,000
 * examples" above the frame, on the right (the y label holds the left). Classes: `lc-calib-hist`, `lc-calib-count`, `lc-calib-diagonal`,
 * `lc-calib-gap`, `lc-calib-line`, `lc-calib-dot`, `lc-ece`. Returns Plot's figure (legend + SVG).
 */
export function reliabilityChart(input: CalibrationInput, opts: ReliabilityChartOptions): Element {
  const bins = reliabilityBins(input, opts.bins);
  const n = bins.reduce((s, b) => s + b.count, 0);
  const ece = expectedCalibrationError(bins);
  const rows: ReliabilityRow[] = bins.map((b) => ({ ...b, share: n ? b.count / n : 0, gap: b.accuracy - b.confidence }));
  const filled = rows.filter((r) => r.count > 0);
  const binary = input.kind === 'binary';
  const eceText = n ? `ECE ${formatValue(ece)} · ${formatCount(n)} example${n === 1 ? '' : 's'}` : 'no predictions yet';
  const binPx = ((opts.width ?? 640) - 60) / bins.length;
  const tip = (r: ReliabilityBin) => reliabilityTipText(r, input.kind);
  return Plot.plot({
    ...frameOptions(opts),
    ariaLabel: opts.ariaLabel ?? `Reliability diagram, ${bins.length} bins: ${eceText}`,
    marginTop: 24,
    x: { domain: [0, 1], label: opts.xLabel ?? (binary ? 'predicted p(positive)' : 'confidence (top probability)'), labelAnchor: 'right' },
    y: { domain: [0, 1], label: opts.yLabel ?? (binary ? 'fraction positive' : 'accuracy'), grid: true },
    color: { domain: LEGEND, range: [PALETTE[0], PALETTE[3], PALETTE[7], 'currentColor'], legend: true },
    marks: [
      Plot.rectY(filled, { x1: 'lo', x2: 'hi', y: 'share', fill: () => LEGEND[2], fillOpacity: 0.3, inset: 1, title: tip, className: 'lc-calib-hist' }),
      binPx >= 28
        ? Plot.text(filled, { x: (r: ReliabilityRow) => (r.lo + r.hi) / 2, y: 'share', text: (r: ReliabilityRow) => compactCount(r.count), dy: -6, fontSize: 11, fill: 'currentColor', className: 'lc-calib-count' })
        : [],
      Plot.link([{ x1: 0, y1: 0, x2: 1, y2: 1 }], { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: () => LEGEND[3], strokeDasharray: '4 3', className: 'lc-calib-diagonal' }),
      Plot.link(filled, { x1: 'confidence', x2: 'confidence', y1: 'confidence', y2: 'accuracy', stroke: () => LEGEND[1], strokeWidth: 2, className: 'lc-calib-gap' }),
      Plot.line(filled, { x: 'confidence', y: 'accuracy', stroke: () => LEGEND[0], strokeWidth: 1.5, className: 'lc-calib-line' }),
      Plot.dot(filled, { x: 'confidence', y: 'accuracy', fill: () => LEGEND[0], r: 3.5, title: tip, className: 'lc-calib-dot' }),
      Plot.text([eceText], {
        text: (d: string) => d,
        frameAnchor: 'top-right',
        textAnchor: 'end',
        lineAnchor: 'bottom',
        dy: -8,
        fontWeight: 'bold',
        fill: 'currentColor',
        className: 'lc-ece',
      }),
      Plot.tip(filled, Plot.pointerX({ x: 'confidence', y: 'accuracy', title: tip })),
    ],
  });
}

/** The diagram's numbers: one row per bin (empty bins too) with count, mean confidence, accuracy and gap. */
export function reliabilityTable(bins: readonly ReliabilityBin[], kind: CalibrationInput['kind'] = 'top-label'): DataTable {
  const num = (v: number) => (Number.isFinite(v) ? round4(v) : '');
  return {
    columns: [kind === 'binary' ? 'p(positive) bin' : 'confidence bin', 'examples', 'mean confidence', kind === 'binary' ? 'fraction positive' : 'accuracy', 'gap'],
    rows: bins.map((b) => [binLabel(b), b.count, num(b.confidence), num(b.accuracy), num(b.accuracy - b.confidence)]),
  };
}
