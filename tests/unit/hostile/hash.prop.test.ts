/**
 * The URL-hash codec (controls/hash.ts, driven by the control registry) under random and hostile input: any
 * hash decodes without throwing into overrides of registered controls only, each unreadable entry explained;
 * every demo in the book then validates to a spec or to messages, never a throw; nothing is polluted.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  applyOverrides,
  decodeOverrides,
  encodeOverrides,
  readDemoLink,
  readDemoState,
  writeDemoState,
} from '../../../src/components/experiment/controls/hash';
import { CONTROLS } from '../../../src/components/experiment/controls/registry';
import { allDemos } from '../../../src/demos';
import { parseSpec } from '../../../src/engine/spec/parse';
import { expectUnpolluted, hostileString, NASTY_STRINGS } from './arbitraries';

afterAll(expectUnpolluted);

const names = new Set(CONTROLS.map((c) => c.name));
const keys = CONTROLS.map((c) => c.key);

/** One `key=value` entry: a registered key (or a hostile one) with a hostile or plausible value. */
const entry = fc
  .tuple(
    fc.oneof(fc.constantFrom(...keys), fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString'), hostileString),
    fc.oneof(hostileString, fc.constantFrom('0.5', '784-7-1', 'c8k3-max2-flat-d10softmax', 'full', 's2f', 'adam', '1e3', '-5', '1e309')),
    fc.boolean(),
  )
  .map(([k, v, encode]) => `${encode ? encodeURIComponent(k) : k}=${encode ? encodeURIComponent(v) : v}`);
/** A demo's state as the book writes it: entries joined by "&". */
const state = fc.array(entry, { maxLength: 6 }).map((e) => e.join('&'));

describe('URL-hash codec under hostile input', () => {
  it('decodes any text without throwing, into registered controls only, each problem as a message', () => {
    fc.assert(
      fc.property(fc.oneof(state, hostileString), (text) => {
        const { overrides, issues } = decodeOverrides(text);
        expect(Object.getPrototypeOf(overrides)).toBe(Object.prototype);
        for (const name of Object.keys(overrides)) expect(names.has(name)).toBe(true);
        for (const issue of issues) {
          expect(typeof issue.path).toBe('string');
          expect(issue.message).toMatch(/\S/);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('every demo in the book turns any decoded hash into a spec or reader-friendly messages', () => {
    fc.assert(
      fc.property(fc.constantFrom(...allDemos), state, (demo, text) => {
        const { overrides } = decodeOverrides(text);
        const parsed = parseSpec(applyOverrides(demo.spec, overrides));
        if (!parsed.ok) for (const issue of parsed.issues) expect(issue.message).toMatch(/\S/);
        // The demo's own spec is untouched: Reset returns to it.
        expect(parseSpec(demo.spec).ok).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('reads a page hash with hostile demo ids and parts, and writes back only what it can encode', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.oneof(fc.constantFrom(...allDemos.map((d) => d.id)), hostileString), state), { maxLength: 4 }),
        fc.constantFrom(...allDemos),
        (parts, demo) => {
          const hash = `#${parts.map(([id, s]) => `${id}:${s}`).join(';')}`;
          const link = readDemoLink(hash, demo.id);
          const overrides = readDemoState(hash, demo.id) ?? {};
          expect(link.overrides).toEqual(overrides);
          const written = writeDemoState(hash, demo.id, overrides);
          expect(written === '' || written.startsWith('#')).toBe(true);
          // This demo's part is written by the encoder: percent-encoded, never raw markup.
          const mine =
            written
              .slice(1)
              .split(';')
              .find((p) => p.startsWith(`${demo.id}:`)) ?? '';
          expect(mine).not.toMatch(/[<>"' ]/);
          expect(decodeOverrides(encodeOverrides(overrides)).overrides).toEqual(overrides);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('quotes hostile values in its messages instead of passing them on', () => {
    for (const nasty of NASTY_STRINGS.filter((s) => /[<"]|javascript/i.test(s))) {
      const { overrides, issues } = decodeOverrides(`lr=${encodeURIComponent(nasty)}&seed=${nasty}`);
      expect(overrides).toEqual({});
      expect(issues[0]).toEqual({
        path: 'optimizer.learningRate',
        message: `learning rate must be a number, got ${JSON.stringify(nasty)}`,
      });
    }
    const { overrides, issues } = decodeOverrides('__proto__=1&constructor=2&prototype=3');
    expect(overrides).toEqual({});
    expect(issues.map((i) => i.message)).toEqual([
      'unknown setting "__proto__"',
      'unknown setting "constructor"',
      'unknown setting "prototype"',
    ]);
  });

  it('refuses a 10,000-element layer-size list and huge numbers with messages', () => {
    const long = decodeOverrides(`sizes=784-${Array.from({ length: 10_000 }, () => '1').join('-')}`);
    expect(long.overrides).toEqual({});
    expect(long.issues).toEqual([{ path: 'model.sizes', message: 'layer sizes can list at most 64 numbers, got 10001' }]);
    const huge = decodeOverrides('lr=1e309&it=99999999999999999999999&seed=-1');
    expect(huge.issues).toEqual([{ path: 'optimizer.learningRate', message: 'learning rate is too large, got "1e309"' }]);
    const demo = allDemos.find((d) => d.id === 'lr-stuck')!;
    const parsed = parseSpec(applyOverrides(demo.spec, huge.overrides));
    expect(parsed.ok ? [] : parsed.issues.map((i) => i.message)).toEqual([
      'seed must be a whole number ≥ 0 and ≤ 4294967295, got -1',
      'iterations must be a whole number ≥ 1 and ≤ 1000000, got 1e+23',
    ]);
  });

  it('takes linear time on long, nearly matching values (no catastrophic backtracking)', () => {
    for (const text of [
      `lr=${'1'.repeat(50_000)}x`,
      `it=${'9'.repeat(50_000)}.e`,
      `sizes=${'7'.repeat(50_000)}-x`,
      `aug=s${'2'.repeat(50_000)}`,
    ]) {
      const t0 = performance.now();
      decodeOverrides(text);
      expect(performance.now() - t0, text.slice(0, 6)).toBeLessThan(100);
    }
  });
});
