/**
 * One training run as every island sees it: live state as signals, records appended in place (a `version`
 * signal says when), and the worker messages that update it. Runs outlive their worker-side trainer: the
 * gallery keeps comparing them after the worker has freed their tensors.
 */
import { batch, signal, type Signal } from '@preact/signals';
import type { EndReason, Progress } from '../../../engine/train/run';
import type { EvalRecord, StepRecord } from '../../../engine/train/trainer';
import type { InstrumentRecord } from '../../../engine/train/instruments';
import type { ClientMessage, RunHandle } from '../../../engine/worker/client';
import type { DataProgress, DataStats } from '../../../engine/worker/protocol';
import type { ExperimentSpecInput } from '../../../engine/spec/schema';
import { pushEval, pushStep, type SeriesPoint } from '../../charts/series';
import type { Overrides } from '../controls/types';
import type { RunClock } from '../time';
import type { LiveChange } from '../changes';
import { mergePatch, type SpecPatch } from '../../../engine/train/patch';

/** A live change sent to the worker and not yet answered: which control, its value and the patch sent. */
export interface PendingUpdate {
  control: string;
  value: unknown;
  patch: SpecPatch;
}

export type Phase = 'idle' | 'loading' | 'running' | 'paused' | 'ended';

export interface GradientPoint {
  step: number;
  params: { name: string; gradNorm: number }[];
}

export interface Run {
  id: string;
  /** The demo (island) that started it. */
  demoId: string;
  /** What distinguishes it from other runs, e.g. "lr 0.54". */
  label: string;
  /** Short name of the demo, to tell runs of several demos apart (the gallery). */
  group: string;
  overrides: Overrides;
  /** The spec it trains: as created, with the live changes the engine took merged in. */
  spec: ExperimentSpecInput;
  phase: Signal<Phase>;
  progress: Signal<Progress | null>;
  dataProgress: Signal<DataProgress | null>;
  /** A sentence for the reader: preemption, divergence, errors. */
  notice: Signal<string>;
  stats: Signal<DataStats | null>;
  params: Signal<number | null>;
  ended: Signal<{ reason: EndReason; message: string } | null>;
  /** Bumped whenever records arrive; the arrays below grow in place. */
  version: Signal<number>;
  points: SeriesPoint[];
  steps: StepRecord[];
  evals: EvalRecord[];
  gradients: GradientPoint[];
  /** Live settings changed mid-run (learning rate, dropout, L2…), each with the step it took effect after, oldest first. */
  changes: LiveChange[];
  /** Live changes sent to the worker, by update id, until it answers. */
  updates: Map<number, PendingUpdate>;
  /** The latest step's instruments. */
  instruments: Signal<InstrumentRecord | null>;
  /** When progress reports arrived, in page time: the status line's clock runs between them. */
  clock: RunClock;
  /** Worker side of the run; null once released. */
  handle: RunHandle | null;
}

export function newRun(
  id: string,
  demoId: string,
  label: string,
  overrides: Overrides,
  spec: ExperimentSpecInput,
  handle: RunHandle | null,
  group = demoId,
): Run {
  return {
    id,
    demoId,
    label,
    group,
    overrides,
    spec,
    phase: signal<Phase>('loading'),
    progress: signal<Progress | null>(null),
    dataProgress: signal<DataProgress | null>(null),
    notice: signal(''),
    stats: signal<DataStats | null>(null),
    params: signal<number | null>(null),
    ended: signal<{ reason: EndReason; message: string } | null>(null),
    version: signal(0),
    points: [],
    steps: [],
    evals: [],
    gradients: [],
    changes: [],
    updates: new Map(),
    instruments: signal<InstrumentRecord | null>(null),
    clock: { first: null, last: null, lastAt: 0, runningSince: null },
    handle,
  };
}

/** The run's points as a chart series (same array, not a copy). */
export function seriesOf(run: Run, current: boolean) {
  return { id: run.id, label: run.label, current, points: run.points };
}

