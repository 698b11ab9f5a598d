import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunHost } from '../../../src/engine/worker/host';
import type { FromWorker } from '../../../src/engine/worker/protocol';
import { summarize } from '../../../src/engine/spec/summarize';
import { tinyBinary, tinyData, useCpu } from '../train/helpers';

beforeAll(useCpu);

function host(load = async () => tinyData()) {
  const sent: FromWorker[] = [];
  /** Buffers each message transferred, by message index. */
  const transfers = new Map<number, Transferable[]>();
  // As postMessage does: clone, moving the transferred buffers (a duplicate or detached buffer throws).
  // Each message wakes whoever waits for one like it: no polling.
  const waiters = new Set<() => void>();
  const h = new RunHost((m, transfer = []) => {
    if (transfer.length) transfers.set(sent.length, transfer);
    sent.push(structuredClone(m, { transfer }));
    for (const wake of [...waiters]) wake();
  }, load);
  const until = (pred: (m: FromWorker) => boolean, ms = 20_000) =>
    new Promise<FromWorker>((resolve, reject) => {
      const check = () => {
        const found = sent.find(pred);
        if (!found) return;
        waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error('timed out waiting for a message'));
      }, ms);
      waiters.add(check);
      check();
    });
  return { h, sent, until, transfers };
}

const ended = (runId: string) => (m: FromWorker) => m.type === 'run-event' && m.runId === runId && m.event.type === 'ended';

