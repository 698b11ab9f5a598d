/**
 * Device-loss recovery: when the GPU's device (WebGPU) or context (WebGL) is lost, the worker moves to the next
 * backend, rebuilds each run that lived on the lost one from its last evaluated weights and the spec it trains on
 * now (the reader's live changes included: learning rate, dropout, L2, augmentation), tells the page, and resumes
 * the runs that were training. To have weights to go back to, it keeps a copy of them at every evaluation of a
 * run on a GPU; and a step that fails on a GPU waits a moment for news of a loss before the failure counts as
 * the run's own. The RunHost (host.ts) hosts the runs; this module only keeps them alive across a lost GPU.
 */
import { initBackend, type BackendInfo, type BackendName } from '../backend';
import { backendIsLost, FALLBACK, lostWithin, watchBackendLoss } from '../backend-loss';
import { restoreParams, snapshotParams } from '../model/params';
import type { ExperimentSpec } from '../spec/schema';
import type { RunController, RunEvent } from '../train/run';
import { Trainer, type TrainingData } from '../train/trainer';
import type { FromWorker } from './protocol';

/** How long a step failure on a GPU waits for news that the GPU was lost before it is reported as the run's own. */
const LOSS_GRACE_MS = 1500;

/** What recovery needs of a hosted run. */
export interface RecoverableRun {
  /** The spec it trains on now: the created spec with every live change merged in (kept up to date by the host). */
  spec: ExperimentSpec;
  data: TrainingData;
  trainer: Trainer;
  controller: RunController;
  /** Where this run trains: the worker's GPU backend, or the CPU for a tiny model (under 'auto'). */
  backend: BackendInfo | null;
  /** Last weights read back at an evaluation, to continue after a lost GPU. */
  snapshot?: { step: number; values: Float32Array[] };
  /** The snapshot being read back, if any (a recovery waits for it). */
  snapshotting?: Promise<void>;
  /** Its training failed because the backend was lost: the recovery restarts it. */
  failedWithBackend?: boolean;
}

/** The host as recovery sees it. */
export interface RecoveryHost {
  readonly runs: ReadonlyMap<string, RecoverableRun>;
  /** The backend the worker chose (null before `init`). */
  workerBackend(): BackendInfo | null;
  /** The worker moved to `info`: it is now both the worker's backend and the active one. */
  movedTo(info: BackendInfo): void;
  /** A controller for a rebuilt run's trainer, whose events go where the old one's went. */
  controllerFor(runId: string, trainer: Trainer): RunController;
  post(message: FromWorker): void;
}

const DISPLAY: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

const onGpu = (run: RecoverableRun) => run.backend?.name !== 'cpu';

export class DeviceLossRecovery {
  private recovering: Promise<void> | null = null;

  constructor(private readonly host: RecoveryHost) {}

  /** Settles when no recovery is under way (a run being created waits for it, to be built on the new backend). */
  get settled(): Promise<void> {
    return this.recovering?.catch(() => undefined) ?? Promise.resolve();
  }

  /** Listens for the loss of the active backend. */
  watch(): void {
    watchBackendLoss((message, lost) => void this.lost(message, lost));
  }

  /**
   * Whether recovery takes over `event` of `run` (its `trainer`): a step that failed on a GPU is not reported
   * yet; if the GPU turns out to be lost the recovery resumes the run, else `report` reports the failure.
   */
  holdsBack(run: RecoverableRun, trainer: Trainer, event: RunEvent, report: () => void): boolean {
    if (event.type !== 'ended' || event.reason !== 'error' || !onGpu(run)) return false;
    run.failedWithBackend = true;
    void (backendIsLost(event.message) ? Promise.resolve(true) : lostWithin(LOSS_GRACE_MS)).then((lost) => {
      if (lost) return void this.lost(event.message);
      run.failedWithBackend = false;
      if (run.trainer === trainer) report();
    });
    return true;
  }

  /** After an evaluation on a GPU: keeps the weights of that step, to continue from if the device is lost. */
  evaluated(run: RecoverableRun, trainer: Trainer, step: number): void {
    if (!onGpu(run)) return;
    run.snapshotting = snapshotParams(trainer.model).then(
      (values) => {
        if (run.trainer === trainer) run.snapshot = { step, values };
      },
      () => undefined,
    );
  }

  /**
   * The backend's device or context was lost (WebGPU device, WebGL context): move to its fallback, rebuild each run
   * from its last evaluated weights, tell the page, and resume the runs that were training.
   */
  lost(message: string, lost: BackendName = this.host.workerBackend()?.name ?? 'webgpu'): Promise<void> {
    const worker = this.host.workerBackend();
    // A late report about a backend already left behind changes nothing.
    if (this.recovering || (worker && worker.name !== lost) || lost === 'cpu') return this.recovering ?? Promise.resolve();
    this.recovering = this.recover(message, FALLBACK[lost])
      .catch((err) => this.failed(message, err))
      .finally(() => (this.recovering = null));
    return this.recovering;
  }

  /** Moving to another backend failed too: every run ends, saying why. */
  private failed(message: string, err: unknown): void {
    const why = `the GPU was lost (${message}) and training could not move to another backend: ${err instanceof Error ? err.message : String(err)}`;
    for (const runId of this.host.runs.keys()) this.host.post({ type: 'error', runId, message: why });
  }

  private async recover(message: string, fallback: BackendName): Promise<void> {
    const lostName = this.host.workerBackend()?.name;
    // Runs of tiny models on the CPU lost nothing; the others move.
    const moving = [...this.host.runs].filter(([, r]) => r.backend?.name === lostName || r.backend === null);
    const wasRunning = moving.filter(([, r]) => r.controller.state === 'running' || r.failedWithBackend).map(([id]) => id);
    // Stop the old loops and free what can still be freed; tensors on a lost device may refuse. A step stuck on
    // the lost device is left behind: its events no longer reach the page.
    for (const [, run] of moving) {
      await Promise.race([Promise.all([run.controller.pause(), run.snapshotting]), new Promise((r) => setTimeout(r, 2000))]).catch(
        () => undefined,
      );
      // The spec it trained on last, live changes included (the page marks them on the charts).
      run.spec = run.trainer.spec;
      try {
        run.controller.dispose();
        run.trainer.dispose();
      } catch {
        /* the device is gone; its memory went with it */
      }
    }
    const backend = await initBackend(fallback);
    this.host.movedTo(backend);
    this.watch();
    const fromStart = moving.some(([, r]) => !r.snapshot);
    for (const [runId, run] of moving) {
      run.failedWithBackend = false;
      run.backend = backend;
      const trainer = new Trainer(run.spec, run.data);
      if (run.snapshot) {
        restoreParams(trainer.model, run.snapshot.values);
        trainer.step = run.snapshot.step;
      }
      run.trainer = trainer;
      run.controller = this.host.controllerFor(runId, trainer);
    }
    this.host.post({
      type: 'backend-changed',
      info: backend,
      message: `The GPU ${fallback === 'cpu' ? 'context' : 'device'} was lost (${message}); training continues on ${DISPLAY[backend.name]} from the last evaluated step${fromStart ? ', or from the start where there was none' : ''}.`,
    });
    for (const id of wasRunning) void this.host.runs.get(id)?.controller.start();
  }
}
