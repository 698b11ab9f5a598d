/**
 * The layer-stack editor's logic, free of rendering: the blocks a reader can add (with defaults and a sensible
 * place in the stack), moving and removing rows, how a layer is named to a reader, how its text fields read,
 * and which spec issue belongs on which row and field.
 */
import type { Validator } from '../../validation';
import type { SpecInput } from '../types';
import { canonicalLayer, type LayerInput } from './codec';

export const BLOCKS = ['conv2d', 'maxPooling2d', 'averagePooling2d', 'dense', 'dropout', 'flatten'] as const;
export type BlockType = (typeof BLOCKS)[number];

/** Row titles. */
export const TITLES: Record<BlockType, string> = {
  conv2d: 'Convolution',
  maxPooling2d: 'Max pool',
  averagePooling2d: 'Average pool',
  dense: 'Dense',
  dropout: 'Dropout',
  flatten: 'Flatten',
};

/** Short names on the "add" buttons (each reads "Add <name> layer" to assistive technology). */
export const SHORT: Record<BlockType, string> = {
  conv2d: 'Conv',
  maxPooling2d: 'Max pool',
  averagePooling2d: 'Avg pool',
  dense: 'Dense',
  dropout: 'Dropout',
  flatten: 'Flatten',
};

/** The editable fields of each block, in row order. */
export const FIELDS: Record<BlockType, readonly string[]> = {
  conv2d: ['filters', 'kernel', 'stride', 'padding', 'activation'],
  maxPooling2d: ['pool', 'stride', 'padding'],
  averagePooling2d: ['pool', 'stride', 'padding'],
  dense: ['units', 'activation'],
  dropout: ['rate'],
  flatten: [],
};

const isMap = (l: LayerInput) => l.type === 'conv2d' || l.type.endsWith('Pooling2d');

/** A size as a reader sees it: 3 → "3×3", [3, 5] → "3×5"; anything else as it is. */
export function sizeText(v: unknown, square = true): string {
  if (Array.isArray(v)) return `${v[0]}×${v[1]}`;
  if (typeof v === 'number') return square ? `${v}×${v}` : String(v);
  return String(v ?? '');
}

/** A layer in a few words, e.g. "conv 8 filters 3×3", "max pool 2×2", "dense 32 units", "dropout 0.25". */
export function describeLayer(layer: LayerInput): string {
  const l = layer as Record<string, unknown>;
  switch (layer.type) {
    case 'conv2d':
      return `conv ${String(l.filters)} filters ${sizeText(l.kernel)}`;
    case 'maxPooling2d':
      return `max pool ${sizeText(l.pool ?? 2)}`;
    case 'averagePooling2d':
      return `average pool ${sizeText(l.pool ?? 2)}`;
    case 'dense':
      return `dense ${String(l.units)} units`;
    case 'dropout':
      return `dropout ${String(l.rate)}`;
    case 'flatten':
      return 'flatten';
    default:
      return String(layer.type);
  }
}

/** A new block with sensible defaults (a convolution repeats the filter count of the one before it). */
export function newLayer(type: BlockType, layers: LayerInput[], at: number): LayerInput {
  switch (type) {
    case 'conv2d': {
      const before = layers.slice(0, at).findLast((l) => l.type === 'conv2d')?.filters;
      const filters = typeof before === 'number' && Number.isInteger(before) && before >= 1 ? before : 16;
      return canonicalLayer({ type, filters, kernel: 3 });
    }
    case 'maxPooling2d':
    case 'averagePooling2d':
      return canonicalLayer({ type, pool: 2 });
    case 'dense':
      return canonicalLayer({ type, units: 32, activation: 'relu' });
    case 'dropout':
      return canonicalLayer({ type, rate: 0.25 });
    case 'flatten':
      return { type };
  }
}

/**
 * Where a new block goes: convolutions and pools after the last convolution or pool (so before Flatten);
 * Flatten right after them; dense and dropout layers just before the output layer (the last dense layer).
 */
