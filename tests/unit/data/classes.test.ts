/**
 * `classes`: plans, selections and datasets restricted to listed classes, on the real Fashion-MNIST shards.
 * The thread's split (Shirt vs T-shirt/top: 154 + 154 train, 26 + 26 validation, 77 + 77 test) is exact.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/engine/data/manifest';
import { loadExperimentData } from '../../../src/engine/data/source';
import { createNodeSource } from '../../../src/engine/data/source-node';
import { planSubset, SubsetError, type SubsetRequest } from '../../../src/engine/data/subset';
import { DATA_DIR, ensureData, readManifest } from './helpers';

let fashion: Manifest;
beforeAll(async () => {
  ensureData();
  fashion = await readManifest('fashion-mnist');
});

const perClass = (y: Uint8Array) => Array.from({ length: 10 }, (_, c) => y.filter((v) => v === c).length);
const only = (counts: Record<number, number>) => Array.from({ length: 10 }, (_, c) => counts[c] ?? 0);

const shirts: SubsetRequest = {
  dataset: 'fashion-mnist',
  task: { kind: 'binary', positive: [6] },
  classes: [0, 6],
  train: 308,
  validation: 52,
  test: 154,
  seed: 1,
};

describe('Shirt vs T-shirt/top, the thread’s split sizes', () => {
  it('plans exactly 154/154, 26/26 and 77/77 and nothing of the other classes', () => {
    const plan = planSubset(fashion, shirts);
    expect(plan.classes).toEqual([0, 6]);
    expect(plan.quotas).toEqual({ train: only({ 0: 154, 6: 154 }), validation: only({ 0: 26, 6: 26 }), test: only({ 0: 77, 6: 77 }) });
  });

  it('loads exactly those class counts, 0/1 labels for T-shirt/Shirt, no overlap between train and validation', async () => {
    const d = await loadExperimentData(createNodeSource(DATA_DIR), shirts);
    expect(perClass(d.train.y)).toEqual(only({ 0: 154, 6: 154 }));
    expect(perClass(d.validation.y)).toEqual(only({ 0: 26, 6: 26 }));
    expect(perClass(d.test.y)).toEqual(only({ 0: 77, 6: 77 }));
    for (const part of [d.train, d.validation, d.test]) {
      for (let i = 0; i < part.n; i++) expect(part.labels[i]).toBe(part.y[i] === 6 ? 1 : 0);
    }
    const train = new Set(d.selection.train);
    expect(Array.from(d.selection.validation).filter((i) => train.has(i))).toEqual([]);
    expect(new Set(d.selection.validation).size).toBe(52);
    // Same seed, same images; another seed, others.
    const again = await loadExperimentData(createNodeSource(DATA_DIR), shirts);
    expect(again.selection).toEqual(d.selection);
    const other = await loadExperimentData(createNodeSource(DATA_DIR), { ...shirts, seed: 2 });
    expect(Array.from(other.selection.train)).not.toEqual(Array.from(d.selection.train));
  });
});

describe('multiclass on listed classes', () => {
  it('labels are positions in the listed order and every listed class gets an equal share', async () => {
    const d = await loadExperimentData(createNodeSource(DATA_DIR), {
      dataset: 'fashion-mnist',
      task: { kind: 'multiclass' },
      classes: [6, 0, 2],
      train: 300,
      validation: 30,
      test: 60,
      seed: 4,
    });
    expect(perClass(d.train.y)).toEqual(only({ 0: 100, 2: 100, 6: 100 }));
    expect(perClass(d.validation.y)).toEqual(only({ 0: 10, 2: 10, 6: 10 }));
    expect(perClass(d.test.y)).toEqual(only({ 0: 20, 2: 20, 6: 20 }));
    const labelOf: Record<number, number> = { 6: 0, 0: 1, 2: 2 };
    for (const part of [d.train, d.validation, d.test]) {
      for (let i = 0; i < part.n; i++) expect(part.labels[i]).toBe(labelOf[part.y[i]]);
    }
  });

  it('spreads a remainder over the listed classes only', () => {
    const plan = planSubset(fashion, {
      dataset: 'fashion-mnist',
      task: { kind: 'multiclass' },
      classes: [1, 3, 5],
      train: 100,
      validation: 0,
      test: 0,
      seed: 1,
    });
    const q = plan.quotas.train;
    expect(q.reduce((a, b) => a + b)).toBe(100);
    expect([q[1], q[3], q[5]].sort()).toEqual([33, 33, 34]);
    expect(q.filter((_, c) => ![1, 3, 5].includes(c)).every((n) => n === 0)).toBe(true);
  });
});

describe('binary counts within listed classes', () => {
  it('positives from the positive classes, negatives spread over the other listed classes', () => {
    const plan = planSubset(fashion, {
      dataset: 'fashion-mnist',
      task: { kind: 'binary', positive: [6] },
      classes: [0, 2, 6],
      train: 150,
      validation: 30,
      test: 0,
      counts: { positive: 50, negative: 100 },
      seed: 1,
    });
    expect(plan.quotas.train).toEqual(only({ 0: 50, 2: 50, 6: 50 }));
    // Validation keeps the training set's positive share (1/3): 10 positives, 20 negatives.
    expect(plan.quotas.validation).toEqual(only({ 0: 10, 2: 10, 6: 10 }));
  });

  it('explains impossible requests in words', () => {
    const err = (req: Partial<SubsetRequest>) => {
      try {
        planSubset(fashion, { ...shirts, ...req });
      } catch (e) {
        expect(e).toBeInstanceOf(SubsetError);
        return (e as Error).message;
      }
      throw new Error('expected a SubsetError');
    };
    expect(err({ task: { kind: 'binary', positive: [8] } })).toBe('positive class 8 is not among the listed classes [0, 6]');
    expect(err({ task: { kind: 'binary', positive: [0, 6] } })).toBe('a binary task needs at least one negative class');
    expect(err({ classes: [0, 0] })).toBe('the listed classes [0, 0] repeat a class');
    expect(err({ classes: [0, 12] })).toBe('class 12 does not exist: Fashion-MNIST has classes 0–9');
    expect(err({ train: 12001, validation: 0 })).toBe(
      'asked for 12001 training images but Fashion-MNIST has 12000 training images of classes T-shirt/top and Shirt',
    );
    expect(err({ task: { kind: 'multiclass' }, train: 11990, validation: 11 })).toBe(
      'asked for 11990 training + 11 validation images but Fashion-MNIST has 12000 training images of classes T-shirt/top and Shirt',
    );
    expect(err({ test: 2001 })).toBe('asked for 2001 test images but Fashion-MNIST has 2000 of classes T-shirt/top and Shirt');
    expect(err({ counts: { positive: 6001, negative: 10 }, train: 6011, validation: 0 })).toBe(
      'asked for 6001 positives but Fashion-MNIST has 6000 training images of class Shirt',
    );
    expect(err({ counts: { positive: 10, negative: 6001 }, train: 6011, validation: 0 })).toBe(
      'asked for 6001 negatives but Fashion-MNIST has 6000 training images of the negative class T-shirt/top',
    );
  });
});
