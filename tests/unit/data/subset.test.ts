/** Subset planning and selection (src/engine/data/subset.ts) against the real manifests and labels. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/engine/data/manifest';
import { planSubset, selectSubset, SubsetError, type SubsetRequest } from '../../../src/engine/data/subset';
import { DATA_DIR, ensureData, readManifest } from './helpers';

let fashion: Manifest;
let mnist: Manifest;
beforeAll(async () => {
  ensureData();
  fashion = await readManifest('fashion-mnist');
  mnist = await readManifest('mnist');
});

/** Concatenated labels of a split's first `k` shards, as the loader passes them. */
async function labels(m: Manifest, split: 'train' | 'test', k: number): Promise<Uint8Array> {
  const parts = await Promise.all(m.splits[split].shards.slice(0, k).map((s) => readFile(join(DATA_DIR, m.dataset, s.labels.file))));
  return new Uint8Array(Buffer.concat(parts));
}

async function choose(m: Manifest, req: SubsetRequest) {
  const plan = planSubset(m, req);
  const y = { train: await labels(m, 'train', plan.shards.train), test: await labels(m, 'test', plan.shards.test) };
  return { plan, y, sel: selectSubset(plan, y) };
}

const perClass = (y: Uint8Array, idx: Int32Array) => Array.from({ length: 10 }, (_, c) => Array.from(idx).filter((i) => y[i] === c).length);
const multi = (over: Partial<SubsetRequest> = {}): SubsetRequest => ({
  dataset: 'fashion-mnist',
  task: { kind: 'multiclass' },
  train: 1000,
  validation: 500,
  test: 300,
  seed: 1,
  ...over,
});
const bags = (over: Partial<SubsetRequest> = {}): SubsetRequest => ({
  dataset: 'fashion-mnist',
  task: { kind: 'binary', positive: [8] },
  train: 209,
  validation: 100,
  test: 50,
  counts: { positive: 72, negative: 137 },
  seed: 1,
  ...over,
});

describe('determinism', () => {
  it('same seed gives the same indexes; another seed gives others', async () => {
    const a = await choose(fashion, bags({ seed: 42 }));
    const b = await choose(fashion, bags({ seed: 42 }));
    const c = await choose(fashion, bags({ seed: 43 }));
    expect(b.sel).toEqual(a.sel);
    expect(Array.from(c.sel.train)).not.toEqual(Array.from(a.sel.train));
    expect(Array.from(c.sel.test)).not.toEqual(Array.from(a.sel.test));
    // Even with identical class quotas (no remainder to place), the images themselves change.
    const p = await choose(fashion, multi({ train: 100, validation: 0, test: 0, seed: 1 }));
    const q = await choose(fashion, multi({ train: 100, validation: 0, test: 0, seed: 2 }));
    expect(q.plan.quotas).toEqual(p.plan.quotas);
    // 10 of the 200 images of each class in shard 0: two seeds share about 100·10/200 = 5 by chance.
    const shared = Array.from(q.sel.train).filter((i) => p.sel.train.includes(i)).length;
    expect(shared).toBeLessThan(30);
    // Seed 0 is an ordinary seed.
    expect(Array.from((await choose(fashion, bags({ seed: 0 }))).sel.train)).not.toEqual(Array.from(a.sel.train));
  });
});

describe('stratification', () => {
  it('multiclass: equal numbers of every class in train, validation and test', async () => {
    const { y, sel } = await choose(fashion, multi());
    expect(perClass(y.train, sel.train)).toEqual(Array(10).fill(100));
    expect(perClass(y.train, sel.validation)).toEqual(Array(10).fill(50));
    expect(perClass(y.test, sel.test)).toEqual(Array(10).fill(30));
  });

  it('multiclass with a remainder: classes differ by at most one and the total is exact', async () => {
    const { plan, y, sel } = await choose(fashion, multi({ train: 1003, validation: 17, test: 9 }));
    for (const [got, n] of [
      [perClass(y.train, sel.train), 1003],
      [perClass(y.train, sel.validation), 17],
      [perClass(y.test, sel.test), 9],
    ] as const) {
      expect(got.reduce((a, b) => a + b)).toBe(n);
      expect(Math.max(...got) - Math.min(...got)).toBeLessThanOrEqual(1);
    }
    expect(perClass(y.train, sel.train)).toEqual(plan.quotas.train);
  });

  it('binary without counts is stratified over all ten classes; validation keeps the positive share', async () => {
    const { plan, y, sel } = await choose(fashion, bags({ counts: undefined, train: 100, validation: 50, test: 20 }));
    expect(perClass(y.train, sel.train)).toEqual(Array(10).fill(10));
    expect(plan.quotas.validation[8]).toBe(5); // 10% of 50
    expect(plan.quotas.test[8]).toBe(2);
    expect(perClass(y.train, sel.validation).reduce((a, b) => a + b)).toBe(50);
  });

  it('MNIST: a class with too few images gives all it has and the others share the rest', () => {
    const plan = planSubset(mnist, { dataset: 'mnist', task: { kind: 'multiclass' }, train: 55000, validation: 0, test: 0, seed: 3 });
    expect(plan.quotas.train[5]).toBe(5421);
    const others = plan.quotas.train.filter((_, c) => c !== 5);
    expect(Math.max(...others) - Math.min(...others)).toBeLessThanOrEqual(1);
    expect(plan.quotas.train.reduce((a, b) => a + b)).toBe(55000);
    // 28 shards hold enough of every class (checked from the manifest); 27 do not.
    const cover = (k: number) =>
      plan.quotas.train.every((q, c) => mnist.splits.train.shards.slice(0, k).reduce((t, s) => t + s.classCounts[c], 0) >= q);
    expect([cover(27), cover(28)]).toEqual([false, true]);
    expect(plan.shards.train).toBe(28);
  });
});

