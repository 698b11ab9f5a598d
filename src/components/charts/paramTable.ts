/**
 * The parameter table beside the layer-stack editor: each layer's output shape, how many numbers it
 * outputs and how many parameters it holds, with the total; and which layer holds most of them (usually
 * the dense layer after flatten).
 */
import type { DataTable } from './tables';
import { formatCount, formatPercent, formatShape } from './theme';

/** One layer as `summarize()` describes it (engine's LayerSummary). */
export interface LayerSummaryLike {
  name: string;
  type: string;
  outputShape: readonly number[];
  params: number;
  /** Of `params`, those never trained by gradient (BatchNorm's moving mean and variance). */
  nonTrainable?: number;
  activation?: string;
  /** Weights loaded from a pretrained file; 'frozen' when training leaves them alone. */
  pretrained?: 'frozen' | 'trainable';
}

/** A model as `summarize()` describes it (engine's ModelSummary). */
export interface ModelSummaryLike {
  inputShape: readonly number[];
  layers: readonly LayerSummaryLike[];
  totalParams: number;
}

/** Options of `paramTable`. */
export interface ParamTableOptions {
  /** First row for the input (its shape and numbers, no parameters); default true. */
  input?: boolean;
}

/** Product of a shape's dimensions: how many numbers a layer outputs. */
export function numbersOut(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** "conv2d_1 (relu)": the layer's name with its activation, if any, and "· frozen" (or "· pretrained") for loaded weights. */
export function layerLabel(layer: LayerSummaryLike): string {
  const base = layer.activation ? `${layer.name} (${layer.activation})` : layer.name;
  return layer.pretrained ? `${base} · ${layer.pretrained === 'frozen' ? 'frozen' : 'pretrained'}` : base;
}

/** "5,280 of 8,897 parameters are pretrained and frozen; training updates the other 3,617", or null with none frozen. */
export function frozenText(summary: ModelSummaryLike): string | null {
  const frozen = summary.layers.reduce((sum, l) => sum + (l.pretrained === 'frozen' ? l.params : 0), 0);
  if (frozen === 0) return null;
  return `${formatCount(frozen)} of ${formatCount(summary.totalParams)} parameters are pretrained and frozen; training updates the other ${formatCount(summary.totalParams - frozen)}`;
}

/**
 * "64 of 1,726 parameters are batch-norm moving averages: …", or null when every parameter is trained (frozen
 * pretrained layers are counted by `frozenText`).
 */
export function nonTrainableText(summary: ModelSummaryLike): string | null {
  const n = summary.layers.reduce((sum, l) => sum + (l.pretrained === 'frozen' ? 0 : (l.nonTrainable ?? 0)), 0);
  if (n === 0) return null;
  return `${formatCount(n)} of ${formatCount(summary.totalParams)} parameters are batch-norm moving averages (mean and variance): the forward pass updates them while training and uses them afterwards; no gradient trains them`;
}

/** A layer's parameter cell: "320", or "64 (32 trainable)" where some are not trained by gradient. */
export function paramsCell(layer: LayerSummaryLike): string {
  const n = layer.nonTrainable ?? 0;
  return n > 0 && layer.pretrained !== 'frozen'
    ? `${formatCount(layer.params)} (${formatCount(layer.params - n)} trainable)`
    : formatCount(layer.params);
}

/**
 * Columns layer, output shape ("26×26×32"), numbers out ("21,632") and parameters ("320"): an input row
 * (parameters ''), one row per layer, then "total" with the summary's total. Counts carry thousands
 * separators, as the reader sees them.
 */
export function paramTable(summary: ModelSummaryLike, opts: ParamTableOptions = {}): DataTable {
  const rows: (string | number)[][] = [];
  if (opts.input ?? true) rows.push(['input', formatShape(summary.inputShape), formatCount(numbersOut(summary.inputShape)), '']);
  for (const l of summary.layers)
    rows.push([layerLabel(l), formatShape(l.outputShape), formatCount(numbersOut(l.outputShape)), paramsCell(l)]);
  rows.push(['total', '', '', formatCount(summary.totalParams)]);
  return { columns: ['layer', 'output shape', 'numbers out', 'parameters'], rows };
}

/** The layer holding the most parameters. */
export interface LargestLayer {
  /** Index in `summary.layers` (its table row is index + 1 with the input row). */
  index: number;
  name: string;
  type: string;
  params: number;
  /** params / totalParams. */
  share: number;
}

/** The layer with the most parameters (the first on a tie); null when no layer has any. */
export function largestParamLayer(summary: ModelSummaryLike): LargestLayer | null {
  let index = -1;
  summary.layers.forEach((l, i) => {
    if (l.params > 0 && (index < 0 || l.params > summary.layers[index].params)) index = i;
  });
  if (index < 0) return null;
  const l = summary.layers[index];
  const total = summary.totalParams > 0 ? summary.totalParams : summary.layers.reduce((s, x) => s + x.params, 0);
  return { index, name: l.name, type: l.type, params: l.params, share: l.params / total };
}

/** "dense_1 holds 692,352 of 693,962 parameters (99.8%)"; '' when no layer has parameters. */
export function largestParamText(summary: ModelSummaryLike): string {
  const l = largestParamLayer(summary);
  return l ? `${l.name} holds ${formatCount(l.params)} of ${formatCount(summary.totalParams)} parameters (${formatPercent(l.share)})` : '';
}
