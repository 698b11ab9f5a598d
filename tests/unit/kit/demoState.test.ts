/**
 * A demo's actions pressed in quick succession: Train waits for the validator, so a Reset (or leaving the page)
 * pressed before it is ready must win — no run may start after it.
 */
import { describe, expect, it } from 'vitest';
import { createDemoState } from '../../../src/components/experiment/state';
import { RunStore } from '../../../src/components/experiment/store/runStore';
import type { DemoConfig } from '../../../src/components/experiment/types';
import { fakeWorker } from '../helpers/fakeWorker';
import { lrPuzzle } from '../spec/fixtures';

const config: DemoConfig = {
  id: 'race',
  title: 'Race',
  chapter: { title: 'T', href: '/t/' },
  spec: lrPuzzle,
  controls: ['learningRate'],
  views: ['cost'],
};

function setup() {
  const fake = fakeWorker();
  const client = fake.client();
  const store = new RunStore(() => client);
  return { fake, store, state: createDemoState(config, store) };
}

describe('Train, then at once Reset or unmount', () => {
  it('Train then Reset before the validator is ready starts nothing', async () => {
    const { fake, store, state } = setup();
    const training = state.train();
    state.reset();
    await training;
    expect(fake.posted.filter((m) => m.type === 'start')).toEqual([]);
    expect(store.runs.value).toEqual([]);
    // A Train pressed after the Reset trains.
    await state.train();
    expect(fake.posted.filter((m) => m.type === 'start')).toHaveLength(1);
  });

  it('Train then unmount starts nothing', async () => {
    const { fake, state } = setup();
    const training = state.train();
    state.dispose();
    await training;
    expect(fake.posted.filter((m) => m.type === 'start')).toEqual([]);
  });

  it('fifty Train/Pause/Reset rounds leave no run behind, and each created run is disposed', async () => {
    const { fake, store, state } = setup();
    for (let i = 0; i < 50; i++) {
      const t = state.train();
      state.pause();
      state.reset();
      if (i % 2) await t;
    }
    await state.train();
    state.reset();
    const created = new Set(fake.posted.filter((m) => m.type === 'start').map((m) => (m as { runId: string }).runId));
    const disposed = new Set(fake.posted.filter((m) => m.type === 'dispose').map((m) => (m as { runId: string }).runId));
    expect([...created].filter((id) => !disposed.has(id))).toEqual([]);
    expect(store.runs.value).toEqual([]);
  });
});

describe('Step after a finished run', () => {
  it('does not throw the finished run away for a new one', async () => {
    const { fake, store, state } = setup();
    await state.train();
    const run = state.current.value!;
    fake.reply({
      type: 'run-event',
      runId: run.id,
      event: { type: 'ended', reason: 'completed', message: 'finished 2500 steps', step: 2500 },
    });
    expect(state.phase.value).toBe('ended');
    await state.step();
    expect(store.runs.value).toEqual([run]);
    expect(fake.posted.filter((m) => m.type === 'step')).toEqual([]);
    // Before any run, Step starts a paused one and steps it.
    state.reset();
    await state.step();
    expect(fake.posted.filter((m) => m.type === 'step')).toHaveLength(1);
  });
});
