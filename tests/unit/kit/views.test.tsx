// @vitest-environment jsdom
/**
 * Every registered view renders with no runs (its placeholder) and with a run's records (a chart or table),
 * without throwing and without printing NaN or undefined. Records come through the run store from a fake worker,
 * as in the browser.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { fakeWorker } from '../helpers/fakeWorker';
import { analysisAnswer } from '../engine-probes/fakeAnswers';
import { RunStore } from '../../../src/components/experiment/store/runStore';
import { createDemoState } from '../../../src/components/experiment/state';
import { viewContext } from '../../../src/components/experiment/Views';
import { loadPlots } from '../../../src/components/experiment/ChartFigure';
import { loadValidator } from '../../../src/components/experiment/validation';
import { VIEWS } from '../../../src/components/experiment/views/registry';
import type { ViewContext } from '../../../src/components/experiment/views/types';
import type { DemoConfig } from '../../../src/components/experiment/types';

const config: DemoConfig = {
  id: 'view-test',
  title: 'View test',
  chapter: { title: 'Test', href: '/test/' },
  spec: {
    data: { dataset: 'fashion-mnist', task: { kind: 'binary', positive: [8] }, train: 40, validation: 6, test: 6, input: 'image' },
    model: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 2, kernel: 3, activation: 'relu' },
        { type: 'maxPooling2d', pool: 2 },
        { type: 'flatten' },
        { type: 'dense', units: 3, activation: 'relu' },
        { type: 'dense', units: 1, activation: 'sigmoid' },
      ],
    },
    optimizer: { type: 'sgd', learningRate: 0.1 },
    training: { batchSize: 10, duration: { epochs: 2 } },
    record: { every: 1, evaluate: 'epoch', instruments: true, probabilities: true, trainEval: 0 },
  },
  controls: [],
  views: VIEWS.map((v) => v.name),
};

const instruments = {
  params: ['W1', 'b1', 'W2', 'b2', 'W3', 'b3'].map((name, k) => ({
    name,
    gradNorm: k === 0 ? 0 : 0.1 * k,
    weightNorm: 1,
    updateRatio: 1e-3,
  })),
  layers: [
    { layer: 3, activation: 'relu', units: 3, deadUnits: 1, dead: [true, false, false], histogram: { min: 0, max: 1, counts: [1, 2, 3] } },
  ],
};

function heldOut(epochShift: number) {
  const p = Float32Array.from([0.9, 0.2, 0.6, 0.05, 0.7 - epochShift, 0.4]);
  return { loss: 0.5, accuracy: 0.66, n: 6, outputs: 1, probabilities: p, labels: Uint8Array.from([1, 0, 1, 1, 0, 0]) };
}

describe('every view', () => {
  beforeAll(async () => {
    await Promise.all([loadPlots(), loadValidator()]);
  });

  for (const def of VIEWS) {
    it(`${def.name} renders empty and with data`, async () => {
      vi.useFakeTimers();
      const fake = fakeWorker();
      // The analysis views (shift test, linear probes) ask the worker once a run has finished: answer them.
      const post = fake.worker.postMessage;
      fake.worker.postMessage = (m) => {
        const answer = analysisAnswer(m);
        if (answer) queueMicrotask(() => fake.reply(answer));
        return post(m);
      };
      const client = fake.client();
      const emit = fake.reply;
      const store = new RunStore(() => client);
      const state = createDemoState(config, store);
      const root = document.createElement('div');
      document.body.append(root);
      const ctxOf = (): ViewContext => ({ ...viewContext(state), unit: 'step', file: (w) => `t-${w}` });
      const show = () => act(() => render(h(def.Component, { ctx: ctxOf(), options: {} }), root));
      const settle = async () => {
        await act(async () => {
          vi.advanceTimersByTime(1000);
        });
        await act(async () => {
          await Promise.resolve();
        });
      };

      show();
      await settle();
      const empty = root.innerHTML;
      expect(empty.length).toBeGreaterThan(0);

      const run = store.create(config.id, config.spec, { label: 'as set up' });
      emit({
        type: 'ready',
        runId: run.id,
        stats: {
          train: 40,
          validation: 6,
          test: 6,
          trainPositives: 4,
          classNames: [],
          labelNames: ['not Bag', 'Bag'],
          labelCounts: { train: [36, 4], validation: [3, 3], test: [3, 3] },
          trainEval: [],
        },
        params: 100,
        summary: { inputShape: [28, 28, 1], layers: [], totalParams: 100 },
      });
      for (let s = 1; s <= 8; s++) {
        emit({
          type: 'run-event',
          runId: run.id,
          event: {
            type: 'step',
            record: {
              step: s,
              epoch: s / 4,
              loss: 0.7 / s,
              accuracy: 0.5,
              learningRate: 0.1,
              instruments,
              firstZeroGradStep: s >= 3 ? 3 : null,
              maxPreActivation: [{ layer: 3, max: [0.4 - 0.1 * s, 0.2, 1 / s] }],
            },
          },
        });
        if (s % 4 === 0)
          emit({
            type: 'run-event',
            runId: run.id,
            event: { type: 'eval', record: { step: s, epoch: s / 4, validation: heldOut(s / 40), test: heldOut(0) } },
          });
      }
      emit({ type: 'run-event', runId: run.id, event: { type: 'ended', reason: 'completed', message: 'finished 8 steps', step: 8 } });
      show();
      await settle();
      // Views that ask the worker draw once its answer has arrived.
      await settle();
      const full = root.innerHTML;
      expect(full).not.toMatch(/\bNaN\b|undefined/);
      // Views of the settings alone (the parameter table, the layer arithmetic) look the same with a run, and so do
      // the views that wait for the reader (an image picked, a picture drawn: there is no canvas in jsdom).
      const still = ['params', 'featureMaps', 'layerMaths', 'ownImage'];
      if (!still.includes(def.name)) expect(full).not.toBe(empty);
      // Charts were drawn (Plot's SVG), not just their frames.
      if (!still.includes(def.name)) expect(full).toContain('<svg');
      if (def.name === 'params') expect(root.querySelector('[data-testid="param-total"]')?.textContent).toMatch(/^[\d,]+$/);
      render(null, root);
      state.dispose();
      vi.useRealTimers();
    });
  }
});
