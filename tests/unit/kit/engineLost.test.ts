/**
 * The run store when the training worker dies: every live run on the page ends with a notice that says what
 * happened and offers Restart; finished runs keep their records; the next run gets a fresh worker.
 */
import { describe, expect, it } from 'vitest';
import { RunStore } from '../../../src/components/experiment/store/runStore';
import { fakeWorker } from '../helpers/fakeWorker';
import { lrPuzzle } from '../spec/fixtures';

describe('RunStore after the worker is lost', () => {
  it('ends live runs with a notice, keeps finished ones, and starts the next run on a fresh worker', () => {
    const first = fakeWorker();
    const second = fakeWorker();
    let client = first.client();
    const store = new RunStore(
      () => client,
      () => (client = second.client()),
    );
    const done = store.create('demo-a', lrPuzzle, { label: 'a' });
    first.reply({ type: 'run-event', runId: done.id, event: { type: 'ended', reason: 'completed', message: 'finished 5 steps', step: 5 } });
    const live = store.create('demo-b', lrPuzzle, { label: 'b' });
    store.start(live);
    first.reply({ type: 'run-event', runId: live.id, event: { type: 'state', state: 'running' } });

    first.crash('out of memory');
    expect(live.phase.value).toBe('ended');
    expect(live.notice.value).toBe(
      'The training engine crashed (out of memory). The results so far are kept; press Restart to train again on a fresh engine.',
    );
    expect(done.ended.value).toEqual({ reason: 'completed', message: 'finished 5 steps' });
    expect(done.notice.value).toBe('');
    expect(store.engineLost.value).toBe('the training engine crashed (out of memory)');

    const next = store.create('demo-b', lrPuzzle, { label: 'b again' });
    store.start(next);
    expect(store.engineLost.value).toBeNull();
    expect(second.posted.map((m) => m.type)).toEqual(['init', 'create', 'start']);
    expect(first.posted.filter((m) => m.type === 'start')).toHaveLength(1);
  });
});