describe('RunHost (the worker side)', () => {
  it('rejects an invalid spec with reader-friendly issues and trains nothing', async () => {
    const { h, sent } = host();
    const bad = { ...tinyBinary(), optimizer: { type: 'sgd', learningRate: -1 } };
    void h.handle({ type: 'create', runId: 'a', spec: bad as never });
    await h.handle({ type: 'start', runId: 'a' });
    expect(sent).toEqual([
      {
        type: 'invalid',
        runId: 'a',
        issues: [{ path: 'optimizer.learningRate', message: 'learning rate must be a number > 0 and ≤ 1000, got -1' }],
      },
    ]);
  });

  it('a Pause or Reset that arrives while the run is still being built cancels its start: no step runs', async () => {
    const baseline = tf.memory().numTensors;
    // Data that arrives late, as a first download does: the pause and the dispose overtake the start.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { h, sent } = host(async () => {
      await gate;
      return tinyData();
    });
    void h.handle({ type: 'create', runId: 'p', spec: tinyBinary() });
    const started = h.handle({ type: 'start', runId: 'p' });
    const paused = h.handle({ type: 'pause', runId: 'p' });
    release();
    await Promise.all([started, paused]);
    const events = sent
      .filter((m) => m.type === 'run-event' && m.runId === 'p')
      .map((m) => (m as Extract<FromWorker, { type: 'run-event' }>).event);
    expect(events).toEqual([{ type: 'state', state: 'paused' }]);
    // Resume starts it as usual.
    const resumed = h.handle({ type: 'start', runId: 'p' });
    await resumed;
    void h.handle({ type: 'create', runId: 'q', spec: tinyBinary() });
    const started2 = h.handle({ type: 'start', runId: 'q' });
    const disposed = h.handle({ type: 'dispose', runId: 'q' });
    await Promise.all([started2, disposed]);
    expect(sent.some((m) => m.type === 'run-event' && m.runId === 'q' && m.event.type === 'step')).toBe(false);
    await h.handle({ type: 'dispose', runId: 'p' });
    expect(h.runCount).toBe(0);
    expect(tf.memory().numTensors).toBe(baseline);
    expect(sent.some((m) => m.type === 'run-event' && m.runId === 'p' && m.event.type === 'state' && m.event.state === 'running')).toBe(
      true,
    );
  });

  it('a Reset already queued behind a Train (a busy worker) cancels the start before its first step', async () => {
    const baseline = tf.memory().numTensors;
    const { h, sent } = host();
    // The run exists (a probe built it), so its start has nothing to wait for.
    void h.handle({ type: 'create', runId: 'r', spec: tinyBinary() });
    await h.handle({ type: 'probe', runId: 'r', requestId: 1, split: 'test', index: 0 });
    const start = h.handle({ type: 'start', runId: 'r' });
    // The worker's next message: posted by the page while the start was being handled, so queued behind it.
    const reset = new Promise<void>((resolve) => setTimeout(() => void h.handle({ type: 'dispose', runId: 'r' }).then(resolve), 0));
    await Promise.all([start, reset]);
    expect(
      sent
        .filter((m) => m.type === 'run-event' && m.runId === 'r')
        .map((m) => (m as Extract<FromWorker, { type: 'run-event' }>).event.type),
    ).not.toContain('step');
    expect(h.runCount).toBe(0);
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('reports data stats, trains to the end, probes, and frees every tensor on dispose', async () => {
    const baseline = tf.memory().numTensors;
    const { h, sent, until } = host();
    void h.handle({ type: 'create', runId: 'a', spec: tinyBinary() });
    await h.handle({ type: 'start', runId: 'a' });
    const ready = sent.find((m) => m.type === 'ready') as Extract<FromWorker, { type: 'ready' }>;
    expect(ready.stats).toEqual({
      train: 60,
      validation: 0,
      test: 30,
      trainPositives: 20,
      classNames: ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
      labelNames: ['not Bag', 'Bag'],
      labelCounts: { train: [40, 20], validation: [0, 0], test: [20, 10] },
      trainEval: [],
    });
    expect(ready.params).toBe(784 * 5 + 5 + 5 + 1);
    expect(ready.summary).toEqual(summarize(tinyBinary()));
    expect(await until(ended('a'))).toMatchObject({ event: { reason: 'completed' } });
    await h.handle({ type: 'probe', runId: 'a', requestId: 7, split: 'test', index: 0 });
    expect(sent.at(-1)).toMatchObject({
      type: 'probe-result',
      requestId: 7,
      result: {
        layers: [
          { layer: 0, shape: [5] },
          { layer: 1, shape: [1] },
        ],
      },
    });
    await h.handle({ type: 'dispose', runId: 'a' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('one run trains at a time: starting another pauses the first and says so', async () => {
    const { h, sent, until } = host();
    const long = tinyBinary({ training: { batchSize: 20, duration: { iterations: 100000 } } });
    void h.handle({ type: 'create', runId: 'a', spec: long });
    await h.handle({ type: 'start', runId: 'a' });
    await until((m) => m.type === 'run-event' && m.runId === 'a' && m.event.type === 'step');
    void h.handle({ type: 'create', runId: 'b', spec: tinyBinary() });
    await h.handle({ type: 'start', runId: 'b' });
    expect(sent).toContainEqual({ type: 'preempted', runId: 'a', by: 'b' });
    await until(ended('b'));
    expect(sent.some(ended('a'))).toBe(false);
    await h.handle({ type: 'stop', runId: 'a' });
    expect(await until(ended('a'))).toMatchObject({ event: { reason: 'stopped' } });
    await h.handle({ type: 'dispose', runId: 'a' });
    await h.handle({ type: 'dispose', runId: 'b' });
  });

  it('after a lost GPU device, rebuilds each run from its last evaluated weights and tells the page', async () => {
    const baseline = tf.memory().numTensors;
    const { h, sent, until } = host();
    // Without init the host does not know its backend is the CPU, so it keeps each evaluation's weights.
    const spec = tinyBinary({
      training: { batchSize: 20, duration: { iterations: 100000 } },
      record: { every: 1, evaluate: { steps: 10 }, instruments: false, probabilities: false },
    });
    void h.handle({ type: 'create', runId: 'a', spec });
    await h.handle({ type: 'start', runId: 'a' });
    await until((m) => m.type === 'run-event' && m.event.type === 'eval' && m.event.record.step >= 20);
    // The recovery waits for the snapshot being read back.
    await h.backendLost('test: device destroyed', 'webgpu');
    const changed = sent.find((m) => m.type === 'backend-changed');
    expect(changed).toMatchObject({ type: 'backend-changed', info: { name: 'cpu' } });
    expect((changed as { message: string }).message).toMatch(
      /^The GPU device was lost \(test: device destroyed\); training continues on CPU from the last evaluated step\.$/,
    );
    // The rebuilt run resumes from a snapshot step (a multiple of 10), not from scratch.
    const before = sent.length;
    const steps = () => sent.slice(before).flatMap((m) => (m.type === 'run-event' && m.event.type === 'step' ? [m.event.record.step] : []));
    await until(() => steps().length >= 30);
    const first = steps()[0];
    expect(first).toBeGreaterThan(20);
    expect((first - 1) % 10).toBe(0);
    // Only the rebuilt run trains: consecutive steps, none repeated.
    expect(steps().slice(0, 30)).toEqual(Array.from({ length: 30 }, (_, i) => first + i));
    // A second report about the backend already left behind changes nothing.
    await h.backendLost('late report', 'webgpu');
    expect(sent.filter((m) => m.type === 'backend-changed')).toHaveLength(1);
    await h.handle({ type: 'stop', runId: 'a' });
    await h.handle({ type: 'dispose', runId: 'a' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('knows a run by the id it was created with: a message about another id is answered, never guessed at', async () => {
    const { h, sent } = host();
    await h.handle({ type: 'start', runId: 'nobody' });
    await h.handle({ type: 'probe', runId: 'nobody', requestId: 1, split: 'test', index: 0 });
    await h.handle({ type: 'pause', runId: 'nobody' });
    await h.handle({ type: 'update', runId: 'nobody', updateId: 1, patch: { model: { l2: 0.1 } } });
    expect(sent).toEqual([
      { type: 'error', runId: 'nobody', message: 'there is no run nobody: create it first' },
      { type: 'probe-result', runId: 'nobody', requestId: 1, error: 'there is no run nobody: create it first' },
    ]);
    expect(h.runCount).toBe(0);
  });

  it('turns a data failure into an error message instead of a crash', async () => {
    const { h, sent } = host(async () => {
      throw new Error('train-00.images.bin is corrupt or truncated (expected 1568000 bytes, got 1000)');
    });
    void h.handle({ type: 'create', runId: 'a', spec: tinyBinary() });
    await h.handle({ type: 'start', runId: 'a' });
    expect(sent).toEqual([
      { type: 'error', runId: 'a', message: 'train-00.images.bin is corrupt or truncated (expected 1568000 bytes, got 1000)' },
    ]);
  });
});

describe('RunHost: probes, examples and transferred evaluations', () => {
  const result = <T extends FromWorker['type']>(sent: FromWorker[], type: T, requestId: number) =>
    sent.find((m) => m.type === type && 'requestId' in m && m.requestId === requestId) as Extract<FromWorker, { type: T }>;

  it('probe creates the run before any training (random weights), and works again after training', async () => {
    const baseline = tf.memory().numTensors;
    const data = tinyData();
    const { h, sent, until } = host(async () => data);
    const spec = tinyBinary({ record: { probabilities: true, trainEval: 10 } });
    void h.handle({ type: 'create', runId: 'p', spec });
    await h.handle({ type: 'probe', runId: 'p', requestId: 1, split: 'test', index: 4 });
    expect(sent.some((m) => m.type === 'ready' && m.runId === 'p')).toBe(true);
    const answer = result(sent, 'probe-result', 1);
    expect(answer.error).toBeUndefined();
    const before = answer.result!;
    expect(before.layers.map((l) => l.shape)).toEqual([[5], [1]]);
    expect(Array.from(before.pixels)).toEqual(Array.from(data.test!.x.subarray(4 * 784, 5 * 784)));
    expect(before.label).toBe(data.test!.labels[4]);
    expect(before.classId).toBe(data.test!.y[4]);
    expect(before.probabilities).toHaveLength(1);
    expect(Array.from(before.probabilities)).toEqual(Array.from(before.layers[1].values));
    expect(before.probabilities[0]).toBeGreaterThan(0);
    expect(before.probabilities[0]).toBeLessThan(1);
    await h.handle({ type: 'start', runId: 'p' });
    await until(ended('p'));
    await h.handle({ type: 'probe', runId: 'p', requestId: 2, split: 'test', index: 4 });
    const after = result(sent, 'probe-result', 2).result!;
    expect(after.probabilities[0]).not.toBe(before.probabilities[0]);
    // Only one run was created for both.
    expect(sent.filter((m) => m.type === 'ready')).toHaveLength(1);
    await h.handle({ type: 'dispose', runId: 'p' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('probe and examples answer with a message for a bad spec, a missing split or an index out of range', async () => {
    const { h, sent } = host();
    const bad = { ...tinyBinary(), optimizer: { type: 'sgd', learningRate: -1 } } as never;
    void h.handle({ type: 'create', runId: 'x', spec: bad });
    await h.handle({ type: 'probe', runId: 'x', requestId: 1, split: 'test', index: 0 });
    expect(result(sent, 'probe-result', 1).error).toBe(
      'the experiment is not valid: learning rate must be a number > 0 and ≤ 1000, got -1',
    );
    void h.handle({ type: 'create', runId: 'q', spec: tinyBinary() });
    await h.handle({ type: 'probe', runId: 'q', requestId: 2, split: 'validation', index: 0 });
    expect(result(sent, 'probe-result', 2).error).toBe('this experiment has no validation set');
    await h.handle({ type: 'probe', runId: 'q', requestId: 3, split: 'test', index: 30 });
    expect(result(sent, 'probe-result', 3).error).toBe('example 30 is out of range (0–29) of the test set');
    await h.handle({ type: 'examples', runId: 'q', requestId: 4, split: 'train', indices: [0, 60] });
    expect(result(sent, 'examples-result', 4)).toEqual({
      type: 'examples-result',
      runId: 'q',
      requestId: 4,
      error: 'example 60 is out of range (0–59) of the train set',
    });
    await h.handle({ type: 'examples', runId: 'q', requestId: 5, split: 'train', indices: [1.5] });
    expect(result(sent, 'examples-result', 5).error).toBe('example 1.5 is out of range (0–59) of the train set');
    await h.handle({ type: 'dispose', runId: 'q' });
  });

  it('examples returns pixels, labels and class ids in the requested order, as transferables', async () => {
    const data = tinyData();
    const { h, sent, transfers } = host(async () => data);
    void h.handle({ type: 'create', runId: 'e', spec: tinyBinary() });
    await h.handle({ type: 'examples', runId: 'e', requestId: 9, split: 'train', indices: [5, 0, 3] });
    const at = sent.findIndex((m) => m.type === 'examples-result');
    const m = (sent[at] as Extract<FromWorker, { type: 'examples-result' }>).result!;
    const want = [5, 0, 3].flatMap((i) => Array.from(data.train.x.subarray(i * 784, (i + 1) * 784)));
    expect(Array.from(m.pixels)).toEqual(want);
    expect(Array.from(m.labels)).toEqual([5, 0, 3].map((i) => data.train.labels[i]));
    expect(Array.from(m.classIds)).toEqual([5, 0, 3].map((i) => data.train.y[i]));
    expect(transfers.get(at)).toHaveLength(3);
    // The run's own data is untouched by the transfer.
    expect(data.train.x.byteLength).toBe(60 * 784 * 4);
    await h.handle({ type: 'dispose', runId: 'e' });
  });

  it('posts evaluation probabilities, labels and per-example losses as transferred typed arrays; the training subset is evaluated too', async () => {
    const { h, sent, until, transfers } = host();
    void h.handle({
      type: 'create',
      runId: 'v',
      spec: tinyBinary({ record: { probabilities: true, trainEval: 12, evaluate: { steps: 25 } } }),
    });
    await h.handle({ type: 'start', runId: 'v' });
    await until(ended('v'));
    const evals = sent.flatMap((m, i) => (m.type === 'run-event' && m.event.type === 'eval' ? [{ i, record: m.event.record }] : []));
    expect(evals.map((e) => e.record.step)).toEqual([25, 50]);
    for (const { i, record } of evals) {
      expect(record.train!.n).toBe(12);
      expect(record.train!.probabilities).toBeInstanceOf(Float32Array);
      expect(record.train!.probabilities).toHaveLength(12);
      expect(record.test!.labels).toBeInstanceOf(Uint8Array);
      expect(record.test!.labels).toHaveLength(30);
      expect(record.test!.losses).toBeInstanceOf(Float32Array);
      expect(record.test!.losses).toHaveLength(30);
      // Probabilities, labels and losses of the training subset and of the test set.
      expect(transfers.get(i)).toHaveLength(6);
    }
    const ready = sent.find((m) => m.type === 'ready') as Extract<FromWorker, { type: 'ready' }>;
    expect(ready.stats.trainEval).toHaveLength(12);
    await h.handle({ type: 'dispose', runId: 'v' });
  });

  it('a probe of a model that starts with flatten never detaches the training data (CPU shares buffers)', async () => {
    const spec = tinyBinary({
      data: { dataset: 'fashion-mnist', task: { kind: 'binary', positive: [8] }, train: 60, test: 30, input: 'image' },
      model: { kind: 'layers', layers: [{ type: 'flatten' }, { type: 'dense', units: 1, activation: 'sigmoid' }] },
    });
    const { h, sent, until } = host();
    void h.handle({ type: 'create', runId: 'f', spec });
    await h.handle({ type: 'probe', runId: 'f', requestId: 1, split: 'train', index: 2 });
    expect(result(sent, 'probe-result', 1).result!.layers[0].shape).toEqual([784]);
    await h.handle({ type: 'start', runId: 'f' });
    expect(await until(ended('f'))).toMatchObject({ event: { reason: 'completed' } });
    await h.handle({ type: 'dispose', runId: 'f' });
  });
});
