/**
 * The layer-stack editor's logic, free of rendering: the blocks a reader can add (with defaults and a sensible
 * place in the stack), moving and removing rows, how a layer is named to a reader, how its text fields read,
 * and which spec issue belongs on which row and field.
 */
import type { Validator } from '../../validation';
import type { SpecInput } from '../types';
import { canonicalLayer, type LayerInput } from './codec';
import { sizeText } from '../../../../engine/layers/def';
import { LAYER_DEFS, layerDef, type LayerType } from '../../../../engine/layers/registry';

/** The blocks a reader can add, in the order of the "add" buttons: every layer type in the registry. */
export const BLOCKS = LAYER_DEFS.map((d) => d.type) as readonly LayerType[];
export type BlockType = LayerType;

const editorOf = (type: string) => layerDef(type)?.editor;

/** Row title, e.g. "Convolution". */
export const titleOf = (type: string): string => editorOf(type)?.title ?? type;
/** Short name on the "add" button (read as "Add <name> layer" to assistive technology). */
export const shortOf = (type: string): string => editorOf(type)?.short ?? type;
/** The editable fields of a block, in row order (none for a type the book does not know). */
export const fieldsOf = (type: string): readonly string[] => editorOf(type)?.fields ?? [];

const isMap = (l: LayerInput) => !!layerDef(l.type)?.image && editorOf(l.type)?.place === 'map';

/** A size as a reader sees it: 3 → "3×3", [3, 5] → "3×5"; anything else as it is. */
export { sizeText };

/** A layer in a few words, e.g. "conv 8 filters 3×3", "max pool 2×2", "dense 32 units", "dropout 0.25". */
export function describeLayer(layer: LayerInput): string {
  return editorOf(layer.type)?.describe(layer) ?? String(layer.type);
}

/** A new block with its type's defaults (a convolution repeats the filter count of the one before it). */
export function newLayer(type: BlockType, layers: LayerInput[], at: number): LayerInput {
  return canonicalLayer(editorOf(type)!.create(layers.slice(0, at)));
}

/**
 * Where a new block goes, by its type's `place`: convolutions and pools after the last convolution or pool (so
 * before Flatten); Flatten and global pooling right after them; dense and dropout layers just before the output
 * layer (the last dense layer); batch normalisation right after the last convolution, else like a dense layer.
 */
export function insertIndex(layers: LayerInput[], type: BlockType): number {
  const lastMap = layers.findLastIndex(isMap);
  const firstVector = layers.findIndex((l) => l.type === 'flatten' || l.type === 'dense');
  const beforeOutput = layers.length > 0 && layers[layers.length - 1].type === 'dense' ? layers.length - 1 : layers.length;
  switch (editorOf(type)!.place) {
    case 'map':
      return lastMap >= 0 ? lastMap + 1 : firstVector >= 0 ? firstVector : layers.length;
    case 'bridge':
      return lastMap + 1;
    case 'vector':
      return beforeOutput;
    case 'afterConv': {
      const lastConv = layers.findLastIndex((l) => l.type === 'conv2d');
      return lastConv >= 0 ? lastConv + 1 : beforeOutput;
    }
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
      const shown = fieldsOf(String(layers[n]?.type));
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
    const before =
      firstBad > 0 && firstBad < layers.length
        ? ({ ...spec, model: { ...spec.model, layers: layers.slice(0, firstBad) } } as SpecInput)
        : spec;
    const failure = v.summaryRows(before).failure;
    if (failure) addRow(failure.layer, failure.message);
  }
  return out;
}
