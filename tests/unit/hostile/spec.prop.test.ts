/**
 * The spec validator (engine/spec/parse.ts) under random and hostile input: any value — wrong types, huge or
 * negative numbers, markup and script URLs, `__proto__` keys, 10,000-element layer lists — gives a spec or
 * reader-friendly messages tied to a field, never a throw, never a polluted prototype, and never a model too
 * large for a reader's browser to build.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../../../src/engine/spec/parse';
import { courseCnn, denseOnly, lrPuzzle } from '../spec/fixtures';
import { expectUnpolluted, hostileValue, leafPaths, withLeaf } from './arbitraries';

afterAll(expectUnpolluted);

const valid = [lrPuzzle, courseCnn(), denseOnly];

function expectExplained(input: unknown) {
  const r = parseSpec(input);
  if (r.ok) return r;
  expect(r.issues.length).toBeGreaterThan(0);
  for (const issue of r.issues) {
    expect(typeof issue.path).toBe('string');
    expect(issue.message).toMatch(/\S/);
    expect(issue.message).not.toMatch(/\[object Object\]|undefined is not|Cannot read/);
  }
  return r;
}

describe('spec validator under hostile input', () => {
  it('any value at all: a spec or messages, never a throw', () => {
    fc.assert(
      fc.property(hostileValue, (v) => void expectExplained(v)),
      { numRuns: 1000 },
    );
  });

  it('a valid spec with any one field replaced by a hostile value: a spec or messages about that field', () => {
    const cases = valid.flatMap((spec) => leafPaths(spec).map((path) => ({ spec, path })));
    fc.assert(
      fc.property(fc.constantFrom(...cases), hostileValue, ({ spec, path }, leaf) => {
        const r = expectExplained(withLeaf(spec, path, leaf));
        if (!r.ok)
          expect(r.issues.map((i) => i.path).some((p) => p === '' || path.join('.').startsWith(p) || p.startsWith(path[0]))).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  it('keys named __proto__ and constructor are dropped, not merged into prototypes', () => {
    const spec = JSON.parse(
      `{"__proto__": {"polluted": 1}, "constructor": {"prototype": {"polluted": 1}}, ${JSON.stringify(lrPuzzle).slice(1)}`,
    );
    spec.model = JSON.parse(`{"__proto__": {"kind": "layers"}, ${JSON.stringify(lrPuzzle.model).slice(1)}`);
    const r = parseSpec(spec);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(Object.keys(r.spec)).not.toContain('__proto__');
      expect(r.spec.model.kind).toBe('mlp');
    }
  });

  it('markup and script URLs are quoted in messages as text', () => {
    const r = parseSpec({
      ...lrPuzzle,
      data: { ...lrPuzzle.data, dataset: '<script>alert(1)</script>' },
      optimizer: { type: 'javascript:alert(1)', learningRate: 0.1 },
    });
    expect(r.ok ? [] : r.issues).toEqual([
      { path: 'data.dataset', message: 'dataset must be one of fashion-mnist, mnist, got "<script>alert(1)</script>"' },
      { path: 'optimizer.type', message: 'optimiser must be one of sgd, momentum, rmsprop, adam, got "javascript:alert(1)"' },
    ]);
  });

  it('a 10,000-element layer list or size list is refused quickly with one message', () => {
    const layers = Array.from({ length: 10_000 }, () => ({ type: 'dense', units: 8, activation: 'relu' }));
    let t0 = performance.now();
    expect(parseSpec({ ...denseOnly, model: { kind: 'layers', layers } })).toEqual({
      ok: false,
      issues: [{ path: 'model.layers', message: 'a model has at most 200 layers, got 10000' }],
    });
    expect(performance.now() - t0).toBeLessThan(500);
    t0 = performance.now();
    const sizes = [784, ...Array.from({ length: 10_000 }, () => 7), 1];
    expect(parseSpec({ ...lrPuzzle, model: { ...lrPuzzle.model, sizes } })).toEqual({
      ok: false,
      issues: [{ path: 'model.sizes', message: 'layer sizes can list at most 64 numbers, got 10002' }],
    });
    expect(performance.now() - t0).toBeLessThan(500);
  });

  it('a model too large for a browser is refused with the numbers, not built', () => {
    const wide = parseSpec({ ...lrPuzzle, model: { ...lrPuzzle.model, sizes: [784, 100000, 100000, 1] } });
    expect(wide.ok ? [] : wide.issues).toEqual([
      {
        path: 'model.sizes',
        message: 'this model has 10,078,700,001 parameters; a browser can train at most 20,000,000: use fewer or smaller layers',
      },
    ]);
    const conv = { type: 'conv2d', filters: 1024, kernel: 3, padding: 'same', activation: 'relu' };
    const fullBatch = parseSpec({
      ...courseCnn(),
      data: { ...courseCnn().data, train: 60000 },
      model: { kind: 'layers', layers: [conv, { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }] },
      training: { batchSize: 'full', duration: { epochs: 1 } },
    });
    expect(fullBatch.ok ? [] : fullBatch.issues).toEqual([
      {
        path: 'training.batchSize',
        message:
          'a batch of 60,000 images through this model holds about 96,385,560,000 numbers at once; a browser can hold at most 100,000,000: use a smaller batch size or a smaller model',
      },
    ]);
  });

  it('every number field rejects huge, negative and non-finite values with its own words', () => {
    const bad = [1e308, -1, Number.NaN, Infinity, -Infinity, 2 ** 53 + 2];
    for (const v of bad) {
      const r = parseSpec({ ...lrPuzzle, seed: v, optimizer: { type: 'sgd', learningRate: v }, data: { ...lrPuzzle.data, train: v } });
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.issues.map((i) => i.path).sort()).toEqual(expect.arrayContaining(['data.train', 'optimizer.learningRate', 'seed']));
    }
  });
});