describe('exact binary counts: 72 bags + 137 others', () => {
  it('takes exactly 72 bags and 137 negatives spread over the other classes, all from the first shard', async () => {
    const { plan, y, sel } = await choose(fashion, bags());
    expect(plan.shards).toEqual({ train: 1, test: 1 });
    const counts = perClass(y.train, sel.train);
    expect(counts[8]).toBe(72);
    const negatives = counts.filter((_, c) => c !== 8);
    expect(negatives.reduce((a, b) => a + b)).toBe(137);
    expect(Math.max(...negatives) - Math.min(...negatives)).toBeLessThanOrEqual(1);
    for (const part of [sel.train, sel.validation, sel.test]) expect(Math.max(...part)).toBeLessThan(2000);
  });

  it('validation and test keep the 72/209 positive share, and validation never overlaps training', async () => {
    const { y, sel } = await choose(fashion, bags());
    expect(perClass(y.train, sel.validation)[8]).toBe(Math.round((100 * 72) / 209)); // 34
    expect(perClass(y.test, sel.test)[8]).toBe(Math.round((50 * 72) / 209)); // 17
    expect([sel.train.length, sel.validation.length, sel.test.length]).toEqual([209, 100, 50]);
    const train = new Set(sel.train);
    expect(Array.from(sel.validation).filter((i) => train.has(i))).toEqual([]);
    expect(new Set(sel.validation).size).toBe(100);
    expect(train.size).toBe(209);
  });
});

describe('shards needed', () => {
  it('uses as few leading shards as the class quotas allow', () => {
    const shards = (train: number, validation = 0) => planSubset(fashion, multi({ train, validation, test: 0 })).shards;
    expect(shards(2000)).toEqual({ train: 1, test: 0 });
    expect(shards(2001)).toEqual({ train: 2, test: 0 });
    expect(shards(4000)).toEqual({ train: 2, test: 0 });
    expect(shards(4000, 10)).toEqual({ train: 3, test: 0 });
    expect(planSubset(fashion, bags({ train: 600, counts: { positive: 300, negative: 300 } })).shards.train).toBe(2);
  });
});

describe('errors are sentences', () => {
  const err = (m: Manifest, req: SubsetRequest) => {
    try {
      planSubset(m, req);
    } catch (e) {
      expect(e).toBeInstanceOf(SubsetError);
      return (e as Error).message;
    }
    throw new Error('expected a SubsetError');
  };

  it('explains each impossible request', () => {
    expect(err(fashion, bags({ train: 7100, counts: { positive: 7000, negative: 100 } }))).toBe(
      'asked for 7000 positives but Fashion-MNIST has 6000 training images of class Bag',
    );
    expect(err(fashion, bags({ train: 6000, validation: 10, counts: { positive: 6000, negative: 0 } }))).toBe(
      'asked for 6010 positives (6000 training + 10 validation) but Fashion-MNIST has 6000 training images of class Bag',
    );
    expect(err(fashion, bags({ counts: { positive: 72, negative: 130 } }))).toBe(
      'positive (72) plus negative (130) counts must add up to the training set size (209)',
    );
    expect(
      err(
        fashion,
        bags({ task: { kind: 'binary', positive: [8, 5] }, train: 12100, counts: { positive: 12100, negative: 0 }, validation: 0 }),
      ),
    ).toBe('asked for 12100 positives but Fashion-MNIST has 12000 training images of classes Sandal and Bag');
    expect(err(fashion, multi({ test: 10001 }))).toBe('asked for 10001 test images but Fashion-MNIST has 10000');
    expect(err(fashion, multi({ train: 59000, validation: 1001 }))).toBe(
      'asked for 59000 training + 1001 validation images but Fashion-MNIST has 60000 training images',
    );
    expect(err(fashion, multi({ counts: { positive: 1, negative: 999 } }))).toMatch(/only apply to a binary task/);
    expect(err(fashion, bags({ task: { kind: 'binary', positive: [10] } }))).toBe(
      'positive class 10 does not exist: Fashion-MNIST has classes 0–9',
    );
    expect(err(fashion, multi({ dataset: 'mnist' }))).toMatch(/asked for mnist images but the manifest describes fashion-mnist/);
  });
});
