// @vitest-environment jsdom
/**
 * The shift-test and linear-probe views with runs of several demos, through the run store and a fake worker
 * that answers as the engine does: what they ask the worker, what they draw, and what stays after a run is freed.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { EngineClient } from '../../../src/engine/worker/client';
import type { FromWorker, ToWorker } from '../../../src/engine/worker/protocol';
import { RunStore } from '../../../src/components/experiment/store/runStore';
import type { Run } from '../../../src/components/experiment/store/run';
import { createDemoState } from '../../../src/components/experiment/state';
import { viewContext } from '../../../src/components/experiment/Views';
import { loadPlots } from '../../../src/components/experiment/ChartFigure';
import { viewNamed } from '../../../src/components/experiment/views/registry';
import type { ViewContext } from '../../../src/components/experiment/views/types';
import { probesDemo, shiftDemo, stacks, withoutPoolDemo, withPoolDemo } from '../../../src/demos/pooling';
import { analysisAnswer } from '../engine-probes/fakeAnswers';

function setup(config = shiftDemo) {
  const posted: ToWorker[] = [];
  const listeners: ((e: Event) => void)[] = [];
  const emit = (data: FromWorker) => listeners.forEach((l) => l({ data } as MessageEvent));
  const worker = {
    postMessage: (m: ToWorker) => {
      posted.push(m);
      const answer = analysisAnswer(m);
      if (answer) queueMicrotask(() => emit(answer));
    },
    addEventListener: (type: string, l: (e: Event) => void) => type === 'message' && listeners.push(l),
    terminate: () => undefined,
  };
  const client = new EngineClient(worker);
  const store = new RunStore(() => client);
  const state = createDemoState(config, store);
  const root = document.createElement('div');
  document.body.append(root);
  const def = viewNamed(typeof config.views[0] === 'string' ? config.views[0] : config.views[0].view)!;
  const { view: _v, ...options } = config.views[0] as { view: string };
  const show = () =>
    act(() =>
      render(
        h(def.Component, { ctx: { ...viewContext(state), unit: 'step', file: (w) => `t-${w}` } satisfies ViewContext, options }),
        root,
      ),
    );
  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await act(async () => {
        vi.advanceTimersByTime(600);
      });
      await act(async () => {
        await Promise.resolve();
      });
    }
  };
  /** A run of `demoId` that has loaded, evaluated once and finished. */
  const finished = (demoId: string, label: string, group: string, layers = stacks.course): Run => {
    const run = store.create(demoId, { ...config.spec, model: { kind: 'layers', layers } }, { label, group });
    emit({
      type: 'ready',
      runId: run.id,
      stats: {
        train: 3000,
        validation: 1000,
        test: 0,
        classNames: [],
        labelNames: ['T-shirt/top', 'Trouser'],
        labelCounts: { train: [], validation: [], test: [] },
        trainEval: [],
      },
      params: 1,
      summary: { inputShape: [28, 28, 1], layers: [], totalParams: 1 },
    });
    emit({
      type: 'run-event',
      runId: run.id,
      event: { type: 'eval', record: { step: 10, epoch: 1, validation: { loss: 0.5, accuracy: 0.8, n: 1000, outputs: 10 } } },
    });
    emit({ type: 'run-event', runId: run.id, event: { type: 'ended', reason: 'completed', message: 'finished 10 steps', step: 10 } });
    return run;
  };
  return { posted, store, state, root, show, settle, finished };
}

