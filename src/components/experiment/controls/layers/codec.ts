/**
 * The compact, readable URL form of a layer stack, e.g. the course CNN:
 *   c32k3-max2-c32k3-max2-flat-d128relu-d10softmax
 * Each layer type declares its token in its own file under engine/layers/ (pattern, reader, writer):
 *   conv      c<filters>k<kernel>[s<stride>][same][<activation>]   kernel/stride: 3 or 3x5; activation default relu
 *   pooling   max<pool>[s<stride>][same] · avg<pool>[s<stride>][same] · gap (global average)
 *   batch norm bn[<momentum>]                                      momentum default 0.99
 *   flatten   flat
 *   dense     d<units>[<activation>]                               activation default linear
 *   dropout   drop<rate>                                           e.g. drop0.25
 * Decoding never throws; it says which token it could not read. Values are checked later by the spec.
 * `canonicalLayer` writes a layer the way `decodeLayers` reads it back (same keys, same order, defaults filled),
 * so a stack the editor produces round-trips through the hash exactly.
 */
import type { LayerInput } from '../../../../engine/layers/def';
import { LAYER_DEFS, layerDef } from '../../../../engine/layers/registry';
import { MAX_LAYERS, shown } from '../../../../engine/spec/vocabulary';
import type { Decoded } from '../types';

export type { LayerInput } from '../../../../engine/layers/def';
export { decimal } from '../../../../engine/layers/def';
export { canonicalLayer } from '../../../../engine/layers/registry';

/** One layer as a token; unknown layer types (never produced by the schema) come out as '?'. */
export function encodeLayer(layer: LayerInput): string {
  return layerDef(layer.type)?.token.write(layer) ?? '?';
}

export function encodeLayers(layers: LayerInput[]): string {
  return layers.map(encodeLayer).join('-');
}

const examples = LAYER_DEFS.map((d) => d.token.example);
const EXAMPLES = `${examples.slice(0, -1).join(', ')} or ${examples[examples.length - 1]}`;

export function decodeLayers(text: string): Decoded<LayerInput[]> {
  const tokens = text.trim().split('-');
  if (tokens.length > MAX_LAYERS) return { ok: false, message: `a layer stack has at most ${MAX_LAYERS} layers, got ${tokens.length}` };
  const layers: LayerInput[] = [];
  for (const [i, token] of tokens.entries()) {
    const hit = LAYER_DEFS.map(({ token: t }) => {
      const m = t.pattern.exec(token);
      return m ? t.read(m) : null;
    }).find(Boolean);
    if (!hit) return { ok: false, message: `layer ${i + 1} ${shown(token)} is not a layer: write e.g. ${EXAMPLES}` };
    layers.push(hit);
  }
  return { ok: true, value: layers };
}
