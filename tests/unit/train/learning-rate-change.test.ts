/**
 * A learning rate changed mid-run is reported with the step it took effect after (issue 27, item 9): the page
 * marks it on the charts and in the status line from this event. Bad values and a finished run change nothing.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Trainer } from '../../../src/engine/train/trainer';
import { RunController, type RunEvent } from '../../../src/engine/train/run';
import { tinyBinary, tinyData, useCpu } from './helpers';

beforeAll(useCpu);

describe('RunController.setLearningRate', () => {
  it('reports the change with its step, and the steps after it use the new rate', async () => {
    const events: RunEvent[] = [];
    const trainer = new Trainer(tinyBinary({ training: { batchSize: 20, duration: { iterations: 6 } } }), tinyData());
    const run = new RunController(trainer, (e) => events.push(e), { sliceMs: 0 });
    for (let i = 0; i < 3; i++) await run.stepOnce();
    run.setLearningRate(0.5);
    expect(events.filter((e) => e.type === 'learning-rate')).toEqual([{ type: 'learning-rate', step: 3, epoch: 1, learningRate: 0.5 }]);
    // The same rate again, and values no optimiser can use, are no change.
    for (const lr of [0.5, NaN, -1, 0, Infinity]) run.setLearningRate(lr);
    expect(events.filter((e) => e.type === 'learning-rate')).toHaveLength(1);
    await run.stepOnce();
    const steps = events.filter((e): e is Extract<RunEvent, { type: 'step' }> => e.type === 'step').map((e) => [e.record.step, e.record.learningRate]);
    expect(steps).toEqual([
      [1, 0.1],
      [2, 0.1],
      [3, 0.1],
      [4, 0.5],
    ]);
    await run.stop();
    run.setLearningRate(0.2);
    expect(events.filter((e) => e.type === 'learning-rate')).toHaveLength(1);
    trainer.dispose();
  });
});
