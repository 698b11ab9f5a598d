/** The page's run store against a fake worker: messages in, run state out; one store serves every island. */
import { describe, expect, it } from 'vitest';
import { fakeWorker } from '../helpers/fakeWorker';
import { RunStore } from '../../../src/components/experiment/store/runStore';
import { lastStep } from '../../../src/components/experiment/store/run';
import { lrPuzzle } from '../spec/fixtures';

const step = (n: number) => ({ step: n, epoch: n / 10, loss: 1 / n, accuracy: 0.5, learningRate: 0.1 });

describe('RunStore', () => {
  function setup() {
    const fake = fakeWorker();
    const client = fake.client();
    const store = new RunStore(() => client);
    return { store, sent: fake.posted, emit: fake.reply };
  }

  it('creates runs that start in the worker and fill from its messages, appending in place', () => {
    const { store, sent, emit } = setup();
    const run = store.create('demo-a', lrPuzzle, { label: 'lr 1', overrides: { learningRate: 1 } });
    expect(store.runs.value).toEqual([run]);
    expect(run.phase.value).toBe('loading');
    store.start(run);
    expect(sent.at(-1)).toMatchObject({ type: 'start', runId: run.id });

    emit({ type: 'backend', info: { name: 'cpu', adapter: 'JavaScript', fallbackAdapter: false, reason: 'CPU, as requested' } });
    expect(store.backend.value?.name).toBe('cpu');
    emit({
      type: 'ready',
      runId: run.id,
      stats: {
        train: 209,
        validation: 0,
        test: 50,
        trainPositives: 72,
        classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
        labelNames: ['not Bag', 'Bag'],
        labelCounts: { train: [137, 72], validation: [0, 0], test: [33, 17] },
        trainEval: [],
      },
      params: 5503,
      summary: { inputShape: [784], layers: [], totalParams: 5503 },
    });
    expect(run.params.value).toBe(5503);
    expect(run.stats.value?.trainPositives).toBe(72);

    emit({ type: 'run-event', runId: run.id, event: { type: 'state', state: 'running' } });
    const points = run.points;
    for (let n = 1; n <= 3; n++) emit({ type: 'run-event', runId: run.id, event: { type: 'step', record: step(n) } });
    expect(run.phase.value).toBe('running');
    expect(run.version.value).toBe(3);
    expect(run.points).toBe(points);
    expect(run.points.filter((p) => p.metric === 'train cost').map((p) => p.value)).toEqual([1, 0.5, 1 / 3]);
    expect(lastStep(run)?.step).toBe(3);

    emit({
      type: 'run-event',
      runId: run.id,
      event: { type: 'eval', record: { step: 3, epoch: 0.3, test: { loss: 0.4, accuracy: 0.8, n: 50, outputs: 1 } } },
    });
    expect(run.evals).toHaveLength(1);
    expect(run.points.some((p) => p.metric === 'test accuracy' && p.value === 0.8)).toBe(true);

    emit({
      type: 'run-event',
      runId: run.id,
      event: { type: 'ended', reason: 'diverged', message: 'diverged at step 3: loss became NaN or infinite', step: 3 },
    });
    expect(run.phase.value).toBe('ended');
    expect(run.notice.value).toBe(
      'Stopped: diverged at step 3: loss became NaN or infinite. Each step overshot further than the last until the numbers overflowed; a smaller learning rate usually fixes this. The chart keeps the points before it.',
    );
  });

  it('keeps messages of one run away from another, and says when a run was preempted', () => {
    const { store, emit } = setup();
    const a = store.create('demo-a', lrPuzzle, { label: 'a' });
    const b = store.create('demo-b', lrPuzzle, { label: 'b' });
    emit({ type: 'run-event', runId: b.id, event: { type: 'step', record: step(1) } });
    expect(a.points).toHaveLength(0);
    expect(b.points).toHaveLength(2);
    emit({ type: 'preempted', runId: a.id, by: b.id });
    expect(a.phase.value).toBe('paused');
    expect(a.notice.value).toMatch(/another experiment on this page started training/);
    emit({ type: 'invalid', runId: b.id, issues: [{ path: 'seed', message: 'seed must be a whole number ≥ 0, got -1' }] });
    expect(b.phase.value).toBe('ended');
    expect(b.notice.value).toBe('seed must be a whole number ≥ 0, got -1');
  });

  it('release frees the worker side but keeps the records; clear forgets matching runs', () => {
    const { store, sent, emit } = setup();
    const a = store.create('demo-a', lrPuzzle, { label: 'a' });
    const b = store.create('demo-b', lrPuzzle, { label: 'b' });
    emit({ type: 'run-event', runId: a.id, event: { type: 'step', record: step(1) } });
    store.release(a);
    expect(sent.at(-1)).toEqual({ type: 'dispose', runId: a.id });
    expect(a.handle).toBeNull();
    expect(a.points).toHaveLength(2);
    // A released run ignores later messages and commands.
    emit({ type: 'run-event', runId: a.id, event: { type: 'step', record: step(2) } });
    expect(a.points).toHaveLength(2);
    const count = sent.length;
    store.start(a);
    expect(sent.length).toBe(count);
    store.clear((r) => r.demoId === 'demo-b');
    expect(store.runs.value).toEqual([a]);
    expect(sent.at(-1)).toEqual({ type: 'dispose', runId: b.id });
  });

  it('whenEnded resolves once the run ends, for islands that train runs in turn (the sweep)', async () => {
    const { store, emit } = setup();
    const run = store.create('sweep', lrPuzzle, { label: 'lr 1' });
    let ended = false;
    const done = store.whenEnded(run).then(() => (ended = true));
    emit({ type: 'run-event', runId: run.id, event: { type: 'state', state: 'running' } });
    await Promise.resolve();
    expect(ended).toBe(false);
    emit({ type: 'run-event', runId: run.id, event: { type: 'ended', reason: 'completed', message: 'finished 3 steps', step: 3 } });
    await done;
    expect(ended).toBe(true);
    expect(run.notice.value).toBe('');
  });
});
