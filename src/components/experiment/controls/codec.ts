/** Shared pieces of control definitions: number parsing for hash values, and spec-path helpers. */
import { shown } from '../../../engine/spec/vocabulary';
import type { Decoded, SpecInput } from './types';

/** A plain decimal or exponent number; rejects "", "0x10", "Infinity", "1,5". */
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i; // one way to match each digit: no quadratic backtracking

/** Reads a number from a hash value; range checks are left to the spec, which explains them in words. */
export function decodeNumber(noun: string) {
  return (text: string): Decoded<number> => {
    if (!NUMBER.test(text.trim())) return { ok: false, message: `${noun} must be a number, got ${shown(text)}` };
    const value = Number(text);
    // "1e309" is written like a number but is Infinity to JavaScript: say so rather than pass Infinity on.
    return Number.isFinite(value) ? { ok: true, value } : { ok: false, message: `${noun} is too large, got ${shown(text.trim())}` };
  };
}

/** The number a reader typed, or the raw text when it is not one (validation then explains why). */
export function numberOrText(text: string): number | string {
  const t = text.trim();
  if (t === '') return text;
  const n = Number(t);
  return Number.isNaN(n) ? text : n;
}

/** A shallow-copied sub-object of a spec, created if missing, for `apply` to write into. */
export function section<K extends 'data' | 'model' | 'optimizer' | 'training' | 'record'>(
  spec: SpecInput,
  key: K,
): Record<string, unknown> {
  const s = spec as unknown as Record<string, Record<string, unknown> | undefined>;
  s[key] = { ...(s[key] ?? {}) };
  return s[key]!;
}

/** Reads a dotted path from a spec (undefined where any step is missing). */
export function at(spec: SpecInput, path: string): unknown {
  let v: unknown = spec;
  for (const k of path.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
  return v;
}
