import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunHost } from '../../../src/engine/worker/host';
import type { FromWorker } from '../../../src/engine/worker/protocol';
import { tinyBinary, tinyData, useCpu } from '../train/helpers';

beforeAll(useCpu);

function host(load = async () => tinyData()) {
  const sent: FromWorker[] = [];
  const h = new RunHost((m) => sent.push(m), load);
  const until = async (pred: (m: FromWorker) => boolean, ms = 20_000) => {
    const t0 = Date.now();
    while (!sent.some(pred)) {
      if (Date.now() - t0 > ms) throw new Error('timed out waiting for a message');
      await new Promise((r) => setTimeout(r, 5));
    }
    return sent.find(pred)!;
  };
  return { h, sent, until };
}

const ended = (runId: string) => (m: FromWorker) => m.type === 'run-event' && m.runId === runId && m.event.type === 'ended';

describe('RunHost (the worker side)', () => {
  it('rejects an invalid spec with reader-friendly issues and trains nothing', async () => {
    const { h, sent } = host();
    const bad = { ...tinyBinary(), optimizer: { type: 'sgd', learningRate: -1 } };
    await h.handle({ type: 'start', runId: 'a', spec: bad as never });
    expect(sent).toEqual([{ type: 'invalid', runId: 'a', issues: [{ path: 'optimizer.learningRate', message: 'learning rate must be a number > 0 and ≤ 1000, got -1' }] }]);
  });

  it('reports data stats, trains to the end, probes, and frees every tensor on dispose', async () => {
    const baseline = tf.memory().numTensors;
    const { h, sent, until } = host();
    await h.handle({ type: 'start', runId: 'a', spec: tinyBinary() });
    expect(sent.find((m) => m.type === 'ready')).toEqual({ type: 'ready', runId: 'a', stats: { train: 60, validation: 0, test: 30, trainPositives: 20 }, params: 784 * 5 + 5 + 5 + 1 });
    expect(await until(ended('a'))).toMatchObject({ event: { reason: 'completed' } });
    await h.handle({ type: 'probe', runId: 'a', requestId: 7, split: 'test', index: 0 });
    expect(sent.at(-1)).toMatchObject({ type: 'probe-result', requestId: 7, layers: [{ layer: 0, shape: [5] }, { layer: 1, shape: [1] }] });
    await h.handle({ type: 'dispose', runId: 'a' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('one run trains at a time: starting another pauses the first and says so', async () => {
    const { h, sent, until } = host();
    const long = tinyBinary({ training: { batchSize: 20, duration: { iterations: 100000 } } });
    await h.handle({ type: 'start', runId: 'a', spec: long });
    await until((m) => m.type === 'run-event' && m.runId === 'a' && m.event.type === 'step');
    await h.handle({ type: 'start', runId: 'b', spec: tinyBinary() });
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
    // Pretend the run started on WebGPU, so the host snapshots weights at each evaluation.
    (h as unknown as { backend: { name: string } }).backend = { name: 'webgpu' };
    const spec = tinyBinary({ training: { batchSize: 20, duration: { iterations: 100000 } }, record: { every: 1, evaluate: { steps: 10 }, instruments: false, probabilities: false } });
    await h.handle({ type: 'start', runId: 'a', spec });
    await until((m) => m.type === 'run-event' && m.event.type === 'eval' && m.event.record.step >= 20);
    await new Promise((r) => setTimeout(r, 20)); // let the snapshot readback land
    await (h as unknown as { recoverFromDeviceLoss(msg: string): Promise<void> }).recoverFromDeviceLoss('test: device destroyed');
    const changed = sent.find((m) => m.type === 'backend-changed');
    expect(changed).toMatchObject({ type: 'backend-changed', info: { name: 'cpu' } });
    expect((changed as { message: string }).message).toMatch(/^The GPU device was lost \(test: device destroyed\); training continues on CPU from the last evaluated step\.$/);
    // The rebuilt run resumes from a snapshot step (a multiple of 10), not from scratch.
    const before = sent.length;
    await until((m) => sent.indexOf(m) >= before && m.type === 'run-event' && m.event.type === 'step');
    const next = sent.slice(before).find((m) => m.type === 'run-event' && m.event.type === 'step') as Extract<FromWorker, { type: 'run-event' }>;
    const step = (next.event as { record: { step: number } }).record.step;
    expect(step).toBeGreaterThan(20);
    // Only the rebuilt run trains: no step numbers repeat from here on.
    await new Promise((r) => setTimeout(r, 100));
    const later = sent.slice(before).flatMap((m) => (m.type === 'run-event' && m.event.type === 'step' ? [m.event.record.step] : []));
    expect(new Set(later).size).toBe(later.length);
    await h.handle({ type: 'stop', runId: 'a' });
    await h.handle({ type: 'dispose', runId: 'a' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('turns a data failure into an error message instead of a crash', async () => {
    const { h, sent } = host(async () => {
      throw new Error('train-00.images.bin is corrupt or truncated (expected 1568000 bytes, got 1000)');
    });
    await h.handle({ type: 'start', runId: 'a', spec: tinyBinary() });
    expect(sent).toEqual([{ type: 'error', runId: 'a', message: 'train-00.images.bin is corrupt or truncated (expected 1568000 bytes, got 1000)' }]);
  });
});
