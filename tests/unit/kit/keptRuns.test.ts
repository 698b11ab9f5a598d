/**
 * Runs kept between visits (#26 §2): the archive's rules on an in-memory storage — save and restore, the oldest
 * runs going first past the budget, a full browser storage answered without a throw, forgetting — and the keeper
 * between a page's run store and the archive: a paused run is saved with the worker's snapshot, a reload (a new
 * store on the same storage) brings it back paused, and Resume creates it in the worker from those weights.
 */
import { describe, expect, it } from 'vitest';
import { RunArchive, sizeOf, type SavedRun } from '../../../src/components/experiment/store/archive';
import { memoryBackend } from '../../../src/components/experiment/store/memory';
import { RunKeeper, resumeNote } from '../../../src/components/experiment/store/keep';
import { RunStore } from '../../../src/components/experiment/store/runStore';
import { fakeWorker } from '../helpers/fakeWorker';
import { lrPuzzle } from '../spec/fixtures';
import type { ToWorker, WeightsSnapshot } from '../../../src/engine/worker/protocol';

const MB = 1e6;

/** A kept run whose size is about `bytes` (one weight array of that size). */
function saved(key: string, opts: { page?: string; savedAt?: number; bytes?: number; demoId?: string } = {}): SavedRun {
  const n = Math.round((opts.bytes ?? 1000) / 4);
  return {
    format: 1,
    key,
    page: opts.page ?? '/chapters/a/',
    demoId: opts.demoId ?? 'demo-a',
    createdAt: opts.savedAt ?? 1,
    savedAt: opts.savedAt ?? 1,
    label: key,
    group: 'A',
    overrides: {},
    spec: lrPuzzle,
    seed: 1,
    phase: 'ended',
    ended: { reason: 'completed', message: 'finished 5 steps' },
    progress: { step: 5, total: 5, epoch: 5, samplesPerSecond: 100, elapsedMs: 50, remainingMs: 0 },
    stats: null,
    params: 5503,
    points: [{ step: 5, epoch: 5, metric: 'train cost', value: 0.5 }],
    steps: [{ step: 5, epoch: 5, loss: 0.5, accuracy: 0.8, learningRate: 1 }],
    evals: [],
    gradients: [],
    changes: [],
    instruments: null,
    weights: { step: 5, epoch: 5, params: [{ name: 'W1', shape: [n], values: new Float32Array(n) }] },
  };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('RunArchive', () => {
  it('saves and restores a page’s runs (typed arrays intact), oldest first, and counts their size', async () => {
    const backend = memoryBackend();
    const archive = new RunArchive(backend, '/chapters/a/');
    const a = saved('a', { savedAt: 2 });
    a.weights!.params[0].values[3] = 0.25;
    expect(await archive.save(a)).toBe('saved');
    expect(await archive.save(saved('b', { savedAt: 1 }))).toBe('saved');
    expect(await archive.save(saved('elsewhere', { page: '/chapters/b/' }))).toBe('saved');
    const back = await new RunArchive(backend, '/chapters/a/').restore();
    expect(back.map((r) => r.key)).toEqual(['b', 'a']);
    expect(back[1].weights!.params[0].values).toBeInstanceOf(Float32Array);
    expect(back[1].weights!.params[0].values[3]).toBe(0.25);
    expect(archive.usage.value).toEqual({ runs: 2, page: sizeOf(a) + sizeOf(saved('b', { savedAt: 1 })), site: expect.any(Number) });
    expect(archive.usage.value.site).toBeGreaterThan(archive.usage.value.page);
    expect(archive.state.value).toBe('ready');
  });

  it('keeps at most the budget: the oldest runs of any page go first', async () => {
    const backend = memoryBackend();
    const archive = new RunArchive(backend, '/chapters/a/', 10 * MB);
    await archive.save(saved('old', { savedAt: 1, bytes: 4 * MB, page: '/chapters/b/' }));
    await archive.save(saved('middle', { savedAt: 2, bytes: 4 * MB }));
    await archive.save(saved('new', { savedAt: 3, bytes: 4 * MB }));
    expect([...backend.runs.keys()].sort()).toEqual(['middle', 'new']);
    // Saving a run again replaces it and does not count it twice.
    await archive.save(saved('new', { savedAt: 4, bytes: 4 * MB }));
    expect([...backend.runs.keys()].sort()).toEqual(['middle', 'new']);
    expect(archive.usage.value.site).toBeLessThanOrEqual(10 * MB);
    // Over the whole budget: the per-example arrays of all evaluations but the last go; still over: not kept.
    expect(await archive.save(saved('huge', { savedAt: 5, bytes: 11 * MB }))).toBe('too-large');
    expect(archive.problem.value).toMatch(/^A run \(11\.0 MB\) was too large to keep: the book keeps at most 10\.0 MB/);
    expect(backend.runs.has('middle')).toBe(true);
    const big = saved('slim', { savedAt: 6, bytes: 1000 });
    const probs = () => ({ loss: 1, accuracy: 0.5, n: 1, outputs: 1, probabilities: new Float32Array(MB / 4) });
    big.evals = Array.from({ length: 12 }, (_, i) => ({ step: i, epoch: i, validation: probs() }));
    expect(await archive.save(big)).toBe('saved');
    const back = backend.runs.get('slim')!;
    expect(back.slimmed).toBe(true);
    expect(back.evals.filter((e) => e.validation?.probabilities).map((e) => e.step)).toEqual([11]);
  });

  it('a full browser storage costs the oldest runs, then is said, never thrown', async () => {
    const backend = memoryBackend({ quota: 5 * MB });
    const archive = new RunArchive(backend, '/chapters/a/');
    await archive.save(saved('one', { savedAt: 1, bytes: 2 * MB }));
    await archive.save(saved('two', { savedAt: 2, bytes: 2 * MB }));
    expect(await archive.save(saved('three', { savedAt: 3, bytes: 2 * MB }))).toBe('saved');
    expect([...backend.runs.keys()].sort()).toEqual(['three', 'two']);
    expect(await archive.save(saved('giant', { savedAt: 4, bytes: 6 * MB }))).toBe('full');
    expect(archive.state.value).toBe('full');
    expect(archive.problem.value).toBe(
      'This browser’s storage for the site is full: your latest run was not kept. The page works as before.',
    );
    // Room again: the next save clears the message.
    expect(await archive.save(saved('small', { savedAt: 5, bytes: 1000 }))).toBe('saved');
    expect(archive.state.value).toBe('ready');
    expect(archive.problem.value).toBe('');
  });

  it('forgets the named runs, or every run of the page and no other page’s', async () => {
    const backend = memoryBackend();
    const archive = new RunArchive(backend, '/chapters/a/');
    for (const k of ['a1', 'a2', 'a3']) await archive.save(saved(k));
    await archive.save(saved('b1', { page: '/chapters/b/' }));
    await archive.forget(['a1']);
    expect(archive.usage.value.runs).toBe(2);
    await archive.forget();
    expect([...backend.runs.keys()]).toEqual(['b1']);
    expect(archive.usage.value).toMatchObject({ runs: 0, page: 0 });
    expect(await archive.restore()).toEqual([]);
  });

  it('without IndexedDB (or blocked) it says so, keeps nothing and throws nothing', async () => {
    const archive = new RunArchive(null, '/chapters/a/');
    await flush();
    expect(archive.state.value).toBe('unavailable');
    expect(await archive.save(saved('a'))).toBe('unavailable');
    expect(await archive.restore()).toEqual([]);
    await archive.forget();
    const broken = new RunArchive(Promise.reject(new Error('SecurityError')), '/chapters/a/');
    await flush();
    expect(broken.state.value).toBe('unavailable');
  });
});

describe('RunKeeper', () => {
  const weights = (step: number): WeightsSnapshot => ({
    step,
    epoch: step,
    params: [{ name: 'W1', shape: [2, 2], values: Float32Array.of(1, 2, 3, step) }],
  });

  /** A page: a store on a fake worker, kept in `backend`; the fake answers snapshots with `weights(step)`. */
  function page(backend = memoryBackend()) {
    const fake = fakeWorker();
    const client = fake.client();
    const store = new RunStore(() => client);
    const archive = new RunArchive(backend, '/chapters/a/');
    const keeper = new RunKeeper(store, archive, 0);
    const answerSnapshots = (step = 5) => {
      for (const m of fake.posted.splice(0))
        if (m.type === 'snapshot') fake.reply({ type: 'snapshot-result', runId: m.runId, requestId: m.requestId, result: weights(step) });
    };
    return { fake, store, archive, keeper, backend, answerSnapshots };
  }
  const event = (runId: string, e: object) => ({ type: 'run-event' as const, runId, event: e as never });
  const until = async (pred: () => boolean) => {
    for (let i = 0; i < 200 && !pred(); i++) await new Promise((r) => setTimeout(r, 2));
    expect(pred()).toBe(true);
  };

  it('saves a paused run with its weights; a reload brings it back paused; Resume creates it from them', async () => {
    const first = page();
    const run = first.store.create('demo-a', lrPuzzle, { label: 'lr 1', overrides: { learningRate: 1 } });
    first.store.start(run);
    first.fake.reply(event(run.id, { type: 'state', state: 'running' }));
    for (let n = 1; n <= 5; n++)
      first.fake.reply(event(run.id, { type: 'step', record: { step: n, epoch: n, loss: 1 / n, accuracy: 0.5, learningRate: 1 } }));
    first.fake.reply(event(run.id, { type: 'state', state: 'paused' }));
    first.fake.reply(
      event(run.id, {
        type: 'progress',
        progress: { step: 5, total: 20, epoch: 5, samplesPerSecond: 10, elapsedMs: 500, remainingMs: 100 },
      }),
    );
    // Nothing is kept until the worker answers the snapshot.
    await until(() => first.fake.posted.some((m) => m.type === 'snapshot'));
    first.answerSnapshots();
    await until(() => first.backend.runs.size === 1);
    const kept = [...first.backend.runs.values()][0];
    expect(kept).toMatchObject({
      page: '/chapters/a/',
      demoId: 'demo-a',
      label: 'lr 1',
      phase: 'paused',
      overrides: { learningRate: 1 },
      weights: { step: 5 },
    });
    expect(kept.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5]);

    const second = page(first.backend);
    const [back] = await second.keeper.restore();
    expect(second.store.runs.value).toEqual([back]);
    expect(back.phase.value).toBe('paused');
    expect(back.label).toBe('lr 1');
    expect(back.points.filter((p) => p.metric === 'train cost').map((p) => p.value)).toEqual([1, 0.5, 1 / 3, 0.25, 0.2]);
    expect(back.progress.value?.step).toBe(5);
    expect(back.notice.value).toBe(
      'Kept from your last visit. Resume continues from its saved weights and step, with the same batches, as if it had never stopped.',
    );
    // Restored, nothing was sent; Resume creates the run from the saved weights, then starts it.
    expect(second.fake.posted.filter((m) => m.type === 'create')).toEqual([]);
    second.store.start(back);
    const create = second.fake.posted.find((m) => m.type === 'create') as Extract<ToWorker, { type: 'create' }>;
    expect(create.from).toEqual({ weights: weights(5), elapsedMs: 500 });
    expect(second.fake.posted.at(-1)).toMatchObject({ type: 'start', runId: back.id });
    second.fake.reply(event(back.id, { type: 'step', record: { step: 6, epoch: 6, loss: 0.1, accuracy: 0.9, learningRate: 1 } }));
    expect(back.steps.map((s) => s.step)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('Reset forgets what it clears; Forget my runs forgets the page’s and does not keep the runs on screen again', async () => {
    const p = page();
    const a = p.store.create('demo-a', lrPuzzle, { label: 'a' });
    const b = p.store.create('demo-b', lrPuzzle, { label: 'b' });
    for (const run of [a, b]) {
      p.fake.reply(event(run.id, { type: 'step', record: { step: 1, epoch: 1, loss: 1, accuracy: 0.5, learningRate: 1 } }));
      p.fake.reply(event(run.id, { type: 'ended', reason: 'completed', message: 'finished', step: 1 }));
    }
    await until(() => p.fake.posted.filter((m) => m.type === 'snapshot').length === 2);
    p.answerSnapshots(1);
    await until(() => p.backend.runs.size === 2);
    p.store.clear((r) => r.demoId === 'demo-a');
    await p.archive.settled();
    expect([...p.backend.runs.values()].map((r) => r.demoId)).toEqual(['demo-b']);
    await p.keeper.forgetPage();
    expect(p.backend.runs.size).toBe(0);
    expect(p.keeper.forgotten.value).toBe(true);
    b.changes.push({ control: 'learningRate', value: 0.5, step: 1, epoch: 1 });
    b.version.value++;
    await new Promise((r) => setTimeout(r, 20));
    expect(p.backend.runs.size).toBe(0);
  });

  it('says what a resumed run starts afresh', () => {
    expect(resumeNote({ ...lrPuzzle, optimizer: { type: 'adam', learningRate: 0.001 } })).toBe(
      'Resume continues from its saved weights and step, with fresh Adam moments (the browser keeps the weights, not the optimiser’s running state).',
    );
    expect(
      resumeNote({
        ...lrPuzzle,
        model: { ...lrPuzzle.model, dropout: 0.2 } as never,
        training: { ...lrPuzzle.training, augment: { shift: 2, flip: false } } as never,
      }),
    ).toMatch(/with new dropout masks and new augmentation draws/);
  });
});
