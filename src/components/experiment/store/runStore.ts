/**
 * The page's runs: one store for every island that trains (Experiment, Sweep) or compares (Gallery).
 * It talks to the shared worker through RunHandles and keeps each run's records after the worker frees it.
 */
import { signal } from '@preact/signals';
import type { BackendInfo } from '../../../engine/backend';
import type { EngineClient, RunHandle } from '../../../engine/worker/client';
import type { ExperimentSpecInput } from '../../../engine/spec/schema';
import type { Overrides } from '../controls/types';
import { applyMessage, newRun, type Phase, type Run } from './run';
import { RunArchive, type SavedRun } from './archive';
import { openIdb } from './idb';
import { keepPageRuns } from './keep';
import { isEmptyPatch, type SpecPatch } from '../../../engine/train/patch';
import { restartSharedClient, sharedClient } from './client';

export class RunStore {
  /** Every run on the page, oldest first. */
  readonly runs = signal<Run[]>([]);
  /** The worker's backend, once a run has started it. */
  readonly backend = signal<BackendInfo | null>(null);
  /** Why the training worker ended, while no fresh one has replaced it (the demos then offer Restart). */
  readonly engineLost = signal<string | null>(null);

  constructor(
    private readonly getClient: () => EngineClient,
    /** A client on a fresh worker, replacing a lost one. */
    private readonly restartClient: () => EngineClient = getClient,
  ) {}

  /** The page's client, replaced by a fresh one if its worker was lost: the next run just works. */
  private client(): EngineClient {
    const client = this.getClient();
    if (!client.lost) return client;
    this.engineLost.value = null;
    return this.restartClient();
  }

  /** A new run (nothing is sent to the worker until start or step). */
  create(demoId: string, spec: ExperimentSpecInput, opts: { label: string; overrides?: Overrides; group?: string }): Run {
    const client = this.client();
    const handle = client.createRun(spec, demoId);
    const run = newRun(handle.id, demoId, opts.label, opts.overrides ?? {}, spec, handle, opts.group);
    this.attach(run, client);
    this.runs.value = [...this.runs.value, run];
    return run;
  }

  /** The run hears its handle's messages; the store, the backend and the worker's end. */
  private attach(run: Run, client: EngineClient): void {
    if (client.backend) this.backend.value = client.backend;
    run.handle?.on((m) => {
      if (m.type === 'backend' || m.type === 'backend-changed') this.backend.value = m.info;
      if (m.type === 'worker-lost') this.engineLost.value = m.message;
      if (m.type !== 'backend') applyMessage(run, m);
    });
  }

  /** Runs kept from an earlier visit (restored), which stay before the runs of this visit. */
  private readonly kept = new WeakSet<Run>();

  /** Whether `run` came back from an earlier visit. */
  isRestored(run: Run): boolean {
    return this.kept.has(run);
  }

  /**
   * A run kept from an earlier visit, back as it was: curves, records, live changes, how it ended. `resumable`
   * (with saved weights) gives it a worker-side run created from them on first use (nothing starts until then):
   * a paused run resumes from its step, a finished one can be looked into (feature maps, shift test). Without, it
   * is a finished run for the charts and the gallery only.
   */
  restore(saved: SavedRun, resumable: boolean): Run {
    const client = resumable && saved.weights ? this.client() : null;
    const handle = client?.createRun(saved.spec, saved.demoId, { weights: saved.weights!, elapsedMs: saved.progress?.elapsedMs }) ?? null;
    const run = newRun(
      handle?.id ?? `${saved.demoId}-kept-${++keptRuns}`,
      saved.demoId,
      saved.label,
      saved.overrides,
      saved.spec,
      handle,
      saved.group,
    );
    run.points.push(...saved.points);
    run.steps.push(...saved.steps);
    run.evals.push(...saved.evals);
    run.gradients.push(...saved.gradients);
    run.changes.push(...saved.changes);
    const phase: Phase = handle && saved.phase === 'paused' ? 'paused' : 'ended';
    run.phase.value = phase;
    run.progress.value = saved.progress;
    run.stats.value = saved.stats;
    run.params.value = saved.params;
    run.instruments.value = saved.instruments;
    run.ended.value = saved.ended;
    if (client) this.attach(run, client);
    this.kept.add(run);
    // After the other kept runs, before this visit's.
    const runs = this.runs.value;
    const at = runs.findIndex((r) => !this.kept.has(r));
    this.runs.value = at < 0 ? [...runs, run] : [...runs.slice(0, at), run, ...runs.slice(at)];
    return run;
  }

  start(run: Run): void {
    run.notice.value = '';
    run.handle?.start();
  }
  pause(run: Run): void {
    run.handle?.pause();
  }
  step(run: Run): void {
    run.notice.value = '';
    run.handle?.step();
  }
  stop(run: Run): void {
    run.handle?.stop();
  }
  /**
   * A live control's new value for a run in progress: `patch` (the changed parts of the run's spec) reaches it at
   * its next step. The run records the change, with its step, when the engine says it took it; a change it cannot
   * take while training is explained in the run's notice, and the run goes on as it was.
   */
  update(run: Run, control: string, value: unknown, patch: SpecPatch): void {
    if (!run.handle || isEmptyPatch(patch)) return;
    run.updates.set(run.handle.update(patch), { control, value, patch });
  }

  /**
   * A worker-side run that is not part of the page's runs: to look inside an untrained model (feature maps of
   * random filters) or to fetch example images. The caller disposes it.
   */
  scratch(demoId: string, spec: ExperimentSpecInput): RunHandle {
    return this.client().createRun(spec, `${demoId}-look`);
  }

  /** Frees the run in the worker; its records stay for the charts and the gallery. */
  release(run: Run): void {
    run.handle?.dispose();
    run.handle = null;
    if (run.phase.value !== 'ended') run.phase.value = 'ended';
  }

  /** Releases and forgets the runs that match (all of them without a filter). */
  clear(match: (run: Run) => boolean = () => true): void {
    const [gone, kept] = [this.runs.value.filter(match), this.runs.value.filter((r) => !match(r))];
    gone.forEach((r) => this.release(r));
    this.runs.value = kept;
  }

  /** Resolves when the run ends (completed, stopped, diverged, failed). */
  whenEnded(run: Run): Promise<Run> {
    return new Promise((resolve) => {
      if (run.phase.value === 'ended') return resolve(run);
      const off = run.phase.subscribe((p) => {
        if (p === 'ended') {
          queueMicrotask(() => off());
          resolve(run);
        }
      });
    });
  }
}

let store: RunStore | null = null;
let keptRuns = 0;

/** The page's store, on the page's shared worker. */
export function pageStore(): RunStore {
  if (!store) {
    store = new RunStore(sharedClient, restartSharedClient);
    // Finished and paused runs are kept in this browser and come back on the next visit (keep.ts).
    keepPageRuns(store, new RunArchive(openIdb(), typeof location === 'undefined' ? '/' : location.pathname));
  }
  return store;
}
