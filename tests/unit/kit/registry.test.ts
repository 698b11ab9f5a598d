/**
 * The control registry: every control round-trips (spec → URL hash → spec), and every spec issue a control can
 * cause is placed beside that control. Adding a control without a sample here fails the first test.
 */
import { describe, expect, it } from 'vitest';
import { CONTROLS, controlNamed } from '../../../src/components/experiment/controls/registry';
import {
  applyOverrides,
  controlForIssue,
  decodeOverrides,
  encodeOverrides,
  overridesFrom,
} from '../../../src/components/experiment/controls/hash';
import type { SpecInput } from '../../../src/components/experiment/controls/types';
import { parseSpec } from '../../../src/engine/spec/parse';
import { courseCnn, lrPuzzle } from '../spec/fixtures';

const mlp: SpecInput = { ...lrPuzzle, data: { ...lrPuzzle.data, validation: 50 } };
const cnn: SpecInput = { ...courseCnn(), data: { ...courseCnn().data, validation: 100 } };

/** For each control: a spec it applies to, a valid value different from the spec's, and a value the spec rejects. */
const SAMPLES: Record<string, { spec: SpecInput; good: unknown; bad: unknown }> = {
  learningRate: { spec: mlp, good: 0.54, bad: -1 },
  optimizer: { spec: mlp, good: 'adam', bad: 'fast' },
  sizes: { spec: mlp, good: [784, 20, 7, 1], bad: [784, 0, 1] },
  layers: {
    spec: cnn,
    good: [
      { type: 'conv2d', filters: 16, kernel: [3, 5], stride: 2, padding: 'same', activation: 'tanh' },
      { type: 'averagePooling2d', pool: 3, stride: 1, padding: 'valid' },
      { type: 'flatten' },
      { type: 'dropout', rate: 0.25 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
    bad: [
      { type: 'conv2d', filters: 8, kernel: 3, stride: 1, padding: 'valid', activation: 'relu' },
      { type: 'maxPooling2d', pool: 40, padding: 'valid' },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
  iterations: { spec: mlp, good: 300, bad: 0 },
  epochs: { spec: mlp, good: 7, bad: 0 },
  batchSize: { spec: mlp, good: 32, bad: 0 },
  seed: { spec: mlp, good: 4, bad: -1 },
  trainSize: { spec: mlp, good: 418, bad: 0 },
  dropout: { spec: mlp, good: 0.3, bad: 1.5 },
  l2: { spec: mlp, good: 0.001, bad: -0.1 },
  labelSmoothing: { spec: mlp, good: 0.1, bad: 1 },
  augment: { spec: mlp, good: { shift: 2, flip: true }, bad: { shift: 9, flip: false } },
  earlyStopping: { spec: mlp, good: 3, bad: 0.5 },
};

describe('control registry', () => {
  it('has a sample for every registered control (and no sample for a missing one)', () => {
    expect(CONTROLS.map((c) => c.name).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  it('has unique names and URL keys', () => {
    expect(new Set(CONTROLS.map((c) => c.name)).size).toBe(CONTROLS.length);
    expect(new Set(CONTROLS.map((c) => c.key)).size).toBe(CONTROLS.length);
  });

  for (const [name, { spec, good }] of Object.entries(SAMPLES)) {
    it(`${name}: spec → hash → spec round-trips`, () => {
      const def = controlNamed(name)!;
      const changed = applyOverrides(spec, { [name]: good });
      expect(parseSpec(changed).ok ? [] : (parseSpec(changed) as { issues: unknown }).issues).toEqual([]);
      expect(def.read(changed)).toEqual(good);
      expect(def.read(spec)).not.toEqual(good);
      const overrides = overridesFrom(spec, changed);
      expect(overrides).toEqual({ [name]: good });
      const hash = encodeOverrides(overrides);
      expect(hash.startsWith(`${def.key}=`)).toBe(true);
      const decoded = decodeOverrides(hash);
      expect(decoded.issues).toEqual([]);
      expect(applyOverrides(spec, decoded.overrides)).toEqual(changed);
    });
  }

  for (const [name, { spec, bad }] of Object.entries(SAMPLES)) {
    it(`${name}: a bad value's issue is placed beside the control`, () => {
      const changed = applyOverrides(spec, { [name]: bad });
      const r = parseSpec(changed);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const shown = CONTROLS.map((c) => c.name);
      expect(r.issues.map((i) => controlForIssue(i.path, changed, shown))).toContain(name);
      expect(r.issues.map((i) => controlForIssue(i.path, changed, shown)).filter((c) => c !== name && c !== null)).toEqual([]);
    });
  }

  it('a smaller training set shrinks the training subset evaluated like validation, so the spec stays valid', () => {
    const spec: SpecInput = { ...mlp, record: { every: 1, evaluate: 'epoch', instruments: false, probabilities: false, trainEval: 150 } };
    const smaller = applyOverrides(spec, { trainSize: 100 });
    expect(smaller.record?.trainEval).toBe(100);
    expect(parseSpec(smaller).ok).toBe(true);
    expect(applyOverrides(spec, { trainSize: 400 }).record?.trainEval).toBe(150);
  });

  it('reports unreadable hash values of every control without throwing', () => {
    for (const def of CONTROLS) {
      const { overrides, issues } = decodeOverrides(`${def.key}=%3Cscript%3E`);
      expect(overrides).toEqual({});
      expect(issues).toHaveLength(1);
    }
  });
});
