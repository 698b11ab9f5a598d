/**
 * Run gallery: every run kept on the page compared by its final train and validation accuracy (or loss),
 * one group of two horizontal bars per run under the run's label (full width, so long labels stay
 * readable at 375 px), the highlighted run outlined and the others faded; and the gallery's table.
 */
import * as Plot from '@observablehq/plot';
import { abbreviate } from './labels';
import type { DataTable } from './tables';
import { formatCount, formatPercent, formatValue, frameOptions, round4, SPLIT_COLORS, type ChartOptions } from './theme';

/** Final numbers of a run; any may be missing (not measured yet, or diverged). */
export interface GalleryFinal {
  trainLoss?: number;
  valLoss?: number;
  trainAcc?: number;
  valAcc?: number;
}

/** One run of the gallery. */
export interface GalleryRun {
  id: string;
  /** What distinguishes the run, e.g. "dropout 0.5" or "no pooling". */
  label: string;
  params?: number;
  secondsPerEpoch?: number;
  final: GalleryFinal;
  highlighted?: boolean;
}

/** Options of `galleryChart`. */
/** The held-out split the gallery compares against: 'validation', or 'test' where the runs have no validation set. */
export type HeldOut = 'validation' | 'test';

export interface GalleryChartOptions extends ChartOptions {
  metric: 'accuracy' | 'loss';
  /** Name of the held-out bars; default 'validation'. */
  heldOut?: HeldOut;
  /** Height of one run's group (label and two bars) in px; default 64. */
  perRun?: number;
}

/** One bar, or a missing value (value NaN) drawn as "not measured". */
export interface GalleryBar {
  id: string;
  label: string;
  split: 'train' | HeldOut;
  value: number;
  highlighted: boolean;
}

/** Two bars per run (train, validation or test) of the metric; missing or non-finite values are NaN. */
export function galleryBars(runs: readonly GalleryRun[], metric: 'accuracy' | 'loss', heldOut: HeldOut = 'validation'): GalleryBar[] {
  return runs.flatMap((r) => {
    const [train, val] = metric === 'accuracy' ? [r.final.trainAcc, r.final.valAcc] : [r.final.trainLoss, r.final.valLoss];
    return (
      [
        ['train', train],
        [heldOut, val],
      ] as const
    ).map(([split, v]) => ({
      id: r.id,
      label: r.label,
      split,
      value: typeof v === 'number' && Number.isFinite(v) ? v : NaN,
      highlighted: !!r.highlighted,
    }));
  });
}

/** A value as its bar reads: accuracy as a percentage, loss to 4 decimals. */
export function galleryValueText(value: number, metric: 'accuracy' | 'loss'): string {
  if (!Number.isFinite(value)) return 'not measured';
  return metric === 'accuracy' ? formatPercent(value) : formatValue(value);
}

/**
 * Grouped bars: one facet per run (in the given order) holding a train and a validation bar in the split
 * colours with a legend, the value at each bar's end, and the run's label above (shortened with "…" to
 * the width; the full label in its title). With a highlighted run, its bars are outlined and its label
 * bold, and other runs' bars fade. Classes: `lc-gallery-bar`,
 * `lc-gallery-bar-faded`, `lc-gallery-highlight`, `lc-gallery-label`, `lc-gallery-value`. Returns Plot's
 * figure (legend + SVG).
 */
