/**
 * The probe with the page's own pixels (the reader's picture, issue #26 §1): checked (784 finite values in [0, 1]),
 * run through the run's current weights in inference mode, answered with every layer's output and −1 for the label
 * and class the picture does not have; the same pixels as a test image give the test image's probe; tensors flat.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RunHost } from '../../../src/engine/worker/host';
import { checkPixels } from '../../../src/engine/worker/inspect';
import type { FromWorker, ToWorker } from '../../../src/engine/worker/protocol';
import { EngineClient } from '../../../src/engine/worker/client';
import { fakeWorker } from '../helpers/fakeWorker';
import { tinyBinary, tinyData, useCpu } from '../train/helpers';

beforeAll(useCpu);

type ProbeAnswer = Extract<FromWorker, { type: 'probe-result' }>;

function host() {
  const data = tinyData();
  const sent: FromWorker[] = [];
  const waiters = new Set<() => void>();
  const h = new RunHost(
    (m, transfer = []) => {
      sent.push(structuredClone(m, { transfer }));
      for (const wake of [...waiters]) wake();
    },
    async () => data,
  );
  const answer = (requestId: number) => sent.find((m) => m.type === 'probe-result' && m.requestId === requestId) as ProbeAnswer;
  const ended = (runId: string) =>
    new Promise<void>((resolve) => {
      const check = () => {
        if (sent.some((m) => m.type === 'run-event' && m.runId === runId && m.event.type === 'ended')) {
          waiters.delete(check);
          resolve();
        }
      };
      waiters.add(check);
      check();
    });
  return { h, data, sent, answer, ended };
}

const cnn = () =>
  tinyBinary({
    data: { dataset: 'fashion-mnist', task: { kind: 'binary', positive: [8] }, train: 60, test: 30, input: 'image' },
    model: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 2, kernel: 3, padding: 'valid', activation: 'relu' },
        { type: 'maxPooling2d', pool: 2, padding: 'valid' },
        { type: 'flatten' },
        { type: 'dense', units: 1, activation: 'sigmoid' },
      ],
    },
  });

describe('probe with pixels (the reader’s own picture)', () => {
  it('answers every layer for the pixels sent, with the run’s current weights, and equals the split probe for the same image', async () => {
    const baseline = tf.memory().numTensors;
    const { h, data, answer, ended } = host();
    void h.handle({ type: 'create', runId: 'c', spec: cnn() });
    const pixels = data.test!.x.slice(4 * 784, 5 * 784);
    await h.handle({ type: 'probe', runId: 'c', requestId: 1, pixels });
    await h.handle({ type: 'probe', runId: 'c', requestId: 2, split: 'test', index: 4 });
    const mine = answer(1).result!;
    const theirs = answer(2).result!;
    expect(answer(1).error).toBeUndefined();
    expect(mine.label).toBe(-1);
    expect(mine.classId).toBe(-1);
    expect(Array.from(mine.pixels)).toEqual(Array.from(pixels));
    expect(mine.layers.map((l) => l.shape)).toEqual([[26, 26, 2], [13, 13, 2], [338], [1]]);
    mine.layers.forEach((l, i) => expect(Array.from(l.values)).toEqual(Array.from(theirs.layers[i].values)));
    expect(Array.from(mine.probabilities)).toEqual(Array.from(theirs.probabilities));
    // After training the same pixels give another answer: the weights it reads are the current ones.
    await h.handle({ type: 'start', runId: 'c' });
    await ended('c');
    await h.handle({ type: 'probe', runId: 'c', requestId: 3, pixels });
    expect(answer(3).result!.probabilities[0]).not.toBe(mine.probabilities[0]);
    await h.handle({ type: 'dispose', runId: 'c' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('works for a flat MLP input too (784 numbers in, no reshaping by the page)', async () => {
    const { h, answer } = host();
    void h.handle({ type: 'create', runId: 'm', spec: tinyBinary() });
    await h.handle({ type: 'probe', runId: 'm', requestId: 1, pixels: new Float32Array(784).fill(0.5) });
    const r = answer(1).result!;
    expect(r.layers.map((l) => l.shape)).toEqual([[5], [1]]);
    expect(r.probabilities[0]).toBeGreaterThan(0);
    expect(r.probabilities[0]).toBeLessThan(1);
    await h.handle({ type: 'dispose', runId: 'm' });
  });

  it('refuses pixels of the wrong length, type or range with a sentence, and leaves the run working', async () => {
    const baseline = tf.memory().numTensors;
    const { h, answer } = host();
    void h.handle({ type: 'create', runId: 'v', spec: tinyBinary() });
    const bad: [unknown, string][] = [
      [new Float32Array(783), 'pixels must hold 784 values (28 × 28), not 783'],
      [new Float32Array(785), 'pixels must hold 784 values (28 × 28), not 785'],
      [new Float32Array(784).fill(Number.NaN), 'pixel 0 is not a finite number: NaN'],
      [Object.assign(new Float32Array(784), { 5: Infinity }), 'pixel 5 is not a finite number: Infinity'],
      [Object.assign(new Float32Array(784), { 9: 255 }), 'pixel 9 is 255: pixels must lie in [0, 1], as the data’s do (byte / 255)'],
      [Object.assign(new Float32Array(784), { 0: -0.5 }), 'pixel 0 is -0.5: pixels must lie in [0, 1], as the data’s do (byte / 255)'],
      [new Uint8Array(784), 'pixels must be a list of 784 numbers (28 × 28, row by row)'],
      ['pixels', 'pixels must be a list of 784 numbers (28 × 28, row by row)'],
      [null, 'pixels must be a list of 784 numbers (28 × 28, row by row)'],
      [[...Array(783).fill(0), 'x'], 'pixel 783 is not a finite number: x'],
    ];
    for (const [i, [pixels, message]] of bad.entries()) {
      await h.handle({ type: 'probe', runId: 'v', requestId: i + 1, pixels } as unknown as ToWorker);
      expect(answer(i + 1), message).toEqual({ type: 'probe-result', runId: 'v', requestId: i + 1, error: message });
    }
    // A plain array of numbers is accepted; the run still answers.
    await h.handle({ type: 'probe', runId: 'v', requestId: 99, pixels: Array(784).fill(1) as unknown as Float32Array });
    expect(answer(99).result?.probabilities).toHaveLength(1);
    await h.handle({ type: 'dispose', runId: 'v' });
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('answers an error for a run that does not exist', async () => {
    const { h, answer } = host();
    await h.handle({ type: 'probe', runId: 'nobody', requestId: 1, pixels: new Float32Array(784) });
    expect(answer(1).error).toBe('there is no run nobody: create it first');
  });

  it('checkPixels copies (the answer transfers its buffer, never the page’s)', () => {
    const mine = new Float32Array(784).fill(0.25);
    const checked = checkPixels(mine);
    expect(checked).not.toBe(mine);
    expect(Array.from(checked)).toEqual(Array.from(mine));
  });

  it('the client sends the pixels in a probe message of the run and resolves with the answer', async () => {
    const { worker, posted, reply } = fakeWorker();
    const run = new EngineClient(worker).createRun(tinyBinary());
    const pixels = new Float32Array(784).fill(0.5);
    const probe = run.probePixels(pixels);
    const sent = posted.at(-1) as Extract<ToWorker, { type: 'probe' }>;
    expect(sent).toEqual({ type: 'probe', runId: run.id, requestId: sent.requestId, pixels });
    const probabilities = Float32Array.of(0.3);
    reply({
      type: 'probe-result',
      runId: run.id,
      requestId: sent.requestId,
      result: { layers: [], pixels, label: -1, classId: -1, probabilities },
    });
    await expect(probe).resolves.toMatchObject({ label: -1, probabilities });
    run.dispose();
  });
});
