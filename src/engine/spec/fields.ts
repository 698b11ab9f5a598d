/**
 * Zod field builders whose messages a reader understands: "learning rate must be a number > 0, got -1".
 * Each builder takes the human name of the field, used in every message it produces.
 */
import { z } from './zod';
import { shown } from './vocabulary';

export { shown };

type Bounds = { min?: number; max?: number; minExclusive?: boolean; maxExclusive?: boolean };

function describe(kind: 'a number' | 'a whole number', b: Bounds): string {
  const parts: string[] = [];
  if (b.min !== undefined) parts.push(`${b.minExclusive ? '>' : '≥'} ${b.min}`);
  if (b.max !== undefined) parts.push(`${b.maxExclusive ? '<' : '≤'} ${b.max}`);
  return parts.length ? `${kind} ${parts.join(' and ')}` : kind;
}

function bounded(label: string, kind: 'a number' | 'a whole number', b: Bounds) {
  const want = describe(kind, b);
  const error = (iss: { input?: unknown }) => `${label} must be ${want}, got ${shown(iss.input)}`;
  let s = z.number({ error });
  if (kind === 'a whole number') s = s.int({ error });
  if (b.min !== undefined) s = b.minExclusive ? s.gt(b.min, { error }) : s.gte(b.min, { error });
  if (b.max !== undefined) s = b.maxExclusive ? s.lt(b.max, { error }) : s.lte(b.max, { error });
  // NaN and ±Infinity are numbers to JavaScript but never sensible settings.
  return s.refine((v) => Number.isFinite(v), { error });
}

/** A finite number within bounds. */
export const num = (label: string, b: Bounds = {}) => bounded(label, 'a number', b);
/** A whole number within bounds. */
export const int = (label: string, b: Bounds = {}) => bounded(label, 'a whole number', b);
/** A number strictly greater than zero. */
export const positive = (label: string, max?: number) => num(label, { min: 0, minExclusive: true, max });
/** A whole number ≥ 1. */
export const count = (label: string, max?: number) => int(label, { min: 1, max });

/** One of a fixed set of words. */
export function oneOf<const T extends readonly [string, ...string[]]>(label: string, options: T) {
  return z.enum(options, {
    error: (iss) => `${label} must be one of ${options.join(', ')}, got ${shown(iss.input)}`,
  });
}
