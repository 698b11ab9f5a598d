/**
 * Hostile links in the book's own hash format (`#<demoId>:<key>=<value>&…;<demoId2>:…`, see
 * src/components/experiment/controls/hash.ts), generated deterministically with seeded fast-check.
 *
 * Every link names a demo that takes settings and carries at least one entry no control can read or accept
 * (script and markup, `javascript:` URLs, prototype keys, unicode, broken percent-encoding, numbers beyond a
 * double, 10,000-element layer lists, unknown keys, a key without a value), mixed with ordinary entries,
 * junk demo ids, plain anchors and, sometimes, the whole hash percent-encoded once as some apps do.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';

/** Every control's hash key, read from the control registry's files (one file per control). */
export const KEYS: string[] = readdirSync('src/components/experiment/controls/defs')
  .map((f) => /^\s*key: '([^']+)'/m.exec(readFileSync(join('src/components/experiment/controls/defs', f), 'utf8'))?.[1])
  .filter((k): k is string => !!k)
  .sort();

/** Payloads that would run script if any of them were ever written into the page as markup or code. */
export const SCRIPTS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1;alert(1)">',
  "'><svg/onload=window.__pwned=1>",
  'javascript:window.__pwned=1',
  'javascript:alert(document.domain)',
  '{{constructor.constructor("window.__pwned=1")()}}',
  '${alert(1)}',
  '</style></p><script>alert(1)</script>',
  '<iframe srcdoc="<script>parent.__pwned=1</script>">',
  'data:text/html,<script>alert(1)</script>',
];
const PROTO = ['__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__proto__[polluted]'];
const NUMBERS = ['1e309', '-1e309', 'NaN', 'Infinity', '-Infinity', `1${'0'.repeat(400)}`, '1e99999'];
const BROKEN_PERCENT = ['%E0%A4%A', '%', '%%41', '%u0041', '%C0%80', '%FF%FE'];
/** Settings a demo may well accept: the hostile entries travel among ordinary ones. */
const ORDINARY = [
  'lr=0.1',
  'lr=0.54',
  'seed=3',
  'it=40',
  'ep=2',
  'bs=32',
  'bs=full',
  'opt=adam',
  'opt=sgd',
  'drop=0.2',
  'l2=0.001',
  'train=500',
  'sizes=784-7-1',
];

const enc = (s: string) => encodeURIComponent(s);
const value = (s: string) => fc.constantFrom(s, enc(s));

/** A value that no control can read: markup, prototype names, unicode, broken escapes, huge numbers, long lists. */
const hostileValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SCRIPTS).chain(value),
  fc.constantFrom(...PROTO).chain(value),
  fc.constantFrom(...NUMBERS),
  fc.constantFrom(...BROKEN_PERCENT),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }).map((s) => enc(`\u202e${s}🙂`)),
  fc.constantFrom('784-', '3-', 'conv:8:3-').map((t) => `${t.repeat(10_000)}1`),
);

/** One entry of a demo's state that must produce a message. */
const hostileEntry: fc.Arbitrary<string> = fc.oneof(
  { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...KEYS), hostileValue).map(([k, v]) => `${k}=${v}`) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...PROTO, ...SCRIPTS.slice(0, 3)).chain(value), fc.constantFrom('1', 'x', ...SCRIPTS))
      .map(([k, v]) => `${k}=${v}`),
  },
  { weight: 1, arbitrary: fc.constantFrom(...KEYS) },
  {
    weight: 1,
    arbitrary: fc
      .stringMatching(/^[a-z]{1,8}$/)
      .filter((k) => !KEYS.includes(k))
      .map((k) => `${k}=1`),
  },
);

export interface FuzzCase {
  /** The URL hash, starting with "#". */
  hash: string;
  /** The demo the link is for: it must show a message beside its controls. Null on a page without one. */
  target: string | null;
}

/** `count` links for a page whose demos with controls are `targets` (its other demos are `others`), from `seed`. */
export function fuzzCases(targets: string[], others: string[], seed: number, count: number): FuzzCase[] {
  const junkId = fc
    .constantFrom('__proto__', 'constructor', '<img src=x onerror=alert(1)>', 'javascript:alert(1)', 'no-such-demo', '')
    .chain(value);
  /** A part of the hash that is not for `target`: junk ids, plain anchors, another demo's ordinary settings. */
  const junkPart = (target: string | null) => {
    const siblings = others.filter((id) => id !== target);
    return fc.oneof(
      fc
        .tuple(junkId, fc.array(fc.oneof(hostileEntry, fc.constantFrom(...ORDINARY)), { maxLength: 3 }))
        .map(([id, e]) => `${id}:${e.join('&')}`),
      fc.constantFrom('top', 'section-2', '', ':', '::', ';;', '&&==', 'a:b:c=d'),
      // Another demo of the same page with ordinary settings (never a sibling variant, which would be chosen instead).
      ...(siblings.length ? [fc.tuple(fc.constantFrom(...siblings), fc.constantFrom(...ORDINARY)).map(([id, e]) => `${id}:${e}`)] : []),
    );
  };
  const state = fc
    .tuple(hostileEntry, fc.array(fc.constantFrom(...ORDINARY), { maxLength: 3 }), fc.array(hostileEntry, { maxLength: 2 }))
    .chain(([h, ordinary, more]) => fc.shuffledSubarray([h, ...ordinary, ...more], { minLength: 1 + ordinary.length + more.length }));
  const link: fc.Arbitrary<FuzzCase> = targets.length
    ? fc.constantFrom(...targets).chain((target) =>
        fc
          .record({
            state,
            before: fc.array(junkPart(target), { maxLength: 1 }),
            after: fc.array(junkPart(target), { maxLength: 2 }),
            encodeAll: fc.boolean(),
          })
          .map(({ state, before, after, encodeAll }) => {
            const text = [...before, `${target}:${state.join('&')}`, ...after].join(';');
            // Encoded once in full, as some apps pass links on (only when nothing else in it is escaped already).
            return { hash: `#${encodeAll && !/%/.test(text) ? enc(text) : text}`, target };
          }),
      )
    : fc.array(junkPart(null), { minLength: 1, maxLength: 3 }).map((parts) => ({ hash: `#${parts.join(';')}`, target: null }));
  return fc.sample(link, { seed, numRuns: count });
}
