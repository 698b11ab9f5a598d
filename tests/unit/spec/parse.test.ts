import { describe, expect, it } from 'vitest';
import { parseSpec, totalSteps } from '../../../src/engine/spec/parse';
import { courseCnn, denseOnly, lrPuzzle } from './fixtures';

const messages = (input: unknown) => {
  const r = parseSpec(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};
const withPatch = (patch: (s: any) => void) => {
  const s = structuredClone(lrPuzzle) as any;
  patch(s);
  return s;
};

describe('parseSpec', () => {
  it('accepts the learning-rate puzzle and fills defaults', () => {
    const r = parseSpec(lrPuzzle);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.spec.record).toEqual({ every: 1, evaluate: 'epoch', instruments: false, probabilities: false, trainEval: 0 });
    expect(r.spec.training.augment).toEqual({ shift: 0, flip: false });
    expect(r.spec.training.earlyStopping).toBeUndefined();
    expect(r.spec.model).toMatchObject({ l2: 0, dropout: 0 });
    expect(r.spec.data.classes).toBeUndefined();
    expect(r.spec.optimizer.momentum).toBe(0.9);
    expect(totalSteps(r.spec)).toBe(2500);
  });

  it('explains a bad learning rate in words', () => {
    expect(messages(withPatch((s) => (s.optimizer.learningRate = -1)))).toEqual([
      'optimizer.learningRate: learning rate must be a number > 0 and ≤ 1000, got -1',
    ]);
    expect(messages(withPatch((s) => (s.optimizer.learningRate = 'fast')))).toEqual([
      'optimizer.learningRate: learning rate must be a number > 0 and ≤ 1000, got "fast"',
    ]);
    expect(messages(withPatch((s) => (s.optimizer.learningRate = Number.NaN)))[0]).toMatch(/got NaN/);
  });

  it('accepts seed 0 as an ordinary seed and rejects fractional seeds', () => {
    const r = parseSpec(withPatch((s) => (s.seed = 0)));
    expect(r.ok && r.spec.seed).toBe(0);
    expect(messages(withPatch((s) => (s.seed = 1.5)))).toEqual(['seed: seed must be a whole number ≥ 0 and ≤ 4294967295, got 1.5']);
  });

  it('rejects models that do not fit the task or the data', () => {
    expect(messages(withPatch((s) => (s.model.sizes = [784, 7, 2])))).toEqual([
      'model.sizes: a binary task needs 1 output unit (one probability); end the layer sizes with 1',
    ]);
    expect(messages(withPatch((s) => (s.model.sizes = [100, 7, 1])))[0]).toMatch(/start with the input size, which is 784/);
    expect(messages(withPatch((s) => (s.model.sizes = [784, 0, 1])))[0]).toMatch(/each layer size must be a whole number ≥ 1/);
    expect(messages(withPatch((s) => (s.model.outputActivation = 'relu')))).toEqual([
      'model.outputActivation: a binary task needs a sigmoid output',
    ]);
    const flatCnn = courseCnn() as any;
    flatCnn.data.input = 'flat';
    expect(messages(flatCnn)[0]).toMatch(/needs an image input/);
  });

  it('checks exact class counts against the training set size', () => {
    expect(messages(withPatch((s) => (s.data.counts.positive = 70)))).toEqual([
      'data.counts: positive (70) plus negative (137) counts must add up to the training set size (209)',
    ]);
  });

  it('names unknown layer types and options', () => {
    const bad = structuredClone(denseOnly) as any;
    bad.model.layers[0] = { type: 'lstm' };
    expect(messages(bad)[0]).toMatch(/layer type must be one of .* got "lstm"/);
    expect(messages(withPatch((s) => (s.optimizer.type = 'lbfgs')))[0]).toMatch(
      /optimiser must be one of sgd, momentum, rmsprop, adam, got "lbfgs"/,
    );
    expect(messages(withPatch((s) => (s.training.batchSize = 0)))[0]).toMatch(/batch size must be a whole number ≥ 1 and ≤ 60000, got 0/);
    expect(messages(withPatch((s) => (s.training.batchSize = 'half')))[0]).toMatch(
      /batch size must be a whole number ≥ 1 or "full", got "half"/,
    );
    expect(messages(withPatch((s) => delete s.optimizer.learningRate))).toEqual([
      'optimizer.learningRate: learning rate must be a number > 0 and ≤ 1000, got nothing',
    ]);
    expect(messages(withPatch((s) => delete s.data))).toEqual(['data: data is required']);
  });

  it('never throws, even on garbage', () => {
    for (const garbage of [null, 42, 'spec', [], { model: 1 }]) {
      const r = parseSpec(garbage);
      expect(r.ok).toBe(false);
    }
  });
});
