/** Predictions and exercise claims checked against hand-made runs: what the run showed, and the sentence. */
import { describe, expect, it } from 'vitest';
import { compare, valueAt, type PredictConfig } from '../../../src/components/experiment/predict/compare';
import { holds, outcomeOf, type RunLike } from '../../../src/components/experiment/predict/outcome';

/** A run of `values` at steps 10, 20, …, one point per step, epoch = step / 10. */
function runOf(values: number[], opts: { reason?: string; dead?: [number, number]; metric?: string } = {}): RunLike {
  return {
    points: values.map((value, i) => ({ step: (i + 1) * 10, epoch: i + 1, metric: opts.metric ?? 'train cost', value })),
    ended: { value: opts.reason ? { reason: opts.reason } : null },
    instruments: { value: opts.dead ? { layers: [{ deadUnits: opts.dead[0], units: opts.dead[1] }] } : null },
  };
}

const stuck = runOf([0.69, 0.66, 0.6439737, 0.6439737, 0.6439737, 0.6439737, 0.6439737, 0.6439737], { reason: 'completed', dead: [7, 7] });
const learns = runOf([0.69, 0.5, 0.3, 0.2, 0.1, 0.05], { reason: 'completed', dead: [0, 7] });
const overfits = runOf([0.6, 0.45, 0.35, 0.3, 0.32, 0.38, 0.45], { metric: 'validation cost' });

const config: PredictConfig = {
  question: 'At learning rate 1, what will the cost do?',
  metric: 'train cost',
  noun: 'the cost',
  options: [
    { id: 'fall', label: 'fall below 0.1', claim: { final: { below: 0.1 } } },
    { id: 'stick', label: 'stop near 0.64 and stay there', claim: { final: { above: 0.6, below: 0.7 } } },
    { id: 'explode', label: 'blow up', claim: { diverges: true } },
  ],
  draw: { y: [0, 1] },
};

describe('outcomeOf', () => {
  it('finds the last and lowest values and from which step the curve stayed flat', () => {
    const o = outcomeOf(stuck, 'train cost');
    expect(o).toMatchObject({
      first: 0.69,
      last: 0.6439737,
      lastStep: 80,
      lowest: 0.6439737,
      lowestStep: 30,
      flatFrom: 30,
      diverged: false,
      dead: { dead: 7, units: 7 },
    });
    // A curve still falling is never flat.
    expect(outcomeOf(learns, 'train cost').flatFrom).toBeNull();
  });

  it('reads only the metric asked for', () => {
    expect(outcomeOf(overfits, 'train cost').last).toBeNull();
    expect(outcomeOf(overfits, 'validation cost')).toMatchObject({ lowest: 0.3, lowestEpoch: 4, last: 0.45 });
  });
});

describe('claims', () => {
  it('final, lowest, lowestAt, diverges and deadUnits hold or not as the run shows', () => {
    const o = outcomeOf(stuck, 'train cost');
    expect(holds({ final: { below: 0.1 } }, o)).toBe(false);
    expect(holds({ final: { above: 0.6, below: 0.7 } }, o)).toBe(true);
    expect(holds({ diverges: true }, o)).toBe(false);
    expect(holds({ deadUnits: { below: 7 } }, o)).toBe(false);
    expect(holds({ deadUnits: { below: 7 } }, outcomeOf(learns, 'train cost'))).toBe(true);
    const v = outcomeOf(overfits, 'validation cost');
    expect(holds({ lowestAt: { above: 3 } }, v, 'epoch')).toBe(true);
    expect(holds({ lowestAt: { above: 5 } }, v, 'epoch')).toBe(false);
    expect(holds({ lowest: { below: 0.31 } }, v)).toBe(true);
  });

  it('a run that overflowed diverges, and claims about where it ends fail', () => {
    const o = outcomeOf(runOf([0.7, 3, 90], { reason: 'diverged' }), 'train cost');
    expect(holds({ diverges: true }, o)).toBe(true);
    expect(holds({ final: { below: 0.1 } }, o)).toBe(false);
  });

  it('says nothing before the run shows it', () => {
    const empty = outcomeOf(runOf([]), 'train cost');
    expect(holds({ final: { below: 1 } }, empty)).toBeNull();
    expect(holds({ deadUnits: { below: 7 } }, empty)).toBeNull();
  });
});

describe('compare', () => {
  it('an option: the sentence names what the run showed and whether the prediction held', () => {
    const o = outcomeOf(stuck, 'train cost');
    expect(compare(config, { option: 'fall' }, o, 'iteration')).toEqual({
      held: false,
      sentence:
        'You expected the cost to fall below 0.1; it ended at 0.644, flat from iteration 30 on. Not what you expected: look again at why.',
    });
    expect(compare(config, { option: 'stick' }, o, 'iteration').held).toBe(true);
  });

  it('a drawn curve: how many points were near, and the biggest miss with its iteration', () => {
    const o = outcomeOf(learns, 'train cost');
    // Drawn at fractions 0, ⅓, ⅔, 1 of steps 10–60, i.e. steps 10, 26.7, 43.3, 60: the run is at 0.69,
    // 0.5 − ⅔·0.2 = 0.367, 0.2 − ⅓·0.1 = 0.167 and 0.05 there.
    expect(valueAt(o.values, 1 / 3)).toBeCloseTo(0.3667, 4);
    expect(valueAt(o.values, 2 / 3)).toBeCloseTo(0.1667, 4);
    const v = compare(config, { curve: [0.7, 0.4, 0.6, 0.05] }, o, 'step');
    expect(v.held).toBe(false);
    expect(v.sentence).toBe(
      'Your curve was within 0.1 of the cost at 3 of 4 points; it ended at 0.05. The biggest miss: you drew 0.6 at step 43, where the run was at 0.167.',
    );
    expect(compare(config, { curve: [0.7, 0.4, 0.2, 0.05] }, o, 'step').held).toBe(true);
  });
});
