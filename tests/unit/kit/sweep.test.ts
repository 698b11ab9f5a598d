/**
 * A sweep over any control (issue 24, item 3): one run per value, each spec the control's own `apply` of the value
 * (nothing else changes), each label the control's own wording ("batch 16", "lr 0.0075"), and the sweep's link
 * cannot set the swept control.
 */
import { describe, expect, it } from 'vitest';
import { sweepRuns, sweptControl, sweptValue } from '../../../src/components/experiment/sweepState';
import { controlNamed } from '../../../src/components/experiment/controls/registry';
import type { SweepConfig } from '../../../src/components/experiment/types';
import { parseSpec } from '../../../src/engine/spec/parse';
import { lrPuzzle } from '../spec/fixtures';

const sweep = (control: string, values: unknown[]): SweepConfig => ({
  id: 'sw',
  title: 'Sweep',
  chapter: { title: 'T', href: '/t/' },
  spec: lrPuzzle,
  control,
  values,
});

describe('sweepRuns', () => {
  it('a sweep over batch size: one spec per value, by the control’s apply, labelled by the control', () => {
    const runs = sweepRuns(sweep('batchSize', [16, 64, 'full']), lrPuzzle, { iterations: 3 });
    expect(runs.map((r) => r.label)).toEqual(['batch 16', 'batch 64', 'batch full']);
    expect(runs.map((r) => r.spec.training?.batchSize)).toEqual([16, 64, 'full']);
    const def = controlNamed('batchSize')!;
    for (const r of runs) {
      const want = structuredClone(lrPuzzle);
      def.apply(want, r.value);
      expect(r.spec).toEqual(want);
      expect(r.overrides).toEqual({ iterations: 3, batchSize: r.value });
      expect(parseSpec(r.spec).ok).toBe(true);
    }
    // The base spec is never changed.
    expect(lrPuzzle.training?.batchSize).toBe('full');
  });

  it('a learning-rate sweep keeps its labels and specs', () => {
    const runs = sweepRuns(sweep('learningRate', [0.0075, 1]), lrPuzzle);
    expect(runs.map((r) => r.label)).toEqual(['lr 0.0075', 'lr 1']);
    expect(runs.map((r) => r.spec.optimizer)).toEqual([
      { ...lrPuzzle.optimizer, learningRate: 0.0075 },
      { ...lrPuzzle.optimizer, learningRate: 1 },
    ]);
  });

  it('words values with the control’s own format, and names a control it does not know', () => {
    expect(sweptValue(controlNamed('augment')!, { shift: 2, flip: true })).toBe('shift 2px + flip');
    expect(
      sweepRuns(
        sweep('augment', [
          { shift: 0, flip: false },
          { shift: 1, flip: false },
        ]),
        lrPuzzle,
      ).map((r) => r.label),
    ).toEqual(['augment off', 'augment shift 1px']);
    expect(() => sweptControl(sweep('nope', [1]))).toThrow('sweep sw: no control named nope');
  });
});
