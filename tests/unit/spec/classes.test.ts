/** `data.classes`: validation messages, output units, label names, and the class-name table against the manifests. */
import { beforeAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../../../src/engine/spec/parse';
import { CLASS_NAMES, labelNamesOf } from '../../../src/engine/spec/labels';
import type { ExperimentSpecInput } from '../../../src/engine/spec/schema';
import { outputUnitsFor } from '../../../src/engine/spec/summarize';
import { ensureData, readManifest } from '../data/helpers';
import { courseCnn } from './fixtures';

const messages = (input: unknown) => {
  const r = parseSpec(input);
  return r.ok ? [] : r.issues.map((i) => `${i.path}: ${i.message}`);
};

/** Shirt vs T-shirt/top with the thread's split sizes. */
const shirts = (over: Record<string, unknown> = {}): ExperimentSpecInput => ({
  data: {
    dataset: 'fashion-mnist',
    classes: [0, 6],
    task: { kind: 'binary', positive: [6] },
    train: 308,
    validation: 52,
    test: 154,
    ...over,
  },
  model: { kind: 'mlp', sizes: [784, 16, 1] },
  optimizer: { type: 'adam', learningRate: 0.001 },
  training: { batchSize: 2, duration: { epochs: 3 } },
});

/** A multiclass MLP on the listed classes, ending with `out` units. */
const multi = (classes: unknown, out: number): ExperimentSpecInput => ({
  data: { dataset: 'fashion-mnist', classes: classes as number[], train: 100 },
  model: { kind: 'mlp', sizes: [784, 16, out], outputActivation: 'softmax' },
  optimizer: { type: 'sgd', learningRate: 0.1 },
  training: { batchSize: 10, duration: { epochs: 1 } },
});

describe('data.classes', () => {
  it('accepts Shirt vs T-shirt/top and a 3-class task with 3 outputs', () => {
    expect(messages(shirts())).toEqual([]);
    expect(messages(multi([2, 4, 6], 3))).toEqual([]);
    const r = parseSpec(multi([6, 0], 2));
    expect(r.ok && r.spec.data.classes).toEqual([6, 0]);
  });

  it('needs one output unit per listed class, with the right article', () => {
    expect(messages(multi([2, 4, 6], 10))).toEqual(['model.sizes: a 3-class task needs 3 output units; end the layer sizes with 3']);
    expect(messages(multi([0, 1, 2, 3, 4, 5, 6, 7], 10))).toEqual([
      'model.sizes: an 8-class task needs 8 output units; end the layer sizes with 8',
    ]);
    const cnn = courseCnn() as any;
    cnn.data.classes = [1, 2, 3, 4, 5];
    expect(messages(cnn)).toEqual(['model.layers.6: a 5-class task needs 5 output units; end the model with dense(5)']);
    expect(outputUnitsFor({ task: { kind: 'multiclass' }, classes: [3, 1] })).toBe(2);
    expect(outputUnitsFor({ task: { kind: 'multiclass' } })).toBe(10);
    expect(outputUnitsFor({ task: { kind: 'binary', positive: [1] }, classes: [1, 2, 3] })).toBe(1);
  });

  it('explains bad lists', () => {
    expect(messages(multi([0], 1))).toEqual(['data.classes: classes must list at least 2 class ids, like [0, 6]']);
    expect(messages(multi([0, 6, 0], 3))).toEqual(['data.classes: classes must not repeat a class id, got [0,6,0]']);
    expect(messages(multi([0, 12], 2))).toEqual(['data.classes.1: each class id must be a whole number ≥ 0 and ≤ 9, got 12']);
    expect(messages(multi('shirts', 2))).toEqual(['data.classes: classes must be a list of class ids 0–9 like [0, 6], got "shirts"']);
  });

  it('binary: positives must be listed, and at least one listed class must be negative', () => {
    expect(messages(shirts({ task: { kind: 'binary', positive: [8] } }))).toEqual([
      'data.task.positive: positive class 8 is not among the listed classes [0, 6]',
    ]);
    expect(messages(shirts({ task: { kind: 'binary', positive: [0, 6] } }))).toEqual([
      'data.classes: a binary task needs a negative class: list a class in [0, 6] that is not positive',
    ]);
  });
});

describe('labelNamesOf', () => {
  const names = (data: Record<string, unknown>) => {
    const r = parseSpec({ ...shirts(), data: { dataset: 'fashion-mnist', train: 10, ...data } });
    if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('; '));
    return labelNamesOf(r.spec.data);
  };

  it('names each task label', () => {
    expect(names({ classes: [0, 6], task: { kind: 'binary', positive: [6] } })).toEqual(['T-shirt/top', 'Shirt']);
    expect(names({ task: { kind: 'binary', positive: [8] } })).toEqual(['not Bag', 'Bag']);
    expect(names({ task: { kind: 'binary', positive: [8, 5] } })).toEqual(['neither Sandal nor Bag', 'Sandal or Bag']);
    expect(names({ classes: [0, 2, 6], task: { kind: 'binary', positive: [6] } })).toEqual(['T-shirt/top or Pullover', 'Shirt']);
    expect(labelNamesOf({ dataset: 'fashion-mnist', task: { kind: 'multiclass' }, classes: [6, 0] })).toEqual(['Shirt', 'T-shirt/top']);
    expect(labelNamesOf({ dataset: 'mnist', task: { kind: 'multiclass' } })).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  beforeAll(() => ensureData());
  it('CLASS_NAMES match the class names in the built manifests', async () => {
    for (const dataset of ['fashion-mnist', 'mnist'] as const) expect(CLASS_NAMES[dataset]).toEqual((await readManifest(dataset)).classes);
  });
});
