/**
 * What the status line says (issue 27, items 9 and 10): a learning rate changed mid-run is kept in the run with its
 * step and named ("lr → 1 at iteration 500"); a run whose duration is set in epochs counts epochs first
 * ("Epoch 3 of 30 · step 460"), as its controls do.
 */
import { describe, expect, it } from 'vitest';
import { fakeWorker } from '../helpers/fakeWorker';
import { RunStore } from '../../../src/components/experiment/store/runStore';
import { newRun, type Run } from '../../../src/components/experiment/store/run';
import { statusText } from '../../../src/components/experiment/StatusLine';
import { changeLabel, latestChange } from '../../../src/components/experiment/changes';
import { lrPuzzle } from '../spec/fixtures';

const progress = (step: number, total: number, perEpoch: number) => ({ step, total, epoch: step / perEpoch, samplesPerSecond: 100, elapsedMs: 5000, remainingMs: 1000 });

describe('a learning rate changed mid-run', () => {
  it('is kept in the run with its step, and named in the status line', () => {
    const fake = fakeWorker();
    const client = fake.client();
    const store = new RunStore(() => client);
    const run = store.create('lr-stuck', lrPuzzle, { label: 'as set up' });
    store.start(run);
    fake.reply({ type: 'run-event', runId: run.id, event: { type: 'state', state: 'running' } });
    fake.reply({ type: 'run-event', runId: run.id, event: { type: 'progress', progress: progress(500, 2500, 1) } });
    const before = run.version.value;
    store.setLearningRate(run, 1);
    expect(fake.posted.at(-1)).toMatchObject({ type: 'setLearningRate', runId: run.id, learningRate: 1 });
    fake.reply({ type: 'run-event', runId: run.id, event: { type: 'learning-rate', step: 500, epoch: 500, learningRate: 1 } });
    expect(run.changes).toEqual([{ control: 'learningRate', value: 1, step: 500, epoch: 500 }]);
    expect(run.version.value).toBe(before + 1);
    fake.reply({ type: 'run-event', runId: run.id, event: { type: 'progress', progress: progress(600, 2500, 1) } });
    expect(statusText(run, 'Iteration', { now: 0 })).toMatch(/^Iteration 600 of 2,500 · lr → 1 at iteration 500 · /);
  });

  it('is worded from the control: its short name and format, the unit, or the epoch on an epoch axis', () => {
    const c = { control: 'learningRate', value: 0.00750001, step: 1234, epoch: 2.5 };
    expect(changeLabel(c, 'iteration')).toBe('lr → 0.0075 at iteration 1,234');
    expect(changeLabel(c, 'step', 'epoch')).toBe('lr → 0.0075 at epoch 2.5');
    expect(changeLabel({ ...c, control: 'unknown' })).toBe('unknown → 0.00750001 at step 1,234');
    expect(latestChange([])).toBeNull();
    expect(latestChange([c, { ...c, value: 1 }])?.value).toBe(1);
  });
});

describe('the status line of a run set in epochs', () => {
  const epochsRun = (): Run => {
    const spec = { ...lrPuzzle, data: { ...lrPuzzle.data, train: 308 }, training: { batchSize: 2, duration: { epochs: 30 } } };
    return newRun('r1', 'loss-overfit', 'as set up', {}, spec, null);
  };

  it('counts the epoch under way, then the step: "Epoch 3 of 30 · step 460"', () => {
    const run = epochsRun();
    run.phase.value = 'running';
    run.progress.value = progress(460, 4620, 154);
    expect(statusText(run, 'Step', { now: 0 })).toMatch(/^Epoch 3 of 30 · step 460 · /);
    // An epoch's last step still belongs to it; the next one starts the next epoch.
    run.progress.value = progress(462, 4620, 154);
    expect(statusText(run, 'Step', { now: 0 })).toMatch(/^Epoch 3 of 30 · step 462 · /);
    run.progress.value = progress(463, 4620, 154);
    expect(statusText(run, 'Step', { now: 0 })).toMatch(/^Epoch 4 of 30 · step 463 · /);
    run.phase.value = 'paused';
    run.progress.value = progress(1, 4620, 154);
    expect(statusText(run, 'Step', { now: 0 })).toMatch(/^Paused at Epoch 1 of 30 · step 1 · /);
  });

  it('says Done at the last epoch and keeps iterations for runs set in iterations', () => {
    const run = epochsRun();
    run.phase.value = 'ended';
    run.ended.value = { reason: 'completed', message: '' };
    run.progress.value = progress(4620, 4620, 154);
    expect(statusText(run, 'Step', { now: 0 })).toMatch(/^Done: Epoch 30 of 30 · step 4,620 · /);
    const its = newRun('r2', 'lr-stuck', '', {}, lrPuzzle, null);
    its.phase.value = 'running';
    its.progress.value = progress(500, 2500, 1);
    expect(statusText(its, 'Iteration', { now: 0 })).toMatch(/^Iteration 500 of 2,500 · /);
  });
});
