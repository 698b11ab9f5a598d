/**
 * Where the validation loss comes from, per evaluation: one bar per epoch, as tall as the loss, split into the
 * confident mistakes' part (below) and every other example's part (on top). The numbers come from
 * `lossShare` (lossShares.ts), Plot-free, so the caption and the table say exactly what the bars show.
 */
import * as Plot from '@observablehq/plot';
import type { LossShare, LossShareNames } from './lossShares';
import { formatPercent, formatValue, frameOptions, PALETTE, type ChartOptions } from './theme';

/** A drawn segment of a bar. */
export interface LossShareRect {
  epoch: number;
  part: string;
  x1: number;
  x2: number;
  y1: number;
  y2: number;
  share: LossShare;
}

/** Bar segments: the confident mistakes' part from 0, the rest on top of it; bars half as wide as the gap between evaluations. */
export function lossShareRects(shares: readonly LossShare[], names: LossShareNames): LossShareRect[] {
  const drawn = shares.filter((s) => Number.isFinite(s.loss) && Number.isFinite(s.epoch));
  const epochs = drawn.map((s) => s.epoch).sort((a, b) => a - b);
  const gaps = epochs
    .slice(1)
    .map((e, i) => e - epochs[i])
    .filter((g) => g > 0);
  const half = (gaps.length ? Math.min(...gaps) : 1) * 0.35;
  return drawn.flatMap((s) => [
    { epoch: s.epoch, part: names.confident, x1: s.epoch - half, x2: s.epoch + half, y1: 0, y2: s.confidentLoss, share: s },
    { epoch: s.epoch, part: names.rest, x1: s.epoch - half, x2: s.epoch + half, y1: s.confidentLoss, y2: s.loss, share: s },
  ]);
}

/** Hover read-out of one evaluation. */
export function lossShareTipText(s: LossShare, names: LossShareNames, xLabel = 'epoch'): string {
  return [
    `${xLabel} ${Number(s.epoch.toFixed(3))}`,
    `loss ${formatValue(s.loss)}`,
    `${names.confident} (${s.confident}): ${formatValue(s.confidentLoss)}, ${formatPercent(s.share, 0)}`,
    `${names.rest} (${s.rest}): ${formatValue(s.restLoss)}`,
  ].join('\n');
}

/**
 * Stacked bars of the loss per evaluation. Classes: `lc-share-bar` on every segment, with `lc-share-confident` or
 * `lc-share-rest`. A legend names the two parts. Returns Plot's figure (legend + SVG).
 */
export function lossShareChart(shares: readonly LossShare[], names: LossShareNames, opts: ChartOptions): Element {
  const rects = lossShareRects(shares, names);
  const xLabel = opts.xLabel ?? 'epoch';
  const max = rects.reduce((m, r) => Math.max(m, r.y2), 0);
  const tops = rects.filter((r) => r.part === names.rest);
  const seg = (part: 'confident' | 'rest') =>
    Plot.rectY(
      rects.filter((r) => r.part === names[part]),
      { x1: 'x1', x2: 'x2', y1: 'y1', y2: 'y2', fill: 'part', className: `lc-share-bar lc-share-${part}` },
    );
  return Plot.plot({
    ...frameOptions(opts),
    ariaLabel:
      opts.ariaLabel ??
      `Validation loss per evaluation split into ${names.confident} and ${names.rest}, ${tops.length} evaluation${tops.length === 1 ? '' : 's'}`,
    x: { label: xLabel, labelAnchor: 'right' },
    y: { label: opts.yLabel ?? 'loss', grid: true, domain: [0, max > 0 ? max * 1.08 : 1] },
    color: { domain: [names.confident, names.rest], range: [PALETTE[3], PALETTE[0]], legend: true },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.5 }),
      seg('confident'),
      seg('rest'),
      Plot.tip(tops, Plot.pointerX({ x: 'epoch', y: 'y2', title: (r: LossShareRect) => lossShareTipText(r.share, names, xLabel) })),
    ],
  });
}
