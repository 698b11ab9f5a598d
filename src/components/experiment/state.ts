/**
 * One demo's state as signals, and the actions its buttons call. Talks to the shared training worker
 * through a RunHandle; knows nothing about rendering.
 */
import { batch, computed, signal } from '@preact/signals';
import type { BackendInfo } from '../../engine/backend';
import { parseSpec } from '../../engine/spec/parse';
import { applyOverrides, type SpecOverrides } from '../../engine/spec/hash';
import type { InstrumentRecord } from '../../engine/train/instruments';
import type { Progress } from '../../engine/train/run';
import type { EngineClient, RunHandle } from '../../engine/worker/client';
import type { DataProgress, DataStats, FromWorker } from '../../engine/worker/protocol';
import { appendEval, appendStep, labelFromOverrides, type RunSeries } from '../charts/series';
import type { ControlName, DemoConfig } from './types';

export type Phase = 'idle' | 'loading' | 'running' | 'paused' | 'ended';

/** Which control a spec issue belongs beside. */
export function controlFor(path: string): ControlName | null {
  if (path.startsWith('optimizer.learningRate')) return 'learningRate';
  if (path.startsWith('training.duration')) return 'iterations';
  if (path.startsWith('training.batchSize')) return 'batchSize';
  if (path === 'seed') return 'seed';
  if (path.startsWith('model.sizes') || path.startsWith('model.outputActivation')) return 'sizes';
  return null;
}

export interface GradientPoint {
  step: number;
  params: { name: string; gradNorm: number }[];
}

export function createDemoState(config: DemoConfig, getClient: () => EngineClient, initial: SpecOverrides = {}) {
  const overrides = signal<SpecOverrides>(initial);
  const spec = computed(() => applyOverrides(config.spec, overrides.value));
  const parsed = computed(() => parseSpec(spec.value));
  /** Messages keyed by the control they belong to; '' for issues no control owns. */
  const issues = computed(() => {
    const out: Partial<Record<ControlName | '', string>> = {};
    if (!parsed.value.ok) for (const i of parsed.value.issues) out[controlFor(i.path) ?? ''] ??= i.message;
    return out;
  });
  const phase = signal<Phase>('idle');
  const progress = signal<Progress | null>(null);
  const dataProgress = signal<DataProgress | null>(null);
  const backend = signal<BackendInfo | null>(null);
  const notice = signal('');
  const runs = signal<RunSeries[]>([]);
  const gradients = signal<GradientPoint[]>([]);
  const instruments = signal<InstrumentRecord | null>(null);
  const stats = signal<DataStats | null>(null);
  /** Latest recorded training cost (full precision, for the status line). */
  const lastLoss = signal<number | null>(null);
  /** First step whose first-layer weight gradient was exactly zero (tracked every step on the device). */
  const firstZeroGradStep = signal<number | null>(null);
  let handle: RunHandle | null = null;

  const updateCurrent = (f: (s: RunSeries) => RunSeries) => {
    runs.value = runs.value.map((s) => (s.current ? f(s) : s));
  };

  function onMessage(m: FromWorker) {
    switch (m.type) {
      case 'backend':
      case 'backend-changed':
        backend.value = m.info;
        if (m.type === 'backend-changed') notice.value = m.message;
        return;
      case 'data-progress':
        dataProgress.value = m.progress;
        return;
      case 'ready':
        stats.value = m.stats;
        return;
      case 'invalid':
        phase.value = 'idle';
        notice.value = m.issues.map((i) => i.message).join('; ');
        return;
      case 'preempted':
        phase.value = 'paused';
        notice.value = 'Paused: another experiment on this page started training. Press Resume to switch back.';
        return;
      case 'error':
        phase.value = 'ended';
        notice.value = m.message;
        return;
      case 'run-event': {
        const e = m.event;
        if (e.type === 'state') {
          if (e.state === 'running' || e.state === 'paused') phase.value = e.state;
        } else if (e.type === 'step') {
          batch(() => {
            updateCurrent((s) => appendStep(s, e.record));
            lastLoss.value = e.record.loss;
            if (e.record.firstZeroGradStep !== undefined) firstZeroGradStep.value = e.record.firstZeroGradStep;
            if (e.record.instruments) {
              instruments.value = e.record.instruments;
              gradients.value = [...gradients.value, { step: e.record.step, params: e.record.instruments.params }];
            }
          });
        } else if (e.type === 'eval') {
          updateCurrent((s) => appendEval(s, e.record));
        } else if (e.type === 'progress') {
          progress.value = e.progress;
        } else if (e.type === 'ended') {
          batch(() => {
            phase.value = 'ended';
            notice.value = e.reason === 'completed' ? '' : e.reason === 'diverged' ? `Stopped: ${e.message}.` : e.message;
          });
        }
        return;
      }
      default:
        return;
    }
  }

  function newRun(): RunHandle | null {
    if (!parsed.value.ok) return null;
    handle?.dispose();
    const client = getClient();
    backend.value = client.backend;
    handle = client.createRun(spec.value, config.id);
    handle.on(onMessage);
    batch(() => {
      const label = labelFromOverrides(overrides.value) || 'as set up';
      runs.value = [...runs.value.map((s) => ({ ...s, current: false })), { id: handle!.id, label, current: true, points: [] }].slice(-6);
      gradients.value = [];
      instruments.value = null;
      progress.value = null;
      lastLoss.value = null;
      firstZeroGradStep.value = null;
      notice.value = '';
      phase.value = 'loading';
    });
    return handle;
  }

  return {
    config,
    overrides,
    spec,
    parsed,
    issues,
    phase,
    progress,
    dataProgress,
    backend,
    notice,
    runs,
    gradients,
    instruments,
    stats,
    lastLoss,
    firstZeroGradStep,
    /** Trains from fresh weights; earlier runs stay on the charts, faded. */
    train: () => newRun()?.start(),
    pause: () => handle?.pause(),
    resume: () => handle?.start(),
    /** One iteration; starts a paused run first if there is none. */
    step: () => (handle && phase.value !== 'ended' ? handle.step() : newRun()?.step()),
    /** Back to the chapter's settings, charts cleared. */
    reset: () => {
      handle?.dispose();
      handle = null;
      batch(() => {
        overrides.value = {};
        runs.value = [];
        gradients.value = [];
        instruments.value = null;
        progress.value = null;
        lastLoss.value = null;
        firstZeroGradStep.value = null;
        dataProgress.value = null;
        notice.value = '';
        phase.value = 'idle';
      });
    },
    setOverride<K extends keyof SpecOverrides>(key: K, value: SpecOverrides[K] | undefined) {
      const next = { ...overrides.value };
      if (value === undefined) delete next[key];
      else next[key] = value;
      overrides.value = next;
      // A learning-rate change reaches a live run at once (the chapter's "change it mid-run").
      if (key === 'learningRate' && handle && typeof value === 'number' && parsed.value.ok && phase.value !== 'ended') {
        handle.setLearningRate(value);
      }
    },
    dispose: () => {
      handle?.dispose();
      handle = null;
    },
  };
}

export type DemoState = ReturnType<typeof createDemoState>;
