/**
 * Confusion matrix: true class down, predicted class across, the count in each cell. Cells are shaded by
 * count (each hue against its own largest cell) or by share of their row, the diagonal in blue with an outline and bold counts, mistakes in red,
 * at most 80% opaque so `currentColor` counts keep ≥ 4.5:1 contrast on both themes.
 */
import * as Plot from '@observablehq/plot';
import { abbreviate, classNames, labelMargin, maxChars, CHAR_PX } from './labels';
import type { DataTable } from './tables';
import { CHART_FONT_PX, compactCount, formatCount, formatPercent, frameOptions, PALETTE, type ChartOptions } from './theme';

/**
 * counts[t][p]: how many examples of true class t were predicted as p (k × k). Pairs whose label or
 * prediction is not an integer in [0, k) are left out; extra entries of the longer array are ignored.
 */
export function confusionCounts(labels: ArrayLike<number>, predictions: ArrayLike<number>, k: number): number[][] {
  const size = Math.max(0, Math.floor(k) || 0);
  const counts = Array.from({ length: size }, () => new Array<number>(size).fill(0));
  const n = Math.min(labels.length, predictions.length);
  const ok = (v: number) => Number.isInteger(v) && v >= 0 && v < size;
  for (let i = 0; i < n; i++) if (ok(labels[i]) && ok(predictions[i])) counts[labels[i]][predictions[i]]++;
  return counts;
}

/** Options of `confusionMatrixChart`. */
export interface ConfusionMatrixOptions extends ChartOptions {
  /** Class names in class order; missing ones read "class k". */
  classNames?: readonly string[];
  /** Shade by count (default) or by share of the true class's row (recall per cell). */
  shade?: 'count' | 'row';
}

/** One cell as drawn. */
export interface ConfusionCell {
  /** True class. */
  row: number;
  /** Predicted class. */
  col: number;
  count: number;
  /** count / examples of the true class (0 for an empty row). */
  rowShare: number;
  diagonal: boolean;
  /**
   * Fill opacity: 0 for an empty cell, else 0.08–0.8 by row share, or by count relative to the largest
   * cell of its kind (diagonal cells against the largest diagonal cell, mistakes against the largest mistake).
   */
  opacity: number;
}

/** Highest fill opacity, so that text in the page colour stays readable on a full cell in either theme. */
export const MAX_CELL_OPACITY = 0.8;

/** The k² cells of a count matrix, row by row, with their shading. */
export function confusionCells(counts: readonly (readonly number[])[], shade: 'count' | 'row' = 'count'): ConfusionCell[] {
  // By count, each hue is scaled to its own largest cell: mistakes are far fewer than hits, and the most
  // common confusion should stand out rather than fade next to the diagonal.
  const max = [0, 0];
  counts.forEach((r, row) => r.forEach((v, col) => (max[+(row === col)] = Math.max(max[+(row === col)], v))));
  return counts.flatMap((r, row) => {
    const total = r.reduce((s, v) => s + v, 0);
    return r.map((count, col) => {
      const rowShare = total ? count / total : 0;
      const top = max[+(row === col)];
      const level = shade === 'row' ? rowShare : top ? count / top : 0;
      return { row, col, count, rowShare, diagonal: row === col, opacity: count ? 0.08 + (MAX_CELL_OPACITY - 0.08) * level : 0 };
    });
  });
}

/** Hover/title text of a cell: "true Coat → predicted Shirt: 37 (12.3% of Coat)". */
export function confusionCellText(cell: ConfusionCell, names: readonly string[]): string {
  const t = names[cell.row] ?? `class ${cell.row}`;
  const p = names[cell.col] ?? `class ${cell.col}`;
  return `true ${t} → predicted ${p}: ${formatCount(cell.count)} (${formatPercent(cell.rowShare)} of ${t})`;
}

/**
 * Heat-map of `counts` (from `confusionCounts`) with square cells: y is the true class, x the predicted one,
 * both labelled with class names shortened to fit (x labels rotated −45° when they do not fit a cell; full
 * names in each cell's title). Counts are printed when cells are at least 16 px. Classes:
 * `lc-confusion-cell`, `lc-confusion-diagonal` (outline), `lc-confusion-count`. Returns Plot's SVG.
 */
