/**
 * Every layer type the book knows, in the order the editor offers them. Adding a layer type: write its file (see
 * def.ts) and list it here; the schema, summary, forward pass, Keras export, URL codec and editor all read this list.
 */
import { averagePooling2d, maxPooling2d } from './pooling';
import { batchNormalization } from './batch-normalization';
import { conv2d } from './conv2d';
import type { z } from 'zod';
import type { LayerDef, LayerInput } from './def';
import { dense } from './dense';
import { dropout } from './dropout';
import { flatten } from './flatten';
import { globalAveragePooling2d } from './global-average-pooling';

export const LAYER_DEFS = [
  conv2d,
  maxPooling2d,
  averagePooling2d,
  batchNormalization,
  globalAveragePooling2d,
  dense,
  dropout,
  flatten,
] as const;

type Schemas = ReturnType<(typeof LAYER_DEFS)[number]['schema']>;
/** A validated layer, defaults filled: the union of every layer type's schema. */
export type LayerSpec = z.infer<Schemas>;
/** A layer as authors write it (defaults may be omitted). */
export type LayerSpecInput = z.input<Schemas>;
export type LayerType = LayerSpec['type'];

/** A layer definition that takes any validated layer (each file's methods take its own layer type). */
export type AnyLayerDef = LayerDef<z.ZodObject, LayerSpec>;

const BY_TYPE = new Map<string, AnyLayerDef>(LAYER_DEFS.map((d) => [d.type, d as unknown as AnyLayerDef]));

/** The definition of a layer type, or undefined for a type the book does not know. */
export function layerDef(type: string): AnyLayerDef | undefined {
  return BY_TYPE.get(type);
}

/** The definition of a validated layer (its type is always known). */
export function defOf(layer: { type: string }): AnyLayerDef {
  const def = BY_TYPE.get(layer.type);
  if (!def) throw new Error(`unknown layer type ${JSON.stringify(layer.type)}`);
  return def;
}

/** Layer types by name, for messages: "conv2d, maxPooling2d, …". */
export const LAYER_TYPES: readonly string[] = LAYER_DEFS.map((d) => d.type);

/** A layer in canonical form (keys in the token reader's order, defaults filled); unknown types are copied. */
export function canonicalLayer(layer: LayerInput): LayerInput {
  return layerDef(layer.type)?.canonical(layer) ?? { ...layer };
}
