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
import { createDemoState } from '../../../src/components/experiment/state';
import type { DemoConfig } from '../../../src/components/experiment/types';
import type { ToWorker } from '../../../src/engine/worker/protocol';

const progress = (step: number, total: number, perEpoch: number) => ({
  step,
  total,
  epoch: step / perEpoch,
  samplesPerSecond: 100,
  elapsedMs: 5000,
  remainingMs: 1000,
});

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
    store.update(run, 'learningRate', 1, { optimizer: { learningRate: 1 } });
    const sent = fake.posted.at(-1) as Extract<ToWorker, { type: 'update' }>;
    expect(sent).toEqual({ type: 'update', runId: run.id, updateId: sent.updateId, patch: { optimizer: { learningRate: 1 } } });
    fake.reply({
      type: 'run-event',
      runId: run.id,
      event: {
        type: 'updated',
        id: sent.updateId,
        step: 500,
        epoch: 500,
        patch: { optimizer: { learningRate: 1 } },
        changed: ['optimizer.learningRate'],
      },
    });
    expect(run.changes).toEqual([{ control: 'learningRate', value: 1, step: 500, epoch: 500 }]);
    expect(run.spec.optimizer?.learningRate).toBe(1);
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

describe('a second live control, through the demo state', () => {
  const config: DemoConfig = {
    id: 'live',
    title: 'Live',
    chapter: { title: 'T', href: '/t/' },
    spec: lrPuzzle,
    controls: ['learningRate', 'l2', 'dropout', 'augment', 'sizes'],
    views: ['cost'],
  };
  const updates = (posted: ToWorker[]) => posted.filter((m): m is Extract<ToWorker, { type: 'update' }> => m.type === 'update');

  it('sends only what it changes (L2 leaves the learning rate alone), and the run records it with its step', async () => {
    const fake = fakeWorker();
    const client = fake.client();
    const store = new RunStore(() => client);
    const state = createDemoState(config, store);
    await state.train();
    const run = state.current.value!;
    fake.reply({ type: 'run-event', runId: run.id, event: { type: 'state', state: 'running' } });
    state.setOverride('l2', 0.01);
    state.setOverride('dropout', 0.25);
    state.setOverride('augment', { shift: 2, flip: false });
    expect(updates(fake.posted).map((m) => m.patch)).toEqual([
      { model: { l2: 0.01 } },
      { model: { dropout: 0.25 } },
      { training: { augment: { shift: 2, flip: false } } },
    ]);
    const [l2] = updates(fake.posted);
    fake.reply({
      type: 'run-event',
      runId: run.id,
      event: { type: 'updated', id: l2.updateId, step: 40, epoch: 40, patch: l2.patch, changed: ['model.l2'] },
    });
    expect(run.changes).toEqual([{ control: 'l2', value: 0.01, step: 40, epoch: 40 }]);
    expect(changeLabel(run.changes[0], 'iteration')).toBe('L2 → 0.01 at iteration 40');
    // The run's spec has the change; its learning rate is the one it started with.
    expect((run.spec.model as { l2?: number }).l2).toBe(0.01);
    expect(run.spec.optimizer?.learningRate).toBe(lrPuzzle.optimizer?.learningRate);
    // Then the learning rate: only it is sent.
    state.setOverride('learningRate', 0.5);
    expect(updates(fake.posted).at(-1)?.patch).toEqual({ optimizer: { learningRate: 0.5 } });
    // A control that is not live (the layer sizes) sends nothing to the run in progress.
    const count = updates(fake.posted).length;
    state.setOverride('sizes', [784, 3, 1]);
    expect(updates(fake.posted)).toHaveLength(count);
    // Back to the demo's own setting: its value is sent.
    state.setOverride('l2', undefined);
    expect(updates(fake.posted).at(-1)?.patch).toEqual({ model: { l2: 0 } });
  });

  it('a change the engine refuses is explained in the run’s notice; the run goes on', async () => {
    const fake = fakeWorker();
    const client = fake.client();
    const store = new RunStore(() => client);
    const state = createDemoState(config, store);
    await state.train();
    const run = state.current.value!;
    fake.reply({ type: 'run-event', runId: run.id, event: { type: 'state', state: 'running' } });
    state.setOverride('dropout', 0.5);
    const [sent] = updates(fake.posted);
    fake.reply({
      type: 'run-event',
      runId: run.id,
      event: { type: 'update-refused', id: sent.updateId, message: 'this run cannot change model.layers while it trains' },
    });
    expect(run.notice.value).toBe('This run cannot change model.layers while it trains.');
    expect(run.changes).toEqual([]);
    expect(run.phase.value).toBe('running');
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
