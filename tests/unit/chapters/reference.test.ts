/**
 * Reference results as data (src/reference/*.json, written by scripts/reference/*.ref.ts): every file names the setup
 * it was measured under, every <Ref k="…" /> in the pages resolves to a figure the data has, and the figures are shown
 * as the prose expects.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { filesUnder } from '../helpers/files';
import { formatRef, lookup, REFERENCE, refText } from '../../../src/reference/lookup';

const uses = filesUnder('src/content/docs', /\.mdx$/).flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/<Ref\s+k="([^"]+)"(?:\s+format="(\w+)")?(?:\s+digits=\{(\d+)\})?/g)].map((m) => ({
    file,
    key: m[1],
    format: m[2],
    digits: m[3],
  })),
);

describe('reference results', () => {
  it('every file names its setup: engine commit, backend, device, Node and tfjs versions, date', () => {
    expect(Object.keys(REFERENCE).length).toBeGreaterThan(0);
    for (const [name, data] of Object.entries(REFERENCE)) {
      const setup = (data as { setup?: Record<string, unknown> }).setup;
      expect(setup, name).toBeDefined();
      for (const field of ['engineCommit', 'backend', 'device', 'node', 'tfjs', 'date'])
        expect(typeof setup![field], `${name}: setup.${field}`).toBe('string');
      expect(setup!.date, name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('the chapters ask for figures', () => {
    expect(uses.length).toBeGreaterThan(5);
  });

  for (const { file, key, format, digits } of uses) {
    it(`${file}: <Ref k="${key}"> resolves`, () => {
      expect(lookup(key), key).toBeDefined();
      expect(refText(key, format as never, digits === undefined ? undefined : Number(digits))).toMatch(/\S/);
    });
  }

  it('fails on a figure the data lacks, and formats as the prose writes', () => {
    expect(() => refText('learning-rate.no.such.figure')).toThrow(/no such figure/);
    expect(lookup('learning-rate.setup.constructor')).toBeUndefined();
    expect(formatRef(2500)).toBe('2,500');
    expect(formatRef(0.6439738)).toBe('0.6439738');
    expect(formatRef(-0.211)).toBe('−0.211');
    expect(formatRef(0.377658, 'number', 2)).toBe('0.38');
    expect(formatRef([0, 7, 11], 'list')).toBe('0, 7 and 11');
    expect(formatRef([4, 15], 'count')).toBe('2');
    expect(formatRef(0.659, 'percent')).toBe('66\u00a0%');
    expect(formatRef(0.7308, 'percent', 1)).toBe('73.1\u00a0%');
    expect(formatRef({ min: 0.8071, max: 0.8312 }, 'range', 3)).toBe('0.807–0.831');
    expect(formatRef({ min: 32, max: 32 }, 'range')).toBe('32');
    expect(formatRef({ min: 0.8404, max: 0.8401 }, 'range', 3)).toBe('0.840');
    expect(() => formatRef({ a: 1 })).toThrow();
    expect(() => formatRef({ a: 1 }, 'range')).toThrow();
  });
});
