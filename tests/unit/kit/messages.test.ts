/**
 * Messages beside a control, in the reader's words: a number control's rule words a rejected value, and each rule
 * says exactly what the spec accepts (its bounds checked against the schema at and just past each end).
 */
import { describe, expect, it } from 'vitest';
import { CONTROLS, controlNamed } from '../../../src/components/experiment/controls/registry';
import { applyOverrides, controlForIssue } from '../../../src/components/experiment/controls/hash';
import { messagesByControl, ruleMessage } from '../../../src/components/experiment/controls/messages';
import type { ControlDef, SpecInput } from '../../../src/components/experiment/controls/types';
import { parseSpec } from '../../../src/engine/spec/parse';
import { lrPuzzle } from '../spec/fixtures';

const SHOWN = ['learningRate', 'iterations', 'seed', 'sizes'];

function messages(overrides: Record<string, unknown>, shown = SHOWN) {
  const spec = applyOverrides(lrPuzzle, overrides);
  const r = parseSpec(spec);
  return r.ok ? {} : messagesByControl(r.issues, spec, lrPuzzle, shown);
}

describe('messages beside the controls', () => {
  it('names the field and gives an example from the demo, never the spec notation', () => {
    expect(messages({ iterations: 12.5 })).toEqual({ iterations: 'Iterations must be a whole number, e.g. 2500' });
    expect(messages({ iterations: 'lots' })).toEqual({ iterations: 'Iterations must be a whole number, e.g. 2500' });
    expect(messages({ iterations: 0 })).toEqual({ iterations: 'Iterations must be 1 or more, e.g. 2500' });
    expect(messages({ iterations: 2_000_000 })).toEqual({ iterations: 'Iterations can be at most 1,000,000' });
    expect(messages({ seed: -3 })).toEqual({ seed: 'Seed must be 0 or more, e.g. 9' });
    expect(messages({ seed: 2 ** 32 })).toEqual({ seed: 'Seed can be at most 4,294,967,295' });
    expect(messages({ learningRate: -1 })).toEqual({ learningRate: 'Learning rate α must be more than 0, e.g. 0.0075' });
    expect(messages({ learningRate: 'fast' })).toEqual({ learningRate: 'Learning rate α must be a number, e.g. 0.0075' });
  });

  it('keeps the spec message of a control without a rule, and of an issue no shown control owns', () => {
    expect(messages({ sizes: [784, 7, 2] })).toEqual({
      sizes: 'a binary task needs 1 output unit (one probability); end the layer sizes with 1',
    });
    expect(messages({ iterations: 12.5 }, ['learningRate'])).toEqual({ '': 'duration must be { epochs: n } or { iterations: n }' });
  });

  it('places an issue about the duration beside the control that sets it', () => {
    expect(controlForIssue('training.duration', applyOverrides(lrPuzzle, { iterations: 12.5 }), ['epochs', 'iterations'])).toBe(
      'iterations',
    );
    expect(controlForIssue('training.duration', applyOverrides(lrPuzzle, { epochs: 1.5 }), ['iterations', 'epochs'])).toBe('epochs');
  });
});

/** Values at and just past each end of a rule, with whether the rule accepts them. */
function probes(def: ControlDef<unknown>): [number, boolean][] {
  const r = def.rule!;
  const tiny = r.whole ? 1 : 1e-6;
  const out: [number, boolean][] = [];
  if (r.min !== undefined) out.push([r.min, !r.minExclusive], [r.minExclusive ? r.min + tiny : r.min - tiny, !!r.minExclusive]);
  if (r.max !== undefined) out.push([r.max, !r.maxExclusive], [r.maxExclusive ? r.max - tiny : r.max + tiny, !!r.maxExclusive]);
  if (r.whole) out.push([(r.min ?? 0) + 1.5, false]);
  return out;
}

describe('each number rule says what the spec accepts', () => {
  const ruled = CONTROLS.filter((c) => c.rule);
  it('covers the number fields', () => {
    expect(ruled.map((c) => c.name).sort()).toEqual([
      'dropout',
      'epochs',
      'iterations',
      'l2',
      'labelSmoothing',
      'learningRate',
      'seed',
      'trainSize',
    ]);
  });

  for (const def of ruled) {
    it(`${def.name}: accepted and rejected exactly where the schema does`, () => {
      const base: SpecInput = { ...lrPuzzle, data: { ...lrPuzzle.data, counts: undefined } };
      for (const [value, accepted] of probes(def)) {
        const spec = applyOverrides(base, { [def.name]: value });
        const r = parseSpec(spec);
        const owned = r.ok ? [] : r.issues.filter((i) => controlForIssue(i.path, spec, [def.name]) === def.name);
        expect(owned, `${def.name} = ${value}`).toHaveLength(accepted ? 0 : 1);
        expect(ruleMessage(controlNamed(def.name)!, value) === null, `${def.name} = ${value}`).toBe(accepted);
      }
    });
  }
});
