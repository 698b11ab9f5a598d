/**
 * Predicted class probabilities for one example: a horizontal bar per class with its percentage, the
 * true class marked three ways (green fill, an outline and "(true)" after its name) and the predicted
 * class's percentage in bold.
 */
import * as Plot from '@observablehq/plot';
import { abbreviate, classNames, labelMargin, maxChars } from './labels';
import type { DataTable } from './tables';
import { formatPercent, frameOptions, PALETTE, round4, type ChartOptions } from './theme';

/** Options of `probabilityBars`. */
export interface ProbabilityBarsOptions extends ChartOptions {
  /** Class names in class order (binary: [negative, positive]); missing ones read "class k". */
  classNames?: readonly string[];
  /** The example's true class, marked; none when null/undefined. */
  trueLabel?: number | null;
  /** Height of one bar's row in px (default 22). */
  row?: number;
}

/** One bar. */
export interface ProbabilityBar {
  k: number;
  name: string;
  p: number;
  isTrue: boolean;
  predicted: boolean;
}

/**
 * The bars: one per class. A single probability is a binary output p(positive), drawn as two classes
 * [1 − p, p]. The predicted class is the arg-max (first on ties); non-finite probabilities are 0.
 */
export function probabilityBarRows(
  probabilities: ArrayLike<number>,
  names: readonly string[] = [],
  trueLabel?: number | null,
): ProbabilityBar[] {
  const ps = probabilities.length === 1 ? [1 - probabilities[0], probabilities[0]] : Array.from(probabilities);
  const clean = ps.map((p) => (Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0));
  let best = -1;
  clean.forEach((p, k) => (best < 0 || p > clean[best] ? (best = k) : 0));
  const all = classNames(clean.length, names.length > 0 || probabilities.length !== 1 ? names : ['negative', 'positive']);
  return clean.map((p, k) => ({ k, name: all[k], p, isTrue: k === trueLabel, predicted: k === best }));
}

/**
 * Bars of p per class (x from 0 to 1), class names on the left (shortened to fit; the true class reads
 * "… (true)"), percentages at the bar ends. Classes: `lc-probbar`, `lc-probbar-true` (outline),
 * `lc-probbar-value`. Returns Plot's SVG.
 */
export function probabilityBars(probabilities: ArrayLike<number>, opts: ProbabilityBarsOptions): Element {
  const bars = probabilityBarRows(probabilities, opts.classNames, opts.trueLabel);
  const width = opts.width ?? 640;
  const labels = bars.map((b) => abbreviate(b.name, maxChars(width * 0.3)) + (b.isTrue ? ' (true)' : ''));
  const row = opts.row ?? 22;
  const marginTop = 8;
  const marginBottom = 34;
  const predicted = bars.find((b) => b.predicted);
  const truth = bars.find((b) => b.isTrue);
  const said = [
    predicted ? `predicted ${predicted.name} (${formatPercent(predicted.p)})` : 'no prediction',
    truth ? `true class ${truth.name}` : '',
  ]
    .filter(Boolean)
    .join('; ');
  const value = (bold: boolean) =>
    Plot.text(
      bars.filter((b) => b.predicted === bold),
      {
        x: 'p',
        y: 'k',
        text: (b: ProbabilityBar) => formatPercent(b.p),
        textAnchor: 'start',
        dx: 4,
        fill: 'currentColor',
        fontWeight: bold ? 'bold' : 'normal',
        className: 'lc-probbar-value',
      },
    );
  return Plot.plot({
    ...frameOptions(opts),
    width,
    height: opts.height ?? marginTop + marginBottom + Math.max(1, bars.length) * row,
    marginTop,
    marginBottom,
    marginLeft: labelMargin(labels, 40) + 4,
    marginRight: 48,
    ariaLabel: opts.ariaLabel ?? `Predicted class probabilities: ${said}`,
    x: {
      domain: [0, 1],
      label: opts.xLabel ?? 'predicted probability',
      labelAnchor: 'right',
      grid: true,
      tickFormat: (v: number) => `${Math.round(v * 100)}%`,
    },
    y: {
      type: 'band',
      domain: bars.map((b) => b.k),
      tickFormat: (k: number) => labels[k] ?? '',
      tickSize: 0,
      padding: 0.2,
      label: opts.yLabel ?? null,
    },
    marks: [
      Plot.barX(bars, {
        x: 'p',
        y: 'k',
        fill: (b: ProbabilityBar) => (b.isTrue ? PALETTE[2] : PALETTE[0]),
        title: (b: ProbabilityBar) =>
          `${b.name}${b.isTrue ? ' (true class)' : ''}${b.predicted ? ' (predicted)' : ''}: ${formatPercent(b.p)}`,
        className: 'lc-probbar',
      }),
      Plot.barX(
        bars.filter((b) => b.isTrue),
        {
          x1: 0,
          x2: 1,
          y: 'k',
          fill: 'none',
          stroke: 'currentColor',
          strokeWidth: 1.5,
          strokeDasharray: '3 2',
          inset: -1,
          className: 'lc-probbar-true',
        },
      ),
      value(false),
      value(true),
    ],
  });
}

/** One row per class: class, probability (4 decimals), "true" / "predicted" marks. */
export function probabilityBarsTable(
  probabilities: ArrayLike<number>,
  names: readonly string[] = [],
  trueLabel?: number | null,
): DataTable {
  return {
    columns: ['class', 'probability', 'true class', 'predicted'],
    rows: probabilityBarRows(probabilities, names, trueLabel).map((b) => [
      b.name,
      round4(b.p),
      b.isTrue ? 'yes' : '',
      b.predicted ? 'yes' : '',
    ]),
  };
}
