/**
 * Calibration: a reliability diagram (accuracy per confidence bin against the diagonal of perfect
 * calibration, over a light histogram of how many examples fall in each bin) with the expected calibration
 * error, ECE = Σ_b (n_b / n)·|acc_b − conf_b|. The numbers come from `src/metrics/calibration.ts`, the table and
 * read-outs from `calibrationTables.ts` (both Plot-free, re-exported here); the ECE over epochs is in `eceChart.ts`.
 */
import * as Plot from '@observablehq/plot';
import { expectedCalibrationError, reliabilityBins, type CalibrationInput, type ReliabilityBin } from '../../metrics/calibration';
import { reliabilityTipText, type ReliabilityRow } from './calibrationTables';
import { compactCount, formatCount, formatValue, frameOptions, PALETTE, type ChartOptions } from './theme';

export {
  calibrationInput,
  calibrationInputOf,
  expectedCalibrationError,
  reliabilityBins,
  type BinaryPredictions,
  type CalibrationInput,
  type ReliabilityBin,
  type TopLabelPredictions,
} from '../../metrics/calibration';
export { binLabel, reliabilityTable, reliabilityTipText, type ReliabilityRow } from './calibrationTables';

/** Options of `reliabilityChart`. */
export interface ReliabilityChartOptions extends ChartOptions {
  /** Number of equal-width bins (default 10). */
  bins?: number;
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
      Plot.rectY(filled, {
        x1: 'lo',
        x2: 'hi',
        y: 'share',
        fill: () => LEGEND[2],
        fillOpacity: 0.3,
        inset: 1,
        title: tip,
        className: 'lc-calib-hist',
      }),
      binPx >= 28
        ? Plot.text(filled, {
            x: (r: ReliabilityRow) => (r.lo + r.hi) / 2,
            y: 'share',
            text: (r: ReliabilityRow) => compactCount(r.count),
            dy: -6,
            fontSize: 11,
            fill: 'currentColor',
            className: 'lc-calib-count',
          })
        : [],
      Plot.link([{ x1: 0, y1: 0, x2: 1, y2: 1 }], {
        x1: 'x1',
        y1: 'y1',
        x2: 'x2',
        y2: 'y2',
        stroke: () => LEGEND[3],
        strokeDasharray: '4 3',
        className: 'lc-calib-diagonal',
      }),
      Plot.link(filled, {
        x1: 'confidence',
        x2: 'confidence',
        y1: 'confidence',
        y2: 'accuracy',
        stroke: () => LEGEND[1],
        strokeWidth: 2,
        className: 'lc-calib-gap',
      }),
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
