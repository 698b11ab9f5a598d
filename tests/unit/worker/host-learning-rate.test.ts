/**
 * A learning rate changed mid-run reaches the page with its step, and survives a lost GPU: the run rebuilt from its
 * last evaluated weights keeps training at the reader's rate, not the spec's.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { RunHost } from '../../../src/engine/worker/host';
import type { FromWorker } from '../../../src/engine/worker/protocol';
import { tinyBinary, tinyData, useCpu } from '../train/helpers';

beforeAll(useCpu);

describe('RunHost and a mid-run learning rate', () => {
  it('reports the change with its step and keeps it after a lost GPU', async () => {
    const sent: FromWorker[] = [];
    const h = new RunHost((m) => void sent.push(m), async () => tinyData());
    const spec = tinyBinary({ training: { batchSize: 20, duration: { iterations: 100000 } }, record: { every: 1, evaluate: { steps: 10 }, instruments: false, probabilities: false } });
    const steps = () => sent.flatMap((m) => (m.type === 'run-event' && m.event.type === 'step' ? [m.event.record] : []));
    const until = async (pred: () => boolean) => {
      for (let i = 0; i < 2000 && !pred(); i++) await new Promise((r) => setTimeout(r, 5));
      expect(pred()).toBe(true);
    };
    await h.handle({ type: 'step', runId: 'a', spec });
    await h.handle({ type: 'step', runId: 'a', spec });
    await h.handle({ type: 'setLearningRate', runId: 'a', learningRate: 0.5 });
    expect(sent.filter((m) => m.type === 'run-event' && m.event.type === 'learning-rate').map((m) => (m as { event: unknown }).event)).toEqual([
      { type: 'learning-rate', step: 2, epoch: 2 / 3, learningRate: 0.5 },
    ]);
    await h.handle({ type: 'start', runId: 'a', spec });
    await until(() => sent.some((m) => m.type === 'run-event' && m.event.type === 'eval' && m.event.record.step >= 20));
    await h.backendLost('test: device destroyed', 'webgpu');
    const before = steps().length;
    await until(() => steps().length >= before + 5);
    expect(steps().slice(before).every((r) => r.learningRate === 0.5)).toBe(true);
    await h.handle({ type: 'stop', runId: 'a' });
    await h.handle({ type: 'dispose', runId: 'a' });
  });
});