export function insertIndex(layers: LayerInput[], type: BlockType): number {
  const lastMap = layers.findLastIndex(isMap);
  const firstVector = layers.findIndex((l) => l.type === 'flatten' || l.type === 'dense');
  switch (type) {
    case 'conv2d':
    case 'maxPooling2d':
    case 'averagePooling2d':
      return lastMap >= 0 ? lastMap + 1 : firstVector >= 0 ? firstVector : layers.length;
    case 'flatten':
      return lastMap + 1;
    case 'dense':
    case 'dropout':
      return layers.length > 0 && layers[layers.length - 1].type === 'dense' ? layers.length - 1 : layers.length;
  }
}

/** Returns a copy of `items` with the item at `from` moved to `to`. */
export function moveItem<T>(items: readonly T[], from: number, to: number): T[] {
  const out = [...items];
  const [item] = out.splice(from, 1);
  out.splice(to, 0, item);
  return out;
}

/** Whole numbers and decimals as numbers; anything else stays text for the spec to explain. */
export function readNumber(text: string): number | string {
  const t = text.trim();
  return t !== '' && /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t) : text;
}

/**
 * A kernel, stride or pool size: "3" → 3, "3x5" / "3×5" / "3 5" / "3,5" → [3, 5] ("3x3" → 3); "" → undefined
 * where the field may be left empty (a pool's stride), else the text itself for the spec to explain.
 */
export function readSize(text: string, optional = false): number | [number, number] | string | undefined {
  const t = text.trim();
  if (t === '' && optional) return undefined;
  const parts = t.split(/\s*[x×*,]\s*|\s+/i).filter((p) => p !== '');
  if (parts.length === 1) return readNumber(parts[0]);
  if (parts.length === 2) {
    const [a, b] = parts.map(readNumber);
    if (typeof a === 'number' && typeof b === 'number') return a === b ? a : [a, b];
  }
  return text;
}

export interface RowIssues {
  /** Messages about the whole layer (it does not fit its input, the output layer is wrong…). */
  row: string[];
  /** The first message for each field shown on the row. */
  fields: Record<string, string>;
}

export interface StackIssues {
  /** By row index. */
  rows: Record<number, RowIssues>;
  /** Messages about the stack as a whole (no layers, image input needed). */
  general: string[];
}

/**
 * Spec issues placed on the rows and fields they are about (paths `model.layers.N[.field…]`). Takes the lazily
 * loaded validator (validation.ts), so that zod stays out of the page until something needs it.
 */
export function stackIssues(spec: SpecInput, v: Pick<Validator, 'parseSpec' | 'summaryRows'>): StackIssues {
  const out: StackIssues = { rows: {}, general: [] };
  const layers = spec.model?.kind === 'layers' && Array.isArray(spec.model.layers) ? (spec.model.layers as LayerInput[]) : [];
  const rowOf = (n: number) => (out.rows[n] ??= { row: [], fields: {} });
  const addRow = (n: number, message: string) => {
    const r = rowOf(n);
    if (!r.row.includes(message)) r.row.push(message);
  };
  const parsed = v.parseSpec(spec);
  /** The first layer with a field that does not validate. */
  let firstBad = Infinity;
  for (const issue of parsed.ok ? [] : parsed.issues) {
    const m = /^model\.layers\.(\d+)(?:\.([^.]+))?/.exec(issue.path);
    if (m) {
      const n = Number(m[1]);
      const field = m[2];
      const shown = FIELDS[layers[n]?.type as BlockType] ?? [];
      if (field) firstBad = Math.min(firstBad, n);
      if (field && shown.includes(field)) rowOf(n).fields[field] ??= issue.message;
      else addRow(n, issue.message);
    } else if ((issue.path === 'model.layers' || issue.path === 'data.input') && !out.general.includes(issue.message)) {
      out.general.push(issue.message);
    }
  }
  // A layer that cannot be built, as the parameter table reports it. parseSpec reports it too, but only when
  // every field is valid; this keeps it on its row while another control, or a later layer, holds text.
  if (spec.model?.kind === 'layers') {
    const before = firstBad > 0 && firstBad < layers.length ? ({ ...spec, model: { ...spec.model, layers: layers.slice(0, firstBad) } } as SpecInput) : spec;
    const failure = v.summaryRows(before).failure;
    if (failure) addRow(failure.layer, failure.message);
  }
  return out;
}