export function galleryChart(runs: readonly GalleryRun[], opts: GalleryChartOptions): Element {
  const { metric } = opts;
  const held = opts.heldOut ?? 'validation';
  const bars = galleryBars(runs, metric, held);
  const drawn = bars.filter((b) => Number.isFinite(b.value));
  const anyHighlight = runs.some((r) => r.highlighted);
  const perRun = opts.perRun ?? 64;
  const marginTop = 6;
  const marginBottom = 34;
  const marginLeft = 70;
  const max = drawn.reduce((m, b) => Math.max(m, b.value), 0);
  const domain: [number, number] = metric === 'accuracy' ? [0, 1] : [0, max > 0 ? max * 1.05 : 1];
  const text = (b: GalleryBar) => galleryValueText(b.value, metric);
  const bar = (faded: boolean) =>
    Plot.barX(
      drawn.filter((b) => (anyHighlight && !b.highlighted) === faded),
      {
        x: 'value',
        y: 'split',
        fy: 'id',
        fill: 'split',
        fillOpacity: faded ? 0.4 : 1,
        title: (b: GalleryBar) => `${b.label}\n${b.split} ${metric} ${text(b)}`,
        className: faded ? 'lc-gallery-bar lc-gallery-bar-faded' : 'lc-gallery-bar',
      },
    );
  const highlighted = runs.find((r) => r.highlighted);
  // Labels span the whole width (12 px, bold for the highlighted run: ~7.2 px a character).
  const chars = Math.max(8, Math.floor(((opts.width ?? 640) - 4) / 7.2));
  return Plot.plot({
    ...frameOptions(opts),
    height: opts.height ?? marginTop + marginBottom + Math.max(1, runs.length) * perRun,
    marginTop,
    marginBottom,
    marginLeft,
    marginRight: 64,
    ariaLabel:
      opts.ariaLabel ??
      `Final train and ${held} ${metric} of ${runs.length} run${runs.length === 1 ? '' : 's'}${highlighted ? `; highlighted: ${highlighted.label}` : ''}`,
    x: {
      domain,
      label: opts.xLabel ?? `final ${metric}`,
      labelAnchor: 'right',
      grid: true,
      tickFormat: metric === 'accuracy' ? (v: number) => `${Math.round(v * 100)}%` : undefined,
    },
    y: { domain: ['train', held], label: null, tickSize: 0, padding: 0.15 },
    fy: { domain: runs.map((r) => r.id), axis: null, paddingInner: 22 / perRun, paddingOuter: 22 / perRun / 2 + 0.05 },
    color: { domain: ['train', held], range: [SPLIT_COLORS.train, SPLIT_COLORS[held]], legend: true },
    marks: [
      bar(true),
      bar(false),
      Plot.barX(
        drawn.filter((b) => b.highlighted),
        { x: 'value', y: 'split', fy: 'id', fill: 'none', stroke: 'currentColor', strokeWidth: 2, className: 'lc-gallery-highlight' },
      ),
      Plot.text(bars, {
        x: (b: GalleryBar) => (Number.isFinite(b.value) ? b.value : 0),
        y: 'split',
        fy: 'id',
        text,
        textAnchor: 'start',
        dx: 4,
        fill: 'currentColor',
        className: 'lc-gallery-value',
      }),
      ...[false, true].map((bold) =>
        Plot.text(
          runs.filter((r) => !!r.highlighted === bold),
          {
            fy: 'id',
            text: (r: GalleryRun) => abbreviate(r.label, chars),
            title: (r: GalleryRun) => (bold ? `${r.label} (highlighted)` : r.label),
            frameAnchor: 'top-left',
            textAnchor: 'start',
            lineAnchor: 'bottom',
            dx: -marginLeft + 2,
            dy: -4,
            fontSize: 12,
            fontWeight: bold ? 'bold' : 'normal',
            fill: 'currentColor',
            className: 'lc-gallery-label',
          },
        ),
      ),
    ],
  });
}

/**
 * One row per run: run, parameters ("101,770"), seconds per epoch (2 decimals), final train and validation (or test)
 * loss and accuracy (4 decimals) and the gap train acc − val acc; '' where unknown.
 */
export function galleryTable(runs: readonly GalleryRun[], heldOut: HeldOut = 'validation'): DataTable {
  const num = (v: number | undefined) => (typeof v === 'number' && Number.isFinite(v) ? round4(v) : '');
  const h = heldOut === 'test' ? 'test' : 'val';
  return {
    columns: ['run', 'parameters', 's/epoch', 'train loss', `${h} loss`, 'train acc', `${h} acc`, 'gap'],
    rows: runs.map((r) => {
      const f = r.final;
      const gap = typeof f.trainAcc === 'number' && typeof f.valAcc === 'number' ? f.trainAcc - f.valAcc : NaN;
      return [
        r.label,
        typeof r.params === 'number' && Number.isFinite(r.params) ? formatCount(r.params) : '',
        typeof r.secondsPerEpoch === 'number' && Number.isFinite(r.secondsPerEpoch) ? Math.round(r.secondsPerEpoch * 100) / 100 : '',
        num(f.trainLoss),
        num(f.valLoss),
        num(f.trainAcc),
        num(f.valAcc),
        num(gap),
      ];
    }),
  };
}