/** What the reader is told when a run ends: nothing for a completed run; why, and what to do, for a diverged one. */
const noticeFor = (reason: EndReason, message: string) =>
  reason === 'completed'
    ? ''
    : reason === 'diverged'
      ? `Stopped: ${message}. Each step overshot further than the last until the numbers overflowed; a smaller learning rate usually fixes this. The chart keeps the points before it.`
      : message;

const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Updates `run` from one worker message about it. */
export function applyMessage(run: Run, m: ClientMessage): void {
  switch (m.type) {
    case 'worker-lost':
      if (run.phase.value === 'ended') return;
      batch(() => {
        run.phase.value = 'ended';
        run.ended.value = { reason: 'error', message: m.message };
        run.notice.value = `${sentence(m.message)}. The results so far are kept; press Restart to train again on a fresh engine.`;
      });
      return;
    case 'backend-changed':
      run.notice.value = m.message;
      return;
    case 'data-progress':
      run.dataProgress.value = m.progress;
      return;
    case 'ready':
      batch(() => {
        run.stats.value = m.stats;
        run.params.value = m.params;
      });
      return;
    case 'invalid':
      batch(() => {
        run.phase.value = 'ended';
        run.ended.value = { reason: 'error', message: m.issues.map((i) => i.message).join('; ') };
        run.notice.value = run.ended.value.message;
      });
      return;
    case 'preempted':
      batch(() => {
        run.phase.value = 'paused';
        run.notice.value = 'Paused: another experiment on this page started training. Press Resume to switch back.';
      });
      return;
    case 'error':
      batch(() => {
        run.phase.value = 'ended';
        run.ended.value = { reason: 'error', message: m.message };
        run.notice.value = m.message;
      });
      return;
    case 'run-event': {
      const e = m.event;
      if (e.type === 'state') {
        // A notice stays until the reader acts (RunStore.start/step clear it): a run resumed on another backend
        // after a lost GPU keeps saying so.
        if (e.state === 'running' && run.phase.value !== 'running') run.clock.runningSince = performance.now();
        if (e.state === 'running' || e.state === 'paused') run.phase.value = e.state;
      } else if (e.type === 'step') {
        // With a training subset evaluated like validation, 'train' names that evaluation; batches are 'batch'.
        pushStep(run, e.record, (run.spec.record?.trainEval ?? 0) > 0 ? 'batch' : 'train');
        run.steps.push(e.record.instruments ? { ...e.record, instruments: undefined } : e.record);
        batch(() => {
          if (e.record.instruments) {
            run.instruments.value = e.record.instruments;
            run.gradients.push({ step: e.record.step, params: e.record.instruments.params });
          }
          run.version.value++;
        });
      } else if (e.type === 'eval') {
        pushEval(run, e.record);
        run.evals.push(e.record);
        run.version.value++;
      } else if (e.type === 'updated') {
        const sent = run.updates.get(e.id);
        run.updates.delete(e.id);
        if (!sent) return;
        run.spec = mergePatch(run.spec, sent.patch);
        // A control's own format words any value (augmentation's object too).
        run.changes.push({ control: sent.control, value: sent.value, step: e.step, epoch: e.epoch });
        run.version.value++;
      } else if (e.type === 'update-refused') {
        run.updates.delete(e.id);
        run.notice.value = `${sentence(e.message)}.`;
      } else if (e.type === 'progress') {
        const { step, elapsedMs } = e.progress;
        run.clock.first ??= { step, elapsedMs };
        run.clock.last = { step, elapsedMs };
        run.clock.lastAt = performance.now();
        run.progress.value = e.progress;
      } else if (e.type === 'ended') {
        batch(() => {
          run.phase.value = 'ended';
          run.ended.value = { reason: e.reason, message: e.message };
          run.notice.value = noticeFor(e.reason, e.message);
        });
      }
      return;
    }
    default:
      return;
  }
}

/** The latest recorded step, or null. */
export const lastStep = (run: Run | null): StepRecord | null => run?.steps[run.steps.length - 1] ?? null;
