/**
 * Runs kept between visits, in the worker: `snapshot` answers the run's variables with names, shapes and its step;
 * a run created `from` that snapshot continues with the step count going on, and its next step computes the same
 * loss as the original run's next step (SGD: no optimiser state to lose; minibatches: the same batch order).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RunHost } from '../../../src/engine/worker/host';
import type { FromWorker, WeightsSnapshot } from '../../../src/engine/worker/protocol';
import type { StepRecord } from '../../../src/engine/train/trainer';
import { tinyBinary, tinyData, useCpu } from '../train/helpers';

beforeAll(useCpu);

function host() {
  const sent: FromWorker[] = [];
  // Posted as a worker posts: transferred arrays are moved (detached here), as the browser does.
  const h = new RunHost(
    (m, transfer) => void sent.push(structuredClone(m, { transfer: transfer ?? [] })),
    async () => tinyData(),
  );
  const steps = (runId: string): StepRecord[] =>
    sent.flatMap((m) => (m.type === 'run-event' && m.runId === runId && m.event.type === 'step' ? [m.event.record] : []));
  const snapshot = async (runId: string, requestId: number): Promise<WeightsSnapshot> => {
    await h.handle({ type: 'snapshot', runId, requestId });
    const answer = sent.find((m) => m.type === 'snapshot-result' && m.requestId === requestId);
    if (answer?.type !== 'snapshot-result' || !answer.result)
      throw new Error(`no snapshot: ${answer?.type === 'snapshot-result' ? answer.error : 'no answer'}`);
    return answer.result;
  };
  return { h, sent, steps, snapshot };
}

describe('RunHost snapshot and resume', () => {
  // Batches of 20 out of 60: three steps per epoch, so step 7 resumes in the middle of the third epoch's shuffle.
  for (const [name, spec] of [
    [
      'minibatch SGD',
      tinyBinary({
        training: { batchSize: 20, duration: { iterations: 12 } },
        record: { every: 1, evaluate: { steps: 100 }, instruments: false, probabilities: false },
      }),
    ],
    [
      'full-batch SGD',
      tinyBinary({
        training: { batchSize: 'full', duration: { iterations: 12 } },
        record: { every: 1, evaluate: { steps: 100 }, instruments: false, probabilities: false },
      }),
    ],
  ] as const) {
    it(`${name}: snapshot → create from it → next steps equal the original run's`, async () => {
      const { h, steps, snapshot } = host();
      await h.handle({ type: 'create', runId: 'a', spec });
      for (let i = 0; i < 7; i++) await h.handle({ type: 'step', runId: 'a' });
      const saved = await snapshot('a', 1);
      expect(saved.step).toBe(7);
      expect(saved.epoch).toBeCloseTo(7 / (name === 'full-batch SGD' ? 1 : 3));
      expect(saved.params.map((p) => [p.name, p.shape])).toEqual([
        ['W1', [784, 5]],
        ['b1', [5]],
        ['W2', [5, 1]],
        ['b2', [1]],
      ]);
      expect(saved.params[0].values).toBeInstanceOf(Float32Array);
      expect(saved.params[0].values.length).toBe(784 * 5);
      // As a page keeps it: a structured clone (IndexedDB), then sent back with the new run's create.
      const kept = structuredClone(saved);
      for (let i = 0; i < 3; i++) await h.handle({ type: 'step', runId: 'a' });
      await h.handle({ type: 'create', runId: 'b', spec, from: { weights: kept, elapsedMs: 1234 } });
      for (let i = 0; i < 3; i++) await h.handle({ type: 'step', runId: 'b' });
      const original = steps('a').slice(7);
      const resumed = steps('b');
      expect(resumed.map((r) => r.step)).toEqual([8, 9, 10]);
      expect(original.map((r) => r.step)).toEqual([8, 9, 10]);
      resumed.forEach((r, i) => {
        expect(r.loss).toBeCloseTo(original[i].loss, 6);
        expect(r.accuracy).toBe(original[i].accuracy);
      });
      // The resumed run's weights are the original's at the same step.
      const [wa, wb] = [await snapshot('a', 2), await snapshot('b', 3)];
      expect(wb.step).toBe(10);
      wa.params.forEach((p, i) => p.values.forEach((v, j) => expect(wb.params[i].values[j]).toBeCloseTo(v, 6)));
      await h.handle({ type: 'dispose', runId: 'a' });
      await h.handle({ type: 'dispose', runId: 'b' });
    });
  }

  it('continues to the end from the saved step, its time going on; weights that do not fit are refused with the reason', async () => {
    const { h, sent, steps, snapshot } = host();
    const spec = tinyBinary({
      training: { batchSize: 20, duration: { iterations: 12 } },
      record: { every: 1, evaluate: { steps: 100 }, instruments: false, probabilities: false },
    });
    await h.handle({ type: 'create', runId: 'a', spec });
    for (let i = 0; i < 5; i++) await h.handle({ type: 'step', runId: 'a' });
    const saved = structuredClone(await snapshot('a', 1));
    await h.handle({ type: 'create', runId: 'b', spec, from: { weights: saved, elapsedMs: 60_000 } });
    await h.handle({ type: 'start', runId: 'b' });
    for (let i = 0; i < 400 && !sent.some((m) => m.type === 'run-event' && m.runId === 'b' && m.event.type === 'ended'); i++)
      await new Promise((r) => setTimeout(r, 5));
    expect(steps('b').map((r) => r.step)).toEqual([6, 7, 8, 9, 10, 11, 12]);
    const ended = sent.find((m) => m.type === 'run-event' && m.runId === 'b' && m.event.type === 'ended');
    expect(ended).toMatchObject({ event: { reason: 'completed', step: 12 } });
    const progress = sent.flatMap((m) =>
      m.type === 'run-event' && m.runId === 'b' && m.event.type === 'progress' ? [m.event.progress] : [],
    );
    expect(progress.at(-1)!.elapsedMs).toBeGreaterThanOrEqual(60_000);

    const wider = tinyBinary({ model: { kind: 'mlp', sizes: [784, 6, 1], initializer: 'glorotUniform' } });
    await h.handle({ type: 'create', runId: 'c', spec: wider, from: { weights: saved } });
    expect(sent.find((m) => m.type === 'error' && m.runId === 'c')).toMatchObject({
      message: 'the saved weights do not fit this model: W1 is 784×6 here, the saved W1 is 784×5',
    });
    for (const id of ['a', 'b', 'c']) await h.handle({ type: 'dispose', runId: id });
    expect(h.runCount).toBe(0);
  });
});