describe('the shift view', () => {
  beforeAll(() => loadPlots());
  afterEach(() => vi.useRealTimers());

  it('tests the newest run of each listed demo and its own runs, once finished; series and summaries per run', async () => {
    vi.useFakeTimers();
    const t = setup();
    t.show();
    expect(t.root.textContent).toContain('Train a network here, or both networks in the comparison above');
    t.finished(withPoolDemo.id, 'as set up', 'with pools');
    t.finished(withoutPoolDemo.id, 'as set up', 'no pools', stacks.noPool);
    t.finished(shiftDemo.id, 'as set up', 'shift test');
    t.show();
    await t.settle();
    t.show();
    await t.settle();
    const shifts = t.posted.filter((m): m is Extract<ToWorker, { type: 'shift' }> => m.type === 'shift');
    // Per run: the chosen image, and the first 100 validation images.
    expect(shifts).toHaveLength(6);
    expect(shifts.map((m) => m.indices.length).sort((a, b) => a - b)).toEqual([1, 1, 1, 100, 100, 100]);
    expect(shifts.every((m) => m.split === 'validation' && m.direction === 'right' && m.shifts.join() === '0,1,2,3,4')).toBe(true);
    // A dot per shift for each of the three runs.
    expect(t.root.querySelectorAll('g.lc-shift-dot circle')).toHaveLength(15);
    const summary = [...t.root.querySelectorAll('[data-testid="shift-summary"] li')].map((li) => li.textContent);
    expect(summary).toHaveLength(3);
    expect(summary[0]).toMatch(
      /^with pools · as set up: the predicted class held at every shift for 0 of 100 validation images; mean cosine similarity at 4 px: 0\.\d{3}\.$/,
    );
    expect(summary[1]).toMatch(/^no pools · as set up:/);
  });

  it('keeps a freed run’s result for the image it was tested on; a new image is tested on live runs only', async () => {
    vi.useFakeTimers();
    const t = setup();
    const old = t.finished(withPoolDemo.id, 'as set up', 'with pools');
    t.finished(withoutPoolDemo.id, 'as set up', 'no pools', stacks.noPool);
    t.show();
    await t.settle();
    t.store.release(old);
    t.show();
    await t.settle();
    expect(t.root.querySelectorAll('[data-testid="shift-summary"] li')).toHaveLength(2);
    const input = t.root.querySelector<HTMLInputElement>('input[inputmode="numeric"]')!;
    await act(async () => {
      input.value = '7';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await t.settle();
    const asked = t.posted.filter(
      (m): m is Extract<ToWorker, { type: 'shift' }> => m.type === 'shift' && m.indices.length === 1 && m.indices[0] === 7,
    );
    expect(asked).toHaveLength(1);
    // Bad input says what is allowed and keeps the last good image.
    await act(async () => {
      input.value = '1000';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(t.root.querySelector('[role="alert"]')!.textContent).toBe('Choose a whole number from 0 to 999.');
    expect(t.posted.some((m) => m.type === 'shift' && m.indices[0] === 1000)).toBe(false);
  });
});

describe('the linear-probe view', () => {
  beforeAll(() => loadPlots());
  afterEach(() => vi.useRealTimers());

  it('probes the layers each network has, by name, and draws a bar per run and feature set', async () => {
    vi.useFakeTimers();
    const t = setup(probesDemo);
    t.finished(withPoolDemo.id, 'as set up', 'with pools');
    t.finished(withoutPoolDemo.id, 'as set up', 'no pools', stacks.noPool);
    t.show();
    await t.settle();
    t.show();
    await t.settle();
    const asks = t.posted.filter((m): m is Extract<ToWorker, { type: 'linearProbes' }> => m.type === 'linearProbes');
    expect(asks.map((m) => m.options.layers)).toEqual([
      [-1, 0, 1, 2, 3],
      [-1, 0, 1],
    ]);
    expect(asks[0]).toMatchObject({ split: 'validation', options: { train: 500, test: 500 } });
    const bars = [...t.root.querySelectorAll('.lc-probe-bar')].map(
      (b) => `${b.getAttribute('data-run')} | ${b.getAttribute('data-features')}`,
    );
    expect(bars).toEqual([
      'with pools · as set up | raw pixels',
      'no pools · as set up | raw pixels',
      'with pools · as set up | conv 1 maps',
      'no pools · as set up | conv 1 maps',
      'with pools · as set up | pool 1 maps',
      'with pools · as set up | conv 2 maps',
      'no pools · as set up | conv 2 maps',
      'with pools · as set up | pool 2 maps',
    ]);
    // A layer that holds different counts in the two networks says both, in run order.
    const groups = [...t.root.querySelectorAll('.lc-probe-group > text:first-child')].map((g) => g.textContent);
    expect(groups).toEqual([
      'raw pixels · 784 numbers',
      'conv 1 maps · 200 numbers',
      'pool 1 maps · 300 numbers',
      'conv 2 maps · 400 / 300 numbers',
      'pool 2 maps · 500 numbers',
    ]);
  });
});
