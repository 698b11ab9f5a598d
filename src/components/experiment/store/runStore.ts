/**
 * The page's runs: one store for every island that trains (Experiment, Sweep) or compares (Gallery).
 * It talks to the shared worker through RunHandles and keeps each run's records after the worker frees it.
 */
import { signal } from '@preact/signals';
import type { BackendInfo } from '../../../engine/backend';
import type { EngineClient, RunHandle } from '../../../engine/worker/client';
import type { ExperimentSpecInput } from '../../../engine/spec/schema';
import type { Overrides } from '../controls/types';
import { applyMessage, newRun, type Run } from './run';
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
    if (client.backend) this.backend.value = client.backend;
    handle.on((m) => {
      if (m.type === 'backend' || m.type === 'backend-changed') this.backend.value = m.info;
      if (m.type === 'worker-lost') this.engineLost.value = m.message;
      if (m.type !== 'backend') applyMessage(run, m);
    });
    this.runs.value = [...this.runs.value, run];
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

/** The page's store, on the page's shared worker. */
export function pageStore(): RunStore {
  store ??= new RunStore(sharedClient, restartSharedClient);
  return store;
}
