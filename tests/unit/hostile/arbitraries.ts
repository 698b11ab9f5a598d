/**
 * Hostile input for property-based tests: strings a link or a pasted spec could carry (markup, `javascript:`,
 * prototype keys, unicode, control characters, huge and negative numbers), and JSON-like values of every type.
 */
import fc from 'fast-check';

export const NASTY_STRINGS = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(document.cookie)',
  'JaVaScRiPt:alert(1)',
  '__proto__',
  'constructor',
  'prototype',
  '__proto__[polluted]=1',
  'constructor.prototype.polluted',
  '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '%E0%A4%A',
  '%',
  '\u0000',
  '\u202e\u202d',
  '💥🧠',
  'ℕ𝕒𝕟',
  'Infinity',
  '-Infinity',
  'NaN',
  '1e309',
  '-1e309',
  '0x10',
  '1e-400',
  '9'.repeat(400),
  '-' + '1'.repeat(50),
  ' ',
  '',
  'null',
  'undefined',
  '{}',
  '[]',
  '${7*7}',
];

/** A string drawn from the nasty list, random unicode, or a mix of both. */
export const hostileString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.tuple(fc.constantFrom(...NASTY_STRINGS), fc.string({ maxLength: 10 }), fc.constantFrom(...NASTY_STRINGS)).map((p) => p.join('')),
);

/** Numbers a spec field might be handed: huge, tiny, negative, fractional, non-finite. */
export const hostileNumber = fc.oneof(
  fc.constantFrom(
    0,
    -0,
    -1,
    1e308,
    -1e308,
    Number.MAX_SAFE_INTEGER + 2,
    2 ** 53,
    2 ** 32,
    1e-320,
    Number.NaN,
    Infinity,
    -Infinity,
    0.5,
    1.5,
  ),
  fc.double(),
  fc.integer(),
);

/** Any JSON-ish value, hostile strings and numbers included, objects with `__proto__` and `constructor` keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'type', 'kind'), fc.string({ maxLength: 8 })),
      tie('value'),
      { maxKeys: 4 },
    ),
    // JSON.parse makes "__proto__" an own property, as a pasted spec would.
    fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')),
  ),
})).value;

/** Every leaf path of a plain object tree, e.g. ["optimizer", "learningRate"]. */
export function leafPaths(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return [prefix];
  const entries = Object.entries(value as Record<string, unknown>);
  return entries.length ? entries.flatMap(([k, v]) => leafPaths(v, [...prefix, k])) : [prefix];
}

/** A deep copy of `value` with the leaf at `path` replaced. */
export function withLeaf<T>(value: T, path: string[], leaf: unknown): T {
  const copy = structuredClone(value) as Record<string, unknown>;
  let at = copy;
  for (const k of path.slice(0, -1)) at = at[k] as Record<string, unknown>;
  if (path.length) at[path[path.length - 1]] = leaf;
  return copy as T;
}

/** Fails the test if anything was added to Object.prototype (a polluted prototype shows up on every object). */
export function expectUnpolluted(): void {
  const probe: Record<string, unknown> = {};
  const extra = Object.getOwnPropertyNames(Object.prototype).filter((k) => !BASE_PROTOTYPE_KEYS.has(k));
  if (extra.length || 'polluted' in probe) throw new Error(`Object.prototype was polluted: ${extra.join(', ') || 'polluted'}`);
}
const BASE_PROTOTYPE_KEYS = new Set(Object.getOwnPropertyNames(Object.prototype));
