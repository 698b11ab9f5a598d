/** Parsing of the regularisation and training options: L2, MLP dropout, augmentation, early stopping, trainEval. */
import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../src/engine/spec/parse';
import { expandLayers, summarize } from '../../../src/engine/spec/summarize';
import { lrPuzzle } from './fixtures';

const messages = (input: unknown) => {
  const r = parseSpec(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};
const withPatch = (patch: (s: any) => void) => {
  const s = structuredClone(lrPuzzle) as any;
  patch(s);
  return s;
};
const parsed = (patch: (s: any) => void) => {
  const r = parseSpec(withPatch(patch));
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
  return r;
};

describe('model.l2 and MLP dropout', () => {
  it('accept sensible values and explain bad ones', () => {
    expect(parsed((s) => (s.model.l2 = 0.001)).spec.model.l2).toBe(0.001);
    expect(messages(withPatch((s) => (s.model.l2 = -0.1)))).toEqual(['model.l2: L2 weight must be a number ≥ 0, got -0.1']);
    expect(messages(withPatch((s) => (s.model.l2 = 'lots')))).toEqual(['model.l2: L2 weight must be a number ≥ 0, got "lots"']);
    expect(messages(withPatch((s) => (s.model.dropout = 1)))).toEqual(['model.dropout: dropout rate must be a number ≥ 0 and < 1, got 1']);
  });

  it('MLP dropout adds a dropout layer after every hidden layer; parameters are unchanged', () => {
    const r = parsed((s) => {
      s.model.sizes = [784, 100, 20, 1];
      s.model.dropout = 0.3;
    });
    expect(
      expandLayers(r.spec.model).map((l) => (l.type === 'dense' ? `dense(${l.units})` : `${l.type}(${'rate' in l ? l.rate : ''})`)),
    ).toEqual(['dense(100)', 'dropout(0.3)', 'dense(20)', 'dropout(0.3)', 'dense(1)']);
    expect(r.summary.totalParams).toBe(784 * 100 + 100 + 100 * 20 + 20 + 20 + 1);
    expect(r.summary.layers.map((l) => l.name)).toEqual(['dense_1', 'dropout_1', 'dense_2', 'dropout_2', 'dense_3']);
    // Without dropout the list is exactly the shorthand, as before.
    expect(summarize(parsed((s) => (s.model.sizes = [784, 100, 20, 1])).spec).layers).toHaveLength(3);
  });
});

describe('training.augment', () => {
  it('defaults to nothing and fills a partial setting', () => {
    expect(parsed((s) => (s.training.augment = { flip: true })).spec.training.augment).toEqual({ shift: 0, flip: true });
    expect(parsed((s) => (s.training.augment = { shift: 4 })).spec.training.augment).toEqual({ shift: 4, flip: false });
  });

  it('explains bad values', () => {
    expect(messages(withPatch((s) => (s.training.augment = { shift: 5 })))).toEqual([
      'training.augment.shift: augmentation shift must be a whole number ≥ 0 and ≤ 4, got 5',
    ]);
    expect(messages(withPatch((s) => (s.training.augment = { shift: 1.5 })))[0]).toMatch(/augmentation shift must be a whole number/);
    expect(messages(withPatch((s) => (s.training.augment = { flip: 'yes' })))).toEqual([
      'training.augment.flip: augmentation flip must be true or false, got "yes"',
    ]);
  });
});

describe('training.earlyStopping', () => {
  it('needs a validation set to watch', () => {
    expect(messages(withPatch((s) => (s.training.earlyStopping = { patience: 3 })))).toEqual([
      'training.earlyStopping: early stopping watches the validation loss: add a validation set (data.validation > 0) or turn early stopping off',
    ]);
    const r = parsed((s) => {
      s.data.validation = 50;
      s.training.earlyStopping = { patience: 3 };
    });
    expect(r.spec.training.earlyStopping).toEqual({ patience: 3, restoreBest: true });
  });

  it('explains a bad patience', () => {
    const bad = withPatch((s) => {
      s.data.validation = 50;
      s.training.earlyStopping = { patience: 0, restoreBest: 'no' };
    });
    expect(messages(bad)).toEqual([
      'training.earlyStopping.patience: patience must be a whole number ≥ 1 and ≤ 10000, got 0',
      'training.earlyStopping.restoreBest: restoreBest must be true or false, got "no"',
    ]);
  });
});

describe('record.trainEval', () => {
  it('is a whole number up to the training set size', () => {
    expect(parsed((s) => (s.record = { trainEval: 100 })).spec.record.trainEval).toBe(100);
    expect(messages(withPatch((s) => (s.record = { trainEval: 500 })))).toEqual([
      'record.trainEval: the training-evaluation subset (500) cannot be larger than the training set (209)',
    ]);
    expect(messages(withPatch((s) => (s.record = { trainEval: -1 })))).toEqual([
      'record.trainEval: training-evaluation subset size must be a whole number ≥ 0 and ≤ 10000, got -1',
    ]);
  });
});
