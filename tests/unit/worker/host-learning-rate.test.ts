/**
 * Live changes through the worker: a learning rate and an L2 weight changed mid-run (`update` patches) reach the
 * page with their step, a change a run cannot take is refused with the reason while the run goes on, and every
 * change survives a lost GPU: the run rebuilt from its last evaluated weights trains on the whole patched spec
 * (the reader's rate and L2), not the spec it was created with.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RunHost } from '../../../src/engine/worker/host';
import type { FromWorker } from '../../../src/engine/worker/protocol';
import { tinyBinary, tinyData, useCpu } from '../train/helpers';

beforeAll(useCpu);

describe('RunHost and live changes', () => {
  it('reports each change with its step, refuses what it cannot take, and keeps the changes after a lost GPU', async () => {
    const sent: FromWorker[] = [];
    const h = new RunHost(
      (m) => void sent.push(m),
      async () => tinyData(),
    );
    const spec = tinyBinary({
      training: { batchSize: 20, duration: { iterations: 100000 } },
      record: { every: 1, evaluate: { steps: 10 }, instruments: false, probabilities: false },
    });
    const steps = () => sent.flatMap((m) => (m.type === 'run-event' && m.event.type === 'step' ? [m.event.record] : []));
    const until = async (pred: () => boolean) => {
      for (let i = 0; i < 2000 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
      expect(pred()).toBe(true);
    };
    void h.handle({ type: 'create', runId: 'a', spec });
    await h.handle({ type: 'step', runId: 'a' });
    await h.handle({ type: 'step', runId: 'a' });
    await h.handle({ type: 'update', runId: 'a', updateId: 1, patch: { optimizer: { learningRate: 0.5 } } });
    await h.handle({ type: 'step', runId: 'a' });
    await h.handle({ type: 'update', runId: 'a', updateId: 2, patch: { model: { l2: 0.01 } } });
    await h.handle({ type: 'update', runId: 'a', updateId: 3, patch: { model: { sizes: [784, 9, 1] } } });
    const events = sent.flatMap((m) =>
      m.type === 'run-event' && (m.event.type === 'updated' || m.event.type === 'update-refused') ? [m.event] : [],
    );
    expect(events).toEqual([
      { type: 'updated', id: 1, step: 2, epoch: 2 / 3, patch: { optimizer: { learningRate: 0.5 } }, changed: ['optimizer.learningRate'] },
      { type: 'updated', id: 2, step: 3, epoch: 1, patch: { model: { l2: 0.01 } }, changed: ['model.l2'] },
      { type: 'update-refused', id: 3, message: expect.stringMatching(/^this run cannot change model\.sizes\.1 while it trains/) },
    ]);
    // The second change left the first alone: the learning rate is still the reader's.
    await h.handle({ type: 'step', runId: 'a' });
    expect(steps().at(-1)).toMatchObject({ step: 4, learningRate: 0.5 });
    expect(steps().at(-1)!.l2Penalty).toBeGreaterThan(0);
    expect(sent.some((m) => m.type === 'error')).toBe(false);
    await h.handle({ type: 'start', runId: 'a' });
    await until(() => sent.some((m) => m.type === 'run-event' && m.event.type === 'eval' && m.event.record.step >= 20));
    await h.backendLost('test: device destroyed', 'webgpu');
    const before = steps().length;
    await until(() => steps().length >= before + 5);
    expect(sent.some((m) => m.type === 'backend-changed')).toBe(true);
    expect(
      steps()
        .slice(before)
        .every((r) => r.learningRate === 0.5 && r.l2Penalty! > 0),
    ).toBe(true);
    await h.handle({ type: 'stop', runId: 'a' });
    await h.handle({ type: 'dispose', runId: 'a' });
  });
});
