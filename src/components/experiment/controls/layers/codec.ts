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
 * `canonicalLayer` writes a layer the way `decodeLayers` reads it back (same keys, same order, defaults filled),
 * so a stack the editor produces round-trips through the hash exactly.
 */
import type { LayerSpec } from '../../../../engine/spec/schema';
import { ACTIVATIONS, MAX_LAYERS, shown } from '../../../../engine/spec/vocabulary';
import type { Decoded } from '../types';

/** A layer as authors write it (defaults may be missing). */
export type LayerInput = { type: string } & Record<string, unknown>;

/** Any value as text, even one that cannot be converted (a null-prototype object, a symbol). */
const text = (v: unknown): string => {
  try {
    return String(v);
  } catch {
    return '?';
  }
};
const size = (v: unknown) => (Array.isArray(v) ? `${text(v[0])}x${text(v[1])}` : text(v));
const ACT = `(${ACTIVATIONS.join('|')})?`;
const SIZE = '(\\d+(?:x\\d+)?)';
const PATTERNS: [RegExp, (m: RegExpExecArray) => LayerInput][] = [
  [new RegExp(`^c(\\d+)k${SIZE}(?:s${SIZE})?(same)?${ACT}$`), (m) => ({ type: 'conv2d', filters: Number(m[1]), kernel: readSize(m[2]), stride: readSize(m[3] ?? '1'), padding: m[4] ? 'same' : 'valid', activation: m[5] ?? 'relu' })],
  [new RegExp(`^(max|avg)${SIZE}(?:s${SIZE})?(same)?$`), (m) => ({ type: m[1] === 'max' ? 'maxPooling2d' : 'averagePooling2d', pool: readSize(m[2]), ...(m[3] ? { stride: readSize(m[3]) } : {}), padding: m[4] ? 'same' : 'valid' })],
  [/^flat$/, () => ({ type: 'flatten' })],
  [new RegExp(`^d(\\d+)${ACT}$`), (m) => ({ type: 'dense', units: Number(m[1]), activation: m[2] ?? 'linear' })],
  // One way to match each number (no `\d*\.?\d+`): a long run of digits must not backtrack quadratically.
  [/^drop(\d+(?:\.\d+)?|\.\d+)$/, (m) => ({ type: 'dropout', rate: Number(m[1]) })],
];

function readSize(text: string): number | [number, number] {
  const [a, b] = text.split('x').map(Number);
  return b === undefined ? a : [a, b];
}

/** A number without an exponent ("-" separates tokens, so 1e-7 is written 0.0000001), still exact. */
export function decimal(v: unknown): string {
  const written = text(v);
  const m = /^(-?)(\d+)(?:\.(\d+))?e([+-]\d+)$/.exec(written);
  if (typeof v !== 'number' || !m) return written;
  const digits = m[2] + (m[3] ?? '');
  const point = m[2].length + Number(m[4]);
  const body = point <= 0 ? `0.${'0'.repeat(-point)}${digits}` : point >= digits.length ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return m[1] + body;
}

/**
 * The layer with the keys `decodeLayers` produces, in its order, defaults filled; values are kept as they are
 * (even text the spec will reject), so a reader's half-typed field survives.
 */
export function canonicalLayer(layer: LayerInput): LayerInput {
  const l = layer as Record<string, unknown> & { type: string };
  switch (l.type) {
    case 'conv2d':
      return { type: l.type, filters: l.filters, kernel: l.kernel, stride: l.stride ?? 1, padding: l.padding ?? 'valid', activation: l.activation ?? 'relu' };
    case 'maxPooling2d':
    case 'averagePooling2d':
      return { type: l.type, pool: l.pool ?? 2, ...(l.stride !== undefined ? { stride: l.stride } : {}), padding: l.padding ?? 'valid' };
    case 'flatten':
      return { type: l.type };
    case 'dense':
      return { type: l.type, units: l.units, activation: l.activation ?? 'linear' };
    case 'dropout':
      return { type: l.type, rate: l.rate };
    default:
      return { ...layer };
  }
}

/** One layer as a token; unknown layer types (never produced by the schema) come out as '?'. */
export function encodeLayer(layer: LayerInput): string {
  const l = layer as Partial<LayerSpec> & Record<string, unknown>;
  switch (layer.type) {
    case 'conv2d': {
      const stride = l.stride === undefined || size(l.stride) === '1' ? '' : `s${size(l.stride)}`;
      const act = l.activation && l.activation !== 'relu' ? l.activation : '';
      return `c${text(l.filters)}k${size(l.kernel)}${stride}${l.padding === 'same' ? 'same' : ''}${text(act)}`;
    }
    case 'maxPooling2d':
    case 'averagePooling2d':
      return `${layer.type === 'maxPooling2d' ? 'max' : 'avg'}${size(l.pool ?? 2)}${l.stride !== undefined ? `s${size(l.stride)}` : ''}${l.padding === 'same' ? 'same' : ''}`;
    case 'flatten':
      return 'flat';
    case 'dense':
      return `d${text(l.units)}${l.activation && l.activation !== 'linear' ? text(l.activation) : ''}`;
    case 'dropout':
      return `drop${decimal(l.rate)}`;
    default:
      return '?';
  }
}

export function encodeLayers(layers: LayerInput[]): string {
  return layers.map(encodeLayer).join('-');
}

export function decodeLayers(text: string): Decoded<LayerInput[]> {
  const tokens = text.trim().split('-');
  if (tokens.length > MAX_LAYERS) return { ok: false, message: `a layer stack has at most ${MAX_LAYERS} layers, got ${tokens.length}` };
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
