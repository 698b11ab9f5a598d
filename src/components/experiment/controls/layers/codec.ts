/**
 * The compact, readable URL form of a layer stack, e.g. the course CNN:
 *   c32k3-max2-c32k3-max2-flat-d128relu-d10softmax
 * Tokens (joined by "-"):
 *   conv      c<filters>k<kernel>[s<stride>][same][<activation>]   kernel/stride: 3 or 3x5; activation default relu
 *   pooling   max<pool>[s<stride>][same] · avg<pool>[s<stride>][same]
 *   flatten   flat
 *   dense     d<units>[<activation>]                               activation default linear
 *   dropout   drop<rate>                                           e.g. drop0.25
 * Decoding never throws; it says which token it could not read. Values are checked later by the spec.
 */
import { shown } from '../../../../engine/spec/vocabulary';
import type { LayerSpec } from '../../../../engine/spec/schema';
import { ACTIVATIONS } from '../../../../engine/spec/vocabulary';
import type { Decoded } from '../types';

/** A layer as authors write it (defaults may be missing). */
export type LayerInput = { type: string } & Record<string, unknown>;

const size = (v: unknown) => (Array.isArray(v) ? `${v[0]}x${v[1]}` : String(v));
const ACT = `(${ACTIVATIONS.join('|')})?`;
const SIZE = '(\\d+(?:x\\d+)?)';
const PATTERNS: [RegExp, (m: RegExpExecArray) => LayerInput][] = [
  [new RegExp(`^c(\\d+)k${SIZE}(?:s${SIZE})?(same)?${ACT}$`), (m) => ({ type: 'conv2d', filters: Number(m[1]), kernel: readSize(m[2]), stride: readSize(m[3] ?? '1'), padding: m[4] ? 'same' : 'valid', activation: m[5] ?? 'relu' })],
  [new RegExp(`^(max|avg)${SIZE}(?:s${SIZE})?(same)?$`), (m) => ({ type: m[1] === 'max' ? 'maxPooling2d' : 'averagePooling2d', pool: readSize(m[2]), ...(m[3] ? { stride: readSize(m[3]) } : {}), padding: m[4] ? 'same' : 'valid' })],
  [/^flat$/, () => ({ type: 'flatten' })],
  [new RegExp(`^d(\\d+)${ACT}$`), (m) => ({ type: 'dense', units: Number(m[1]), activation: m[2] ?? 'linear' })],
  [/^drop(\d*\.?\d+)$/, (m) => ({ type: 'dropout', rate: Number(m[1]) })],
];

function readSize(text: string): number | [number, number] {
  const [a, b] = text.split('x').map(Number);
  return b === undefined ? a : [a, b];
}

/** One layer as a token; unknown layer types (never produced by the schema) come out as '?'. */
export function encodeLayer(layer: LayerInput): string {
  const l = layer as Partial<LayerSpec> & Record<string, unknown>;
  switch (layer.type) {
    case 'conv2d': {
      const stride = l.stride === undefined || size(l.stride) === '1' ? '' : `s${size(l.stride)}`;
      const act = l.activation && l.activation !== 'relu' ? l.activation : '';
      return `c${l.filters}k${size(l.kernel)}${stride}${l.padding === 'same' ? 'same' : ''}${act}`;
    }
    case 'maxPooling2d':
    case 'averagePooling2d':
      return `${layer.type === 'maxPooling2d' ? 'max' : 'avg'}${size(l.pool ?? 2)}${l.stride !== undefined ? `s${size(l.stride)}` : ''}${l.padding === 'same' ? 'same' : ''}`;
    case 'flatten':
      return 'flat';
    case 'dense':
      return `d${l.units}${l.activation && l.activation !== 'linear' ? l.activation : ''}`;
    case 'dropout':
      return `drop${l.rate}`;
    default:
      return '?';
  }
}

export function encodeLayers(layers: LayerInput[]): string {
  return layers.map(encodeLayer).join('-');
}

export function decodeLayers(text: string): Decoded<LayerInput[]> {
  const tokens = text.trim().split('-');
  if (tokens.length > 200) return { ok: false, message: `a layer stack has at most 200 layers, got ${tokens.length}` };
  const layers: LayerInput[] = [];
  for (const [i, token] of tokens.entries()) {
    const hit = PATTERNS.map(([re, make]) => {
      const m = re.exec(token);
      return m ? make(m) : null;
    }).find(Boolean);
    if (!hit) return { ok: false, message: `layer ${i + 1} ${shown(token)} is not a layer: write e.g. c32k3, max2, avg2, flat, d128relu or drop0.5` };
    layers.push(hit);
  }
  return { ok: true, value: layers };
}
