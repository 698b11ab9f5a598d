/**
 * A learning rate changed mid-run (a live `update` patch) is reported with the step it took effect after (issue 27,
 * item 9): the page marks it on the charts and in the status line from this event. Bad values are refused with the
 * reason and change nothing; a finished run takes nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/engine/train/trainer';
import { RunController, type RunEvent } from '../../../src/engine/train/run';
import { tinyBinary, tinyData, useCpu } from './helpers';

beforeAll(useCpu);

const updated = (events: RunEvent[]) => events.filter((e) => e.type === 'updated');

describe('RunController.update: the learning rate', () => {
  it('reports the change with its step, and the steps after it use the new rate', async () => {
    const events: RunEvent[] = [];
    const trainer = new Trainer(tinyBinary({ training: { batchSize: 20, duration: { iterations: 6 } } }), tinyData());
    const run = new RunController(trainer, (e) => events.push(e), { sliceMs: 0 });
    for (let i = 0; i < 3; i++) await run.stepOnce();
    run.update({ optimizer: { learningRate: 0.5 } }, 7);
    expect(updated(events)).toEqual([
      { type: 'updated', id: 7, step: 3, epoch: 1, patch: { optimizer: { learningRate: 0.5 } }, changed: ['optimizer.learningRate'] },
    ]);
    // The same rate again is no change; values no optimiser can use are refused, each saying why.
    run.update({ optimizer: { learningRate: 0.5 } });
    for (const lr of [NaN, -1, 0, Infinity]) run.update({ optimizer: { learningRate: lr } });
    expect(updated(events)).toHaveLength(1);
    const refused = events.filter((e) => e.type === 'update-refused');
    expect(refused).toHaveLength(4);
    expect(refused[1]).toMatchObject({ message: expect.stringContaining('learning rate must be a number > 0') });
    expect(trainer.learningRate).toBe(0.5);
    await run.stepOnce();
    const steps = events
      .filter((e): e is Extract<RunEvent, { type: 'step' }> => e.type === 'step')
      .map((e) => [e.record.step, e.record.learningRate]);
    expect(steps).toEqual([
      [1, 0.1],
      [2, 0.1],
      [3, 0.1],
      [4, 0.5],
    ]);
    await run.stop();
    run.update({ optimizer: { learningRate: 0.2 } });
    expect(updated(events)).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: 'ended' });
    trainer.dispose();
  });
});
