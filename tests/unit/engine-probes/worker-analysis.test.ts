/**
 * The shift-test and linear-probe requests end to end through the worker's RunHost (CPU backend) and the
 * page's RunHandle (against a fake worker): answers, transferred arrays, errors as answers, no leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunHost } from '../../../src/engine/worker/host';
import { EngineClient } from '../../../src/engine/worker/client';
import type { FromWorker, ToWorker } from '../../../src/engine/worker/protocol';
import { tinyBinary, tinyData, useCpu } from '../train/helpers';

beforeAll(useCpu);

function host(load = async () => tinyData()) {
  const sent: FromWorker[] = [];
  const transfers = new Map<number, Transferable[]>();
  const h = new RunHost((m, transfer = []) => {
    if (transfer.length) transfers.set(sent.length, transfer);
    sent.push(structuredClone(m, { transfer }));
  }, load);
  const answer = <T extends 'shift-result' | 'linear-probes-result'>(type: T, requestId: number) =>
    sent.find((m) => m.type === type && m.requestId === requestId) as Extract<FromWorker, { type: T }> | undefined;
  return { h, sent, transfers, answer };
}

describe('RunHost: shift test and linear probes', () => {
  it('answers a shift test before and after training, with its arrays transferred; frees everything on dispose', async () => {
    const baseline = tf.memory().numTensors;
    const { h, sent, transfers, answer } = host();
    const spec = tinyBinary();
    void h.handle({ type: 'create', runId: 's', spec });
    await h.handle({
      type: 'shift',
      runId: 's',
      requestId: 1,
      split: 'test',
      indices: [0, 4],
      shifts: [0, 1, 2, 3, 4],
      direction: 'diagonal',
    });
    // The request created the run (untrained).
    expect(sent.filter((m) => m.type === 'ready')).toHaveLength(1);
    const before = answer('shift-result', 1)!;
    expect(before.error).toBeUndefined();
    expect(before.result).toMatchObject({ shifts: [0, 1, 2, 3, 4], direction: 'diagonal', indices: [0, 4], layer: 0, dim: 5, outputs: 1 });
    expect(before.result!.representations).toHaveLength(2 * 5 * 5);
    expect(transfers.get(sent.indexOf(before))).toHaveLength(5);
    await h.handle({ type: 'start', runId: 's' });
    await new Promise<void>((resolve) => {
      const t = setInterval(() => sent.some((m) => m.type === 'run-event' && m.event.type === 'ended') && (clearInterval(t), resolve()), 5);
    });
    await h.handle({
      type: 'shift',
      runId: 's',
      requestId: 2,
      split: 'test',
      indices: [0, 4],
      shifts: [0, 1, 2, 3, 4],
      direction: 'diagonal',
    });
    const after = answer('shift-result', 2)!;
    expect(Array.from(after.result!.representations)).not.toEqual(Array.from(before.result!.representations));
    await h.handle({ type: 'dispose', runId: 's' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('answers linear probes on the chosen layers, scored on the chosen split', async () => {
    const baseline = tf.memory().numTensors;
    const { h, answer } = host();
    void h.handle({ type: 'create', runId: 'p', spec: tinyBinary() });
    await h.handle({
      type: 'linearProbes',
      runId: 'p',
      requestId: 3,
      split: 'test',
      options: { layers: [-1, 0], train: 60, test: 30, steps: 40 },
    });
    const r = answer('linear-probes-result', 3)!;
    expect(r.error).toBeUndefined();
    expect(r.result).toMatchObject({ train: 60, test: 30, steps: 40, classes: 2 });
    expect(r.result!.scores.map((s) => [s.layer, s.features])).toEqual([
      [-1, 784],
      [0, 5],
    ]);
    // The synthetic task is linearly separable in the pixels.
    expect(r.result!.scores[0].testAccuracy).toBeGreaterThan(0.9);
    await h.handle({ type: 'dispose', runId: 'p' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('turns bad requests into answers with a message, and the run keeps working', async () => {
    const { h, answer } = host();
    const bad = { ...tinyBinary(), optimizer: { type: 'sgd', learningRate: -1 } } as never;
    void h.handle({ type: 'create', runId: 'x', spec: bad });
    await h.handle({ type: 'shift', runId: 'x', requestId: 1, split: 'test', indices: [0], shifts: [0] });
    expect(answer('shift-result', 1)).toEqual({
      type: 'shift-result',
      runId: 'x',
      requestId: 1,
      error: 'the experiment is not valid: learning rate must be a number > 0 and ≤ 1000, got -1',
    });
    void h.handle({ type: 'create', runId: 'y', spec: tinyBinary() });
    await h.handle({ type: 'linearProbes', runId: 'y', requestId: 2, split: 'validation', options: { layers: [-1], train: 10, test: 10 } });
    expect(answer('linear-probes-result', 2)!.error).toBe('this experiment has no validation set');
    await h.handle({ type: 'shift', runId: 'y', requestId: 3, split: 'test', indices: [30], shifts: [0] });
    expect(answer('shift-result', 3)!.error).toBe('each of the examples must be a position 0–29, got 30');
    await h.handle({ type: 'shift', runId: 'y', requestId: 4, split: 'test', indices: [29], shifts: [0, 2] });
    expect(answer('shift-result', 4)!.result!.shifts).toEqual([0, 2]);
    await h.handle({ type: 'dispose', runId: 'y' });
  });
});

describe('RunHandle: shiftTest and linearProbes', () => {
  function fakeWorker() {
    const posted: ToWorker[] = [];
    const listeners: ((e: Event) => void)[] = [];
    const worker = {
      postMessage: (m: ToWorker) => posted.push(m),
      addEventListener: (type: string, l: (e: Event) => void) => type === 'message' && listeners.push(l),
      terminate: () => undefined,
    };
    return { worker, posted, reply: (m: FromWorker) => listeners.forEach((l) => l({ data: m } as MessageEvent)) };
  }

  it('send the spec once, before the first request, and resolve with the result, or reject with the worker’s message', async () => {
    const { worker, posted, reply } = fakeWorker();
    const run = new EngineClient(worker).createRun(tinyBinary(), 'demo');
    const shift = run.shiftTest('test', [2], [0, 1], 'down');
    const sentShift = posted.at(-1) as Extract<ToWorker, { type: 'shift' }>;
    expect(posted.at(-2)).toEqual({ type: 'create', runId: run.id, spec: tinyBinary() });
    expect(sentShift).toEqual({
      type: 'shift',
      runId: run.id,
      requestId: sentShift.requestId,
      split: 'test',
      indices: [2],
      shifts: [0, 1],
      direction: 'down',
    });
    const probes = run.linearProbes('validation', { layers: [-1], train: 5, test: 5 });
    const sentProbes = posted.at(-1) as Extract<ToWorker, { type: 'linearProbes' }>;
    expect(sentProbes).toMatchObject({ type: 'linearProbes', split: 'validation', options: { layers: [-1], train: 5, test: 5 } });
    expect(posted.filter((m) => m.type === 'create')).toHaveLength(1);
    const result = {
      train: 5,
      test: 5,
      steps: 150,
      classes: 2,
      scores: [{ layer: -1, features: 784, trainAccuracy: 1, testAccuracy: 0.8, testLoss: 0.4 }],
    };
    reply({ type: 'linear-probes-result', runId: run.id, requestId: sentProbes.requestId, result });
    reply({
      type: 'shift-result',
      runId: run.id,
      requestId: sentShift.requestId,
      error: 'each of the shifts must be a whole number of pixels 0–8, got 9',
    });
    await expect(probes).resolves.toEqual(result);
    await expect(shift).rejects.toThrow('each of the shifts must be a whole number of pixels 0–8, got 9');
    run.dispose();
    await expect(run.shiftTest('test', [0], [0])).rejects.toThrow(/was disposed/);
  });
});
