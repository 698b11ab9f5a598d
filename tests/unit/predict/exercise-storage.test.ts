/** Exercise checks on fixed run records, and predictions round-tripping through storage. */
import { describe, expect, it } from 'vitest';
import { checkRun, checkRuns, specMiss, type CheckedRun } from '../../../src/components/experiment/exercises/check';
import { readKept, writeKept } from '../../../src/components/experiment/predict/storage';
import { depthExercises, learningRateExercises, lossExercises } from '../../../src/demos/exercises';
import { learnerSpec } from '../../../src/demos/learning-rate';
import { overfitSpec } from '../../../src/demos/loss-accuracy';

function run(
  label: string,
  spec: object,
  values: number[],
  opts: { metric?: string; dead?: number; phase?: string; demoId?: string } = {},
): CheckedRun & { demoId: string } {
  return {
    demoId: opts.demoId ?? 'lr-stuck',
    label,
    spec,
    phase: { value: opts.phase ?? 'ended' },
    points: values.map((value, i) => ({ step: (i + 1) * 100, epoch: i + 1, metric: opts.metric ?? 'train cost', value })),
    ended: { value: opts.phase === 'running' ? null : { reason: 'completed' } },
    instruments: { value: opts.dead === undefined ? null : { layers: [{ deadUnits: opts.dead, units: 7 }] } },
  };
}

const at = (lr: number, extra: object = {}) => ({ ...learnerSpec, optimizer: { type: 'sgd', learningRate: lr }, ...extra });
const [survivor, seedHunt] = learningRateExercises;

describe('exercise checks', () => {
  it('a run that meets it is done, naming what it showed', () => {
    expect(checkRun(survivor, run('lr 0.7', at(0.7), [0.7, 0.5, 0.3], { dead: 5 }), 'iteration')).toEqual({
      done: true,
      eligible: true,
      sentence: 'Done. Your run “lr 0.7”: the network ended with 5 of 7 hidden units dead.',
    });
  });

  it('a run that does not is explained with its own figures', () => {
    expect(checkRun(survivor, run('lr 0.9', at(0.9), [0.7, 0.65, 0.644], { dead: 7 }), 'iteration').sentence).toBe(
      'Not yet. Your run “lr 0.9”: the network ended with 7 of 7 hidden units dead.',
    );
    expect(
      checkRun(seedHunt, run('lr 1', at(1), [0.69, 0.6439, 0.6439, 0.6439, 0.6439, 0.6439, 0.6439, 0.6439]), 'iteration').sentence,
    ).toBe('Not yet. Your run “lr 1”: the cost ended at 0.644, flat from iteration 200 on.');
  });

  it('a run at other settings does not count, and says which one', () => {
    expect(specMiss(survivor, at(0.3))).toBe('its learning rate was 0.3, not from 0.5 to 1');
    expect(specMiss(survivor, at(0.7, { training: { batchSize: 'full', duration: { iterations: 100 } } }))).toBe(
      'its number of iterations was 100, not at least 2,500',
    );
    expect(specMiss(survivor, at(0.7, { seed: 3 }))).toBe('its seed was 3, not 9');
    expect(specMiss(survivor, at(0.7, { model: { ...learnerSpec.model, sizes: [784, 20, 1] } }))).toBe(
      'it changed the layer sizes, which this exercise keeps as the demo has it',
    );
    expect(specMiss(lossExercises[0], { ...overfitSpec, training: { ...overfitSpec.training, duration: { epochs: 30 } } })).toBeNull();
  });

  it('a run still training is said to be, and any finished run that meets it makes the exercise done', () => {
    const runs = [
      run('lr 0.9', at(0.9), [0.64], { dead: 7 }),
      run('lr 0.6', at(0.6), [0.2], { dead: 3 }),
      run('lr 0.8', at(0.8), [0.5], { phase: 'running' }),
      run('other', at(0.7), [0.1], { demoId: 'lr-explode', dead: 0 }),
    ];
    const r = checkRuns(survivor, runs, () => 'iteration');
    expect(r.done).toBe(true);
    expect(r.checks.map((c) => c.sentence)).toEqual([
      'Your run “lr 0.8” is still training.',
      'Done. Your run “lr 0.6”: the network ended with 3 of 7 hidden units dead.',
      'Not yet. Your run “lr 0.9”: the network ended with 7 of 7 hidden units dead.',
    ]);
  });

  it('the validation loss’s lowest epoch, and how far it rose after it', () => {
    const spec = { ...overfitSpec, id: 'loss-overfit' };
    const curve = [0.6, 0.55, 0.5, 0.48, 0.47, 0.46, 0.5, 0.6];
    expect(
      checkRun(lossExercises[0], run('seed 2', spec, curve, { metric: 'validation cost', demoId: 'loss-overfit' }), 'step').sentence,
    ).toBe('Done. Your run “seed 2”: the validation loss was lowest, 0.46, at epoch 6.');
    expect(
      checkRun(lossExercises[1], run('L2 0.01', spec, curve, { metric: 'validation cost', demoId: 'loss-remedies' }), 'step').sentence,
    ).toBe('Done. Your run “L2 0.01”: the validation loss ended at 0.6, 0.14 above its lowest (0.46).');
  });
});

describe('the parameter-count claim', () => {
  it('reads the run’s parameter count as the engine reported it', () => {
    const [more] = depthExercises;
    const r = (n: number | null) => ({
      ...run('two blocks', {}, [0.6, 0.5], { metric: 'validation cost', demoId: 'depth-cnn' }),
      params: { value: n },
    });
    expect(checkRun(more, r(25553), 'step').sentence).toBe('Done. Your run “two blocks”: the network has 25,553 parameters.');
    expect(checkRun(more, r(3681), 'step').sentence).toBe('Not yet. Your run “two blocks”: the network has 3,681 parameters.');
  });
});

describe('prediction storage', () => {
  const memory = () => {
    const m = new Map<string, string>();
    return {
      getItem: (k: string) => m.get(k) ?? null,
      setItem: (k: string, v: string) => void m.set(k, v),
      removeItem: (k: string) => void m.delete(k),
      m,
    };
  };

  it('an option, a curve and a skip round-trip; forgetting removes it', () => {
    const s = memory();
    writeKept('lr-stuck', { prediction: { option: 'stall' }, at: 1 }, s);
    expect(readKept('lr-stuck', s)).toEqual({ prediction: { option: 'stall' }, at: 1 });
    writeKept('lr-stuck', { prediction: { curve: [1, 0.5, 0.64] }, at: 2 }, s);
    expect(readKept('lr-stuck', s)).toEqual({ prediction: { curve: [1, 0.5, 0.64] }, at: 2 });
    writeKept('loss-overfit', { skipped: true }, s);
    expect(readKept('loss-overfit', s)).toEqual({ skipped: true });
    writeKept('lr-stuck', null, s);
    expect(readKept('lr-stuck', s)).toBeNull();
  });

  it('anything else in storage, and storage that throws, read as nothing', () => {
    const s = memory();
    s.m.set('lc-predict:lr-stuck', '{"prediction":{"curve":[1,"x"]},"at":1}');
    expect(readKept('lr-stuck', s)).toBeNull();
    s.m.set('lc-predict:lr-stuck', 'not json');
    expect(readKept('lr-stuck', s)).toBeNull();
    const throwing = {
      getItem: () => {
        throw new Error('blocked');
      },
      setItem: () => {
        throw new Error('full');
      },
      removeItem: () => undefined,
    };
    expect(readKept('lr-stuck', throwing)).toBeNull();
    expect(() => writeKept('lr-stuck', { skipped: true }, throwing)).not.toThrow();
  });
});
