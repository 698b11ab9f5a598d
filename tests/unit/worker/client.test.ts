/** The page-side client (src/engine/worker/client.ts) against a fake worker: requests, answers, disposal. */
import { describe, expect, it } from 'vitest';
import { EngineClient } from '../../../src/engine/worker/client';
import type { ToWorker } from '../../../src/engine/worker/protocol';
import { fakeWorker } from '../helpers/fakeWorker';
import { tinyBinary } from '../train/helpers';

describe('RunHandle requests', () => {
  it('probe creates the run first (its spec, once) and resolves with the answer', async () => {
    const { worker, posted, reply } = fakeWorker();
    const run = new EngineClient(worker).createRun(tinyBinary(), 'demo');
    const answer = run.probe('validation', 3);
    const sent = posted.at(-1) as Extract<ToWorker, { type: 'probe' }>;
    expect(posted.at(-2)).toEqual({ type: 'create', runId: run.id, spec: tinyBinary() });
    expect(sent).toEqual({ type: 'probe', runId: run.id, requestId: sent.requestId, split: 'validation', index: 3 });
    const pixels = new Float32Array(784).fill(0.5);
    const probabilities = Float32Array.of(0.9);
    // An answer to another request is ignored.
    reply({ type: 'probe-result', runId: run.id, requestId: sent.requestId + 100, error: 'not yours' });
    reply({
      type: 'probe-result',
      runId: run.id,
      requestId: sent.requestId,
      result: { layers: [{ layer: 0, shape: [1], values: probabilities }], pixels, label: 1, classId: 6, probabilities },
    });
    await expect(answer).resolves.toEqual({
      layers: [{ layer: 0, shape: [1], values: probabilities }],
      pixels,
      label: 1,
      classId: 6,
      probabilities,
    });
  });

  it('examples resolves with typed arrays and rejects with the worker’s message', async () => {
    const { worker, posted, reply } = fakeWorker();
    const run = new EngineClient(worker).createRun(tinyBinary());
    const ok = run.examples('test', [4, 2]);
    const first = posted.at(-1) as Extract<ToWorker, { type: 'examples' }>;
    expect(first).toMatchObject({ type: 'examples', split: 'test', indices: [4, 2] });
    const bad = run.examples('test', [99]);
    const second = posted.at(-1) as Extract<ToWorker, { type: 'examples' }>;
    reply({
      type: 'examples-result',
      runId: run.id,
      requestId: second.requestId,
      error: 'example 99 is out of range (0–29) of the test set',
    });
    reply({
      type: 'examples-result',
      runId: run.id,
      requestId: first.requestId,
      result: { pixels: new Float32Array(2 * 784), labels: Uint8Array.of(1, 0), classIds: Uint8Array.of(8, 0) },
    });
    await expect(bad).rejects.toThrow('example 99 is out of range (0–29) of the test set');
    await expect(ok).resolves.toMatchObject({ labels: Uint8Array.of(1, 0), classIds: Uint8Array.of(8, 0) });
  });

  it('a disposed handle rejects new and pending requests with a clear message', async () => {
    const { worker, posted } = fakeWorker();
    const run = new EngineClient(worker).createRun(tinyBinary(), 'gone');
    const pending = run.probe('test', 0);
    run.dispose();
    expect(posted.at(-1)).toEqual({ type: 'dispose', runId: run.id });
    const message = `run ${run.id} was disposed; create a new run to probe it or show its examples`;
    await expect(pending).rejects.toThrow(message);
    await expect(run.probe('test', 0)).rejects.toThrow(message);
    await expect(run.examples('train', [0])).rejects.toThrow(message);
    expect(posted.filter((m) => m.type === 'probe')).toHaveLength(1);
  });

  it('sends the spec once per run: create before the first message, then the run by id alone', () => {
    const { worker, posted } = fakeWorker();
    const run = new EngineClient(worker).createRun(tinyBinary(), 'once');
    // A pause before anything was sent has nothing to pause.
    run.pause();
    expect(posted.filter((m) => 'runId' in m)).toEqual([]);
    run.step();
    run.start();
    run.pause();
    const id = run.update({ model: { l2: 0.01 } });
    run.stop();
    expect(posted.filter((m) => 'runId' in m)).toEqual([
      { type: 'create', runId: run.id, spec: tinyBinary() },
      { type: 'step', runId: run.id },
      { type: 'start', runId: run.id },
      { type: 'pause', runId: run.id },
      { type: 'update', runId: run.id, updateId: id, patch: { model: { l2: 0.01 } } },
      { type: 'stop', runId: run.id },
    ]);
  });
});