export function confusionMatrixChart(counts: readonly (readonly number[])[], opts: ConfusionMatrixOptions): Element {
  const k = counts.length;
  const names = classNames(k, opts.classNames);
  const width = opts.width ?? 640;
  const short = names.map((n) => abbreviate(n, maxChars(width * 0.28)));
  const marginLeft = labelMargin(short, 40) + 4;
  const marginRight = 8;
  const cell = k ? (width - marginLeft - marginRight) / k : 0;
  const longest = short.reduce((m, l) => Math.max(m, [...l].length), 0);
  const rotate = longest * CHAR_PX > cell - 4;
  const marginBottom = 36 + (rotate ? Math.ceil(longest * CHAR_PX * 0.71) : 0);
  const marginTop = 24;
  const height = opts.height ?? Math.round(marginTop + marginBottom + cell * k);
  const cells = confusionCells(counts, opts.shade);
  const total = cells.reduce((s, c) => s + c.count, 0);
  const right = cells.reduce((s, c) => (c.diagonal ? s + c.count : s), 0);
  const domain = names.map((_, i) => i);
  const title = (c: ConfusionCell) => confusionCellText(c, names);
  // Counts at 11 px or more (CHART_FONT_PX at most), in cells big enough for three digits; else in tips and the table.
  const fontSize = Math.max(11, Math.min(CHART_FONT_PX, Math.floor(cell * 0.34)));
  const showCounts = cell >= 28;
  const count = (diagonal: boolean) =>
    Plot.text(
      cells.filter((c) => c.diagonal === diagonal),
      {
        x: 'col',
        y: 'row',
        text: (c: ConfusionCell) => compactCount(c.count),
        fontSize,
        fontWeight: diagonal ? 'bold' : 'normal',
        fill: 'currentColor',
        className: 'lc-confusion-count',
      },
    );
  return Plot.plot({
    ...frameOptions(opts),
    width,
    height,
    marginLeft,
    marginRight,
    marginTop,
    marginBottom,
    ariaLabel:
      opts.ariaLabel ??
      (total
        ? `Confusion matrix of ${k} classes: ${formatCount(right)} of ${formatCount(total)} examples on the diagonal (${formatPercent(right / total)} correct)`
        : `Confusion matrix of ${k} classes: no examples yet`),
    opacity: { type: 'identity' },
    x: {
      type: 'band',
      domain,
      tickFormat: (i: number) => short[i],
      tickRotate: rotate ? -45 : 0,
      label: opts.xLabel ?? 'predicted class',
      labelAnchor: 'center',
      labelOffset: marginBottom - 6,
    },
    y: { type: 'band', domain, tickFormat: (i: number) => short[i], label: opts.yLabel ?? 'true class', labelAnchor: 'top' },
    marks: [
      Plot.cell(cells, { x: 'col', y: 'row', fill: 'none', stroke: 'currentColor', strokeOpacity: 0.15, inset: 0.5 }),
      Plot.cell(
        cells.filter((c) => !c.diagonal && c.count > 0),
        {
          x: 'col',
          y: 'row',
          fill: PALETTE[3],
          fillOpacity: 'opacity',
          inset: 0.5,
          title,
          className: 'lc-confusion-cell lc-confusion-off',
        },
      ),
      Plot.cell(
        cells.filter((c) => c.diagonal),
        { x: 'col', y: 'row', fill: PALETTE[0], fillOpacity: 'opacity', inset: 0.5, title, className: 'lc-confusion-cell lc-confusion-on' },
      ),
      Plot.cell(
        cells.filter((c) => c.diagonal),
        { x: 'col', y: 'row', fill: 'none', stroke: 'currentColor', strokeWidth: 1.5, inset: 1.5, className: 'lc-confusion-diagonal' },
      ),
      showCounts ? [count(false), count(true)] : [],
    ],
  });
}

/** Rows are true classes, columns predicted classes, then each row's total and recall (share on the diagonal). */
export function confusionTable(counts: readonly (readonly number[])[], names: readonly string[] = []): DataTable {
  const all = classNames(counts.length, names);
  return {
    columns: ['true \\ predicted', ...all, 'total', 'correct'],
    rows: counts.map((r, t) => {
      const total = r.reduce((s, v) => s + v, 0);
      return [all[t], ...r, total, total ? formatPercent(r[t] / total) : ''];
    }),
  };
}
