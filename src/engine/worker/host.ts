/**
 * The runs living in one worker. Several demos on a page share the worker; one trains at a time: starting
 * (or resuming) a run pauses whichever other run is training and tells its page ("preempted").
 */
import { initBackend, switchBackend, type BackendInfo, type BackendName, type BackendPreference } from '../backend';
import { tinyModelBackend } from '../backend-probe';
import { backendIsLost, FALLBACK, lostWithin, watchBackendLoss } from '../backend-loss';

/** How long a step failure on a GPU waits for news that the GPU was lost before it is reported as the run's own. */
const LOSS_GRACE_MS = 1500;
import { parseSpec } from '../spec/parse';
import type { ExperimentSpec, ExperimentSpecInput } from '../spec/schema';
import { RunController } from '../train/run';
import { Trainer, type TrainingData } from '../train/trainer';
import { restoreParams, snapshotParams } from '../model/params';
import type { Split } from '../data/split';
import type { EvalRecord } from '../train/evaluate';
import { dataStats, examplesOf, probeExample, transferList } from './inspect';
import type { DataProgress, FromWorker, ToWorker } from './protocol';
import { answerAnalysis, type AnalysisRequest } from './analysis';

export type LoadData = (spec: ExperimentSpec, onProgress: (p: DataProgress) => void) => Promise<TrainingData>;

interface Run {
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

export class RunHost {
  private readonly runs = new Map<string, Run>();
  private readonly pending = new Map<string, Promise<Run | null>>();
  /**
   * How many pause, stop and dispose requests each run has had. A start or step that had to wait (data, model,
   * backend) goes ahead only if none came meanwhile: a Train quickly followed by Pause or Reset must not start a
   * step that the reader already cancelled (on a slow GPU that step alone can take seconds, and Reset waits for it).
   */
  private readonly halts = new Map<string, number>();
  /** The active tfjs backend (a tiny model's run may have switched to the CPU). */
  private backend: BackendInfo | null = null;
  /** What initBackend chose for the worker; runs of tiny models may train on the CPU instead. */
  private workerBackend: BackendInfo | null = null;
  private preference: BackendPreference = 'auto';
  private recovering: Promise<void> | null = null;
  /** Settles once `init` has chosen and started the backend; models are built only after it. */
  private backendReady: Promise<void> = Promise.resolve();

  constructor(
    private readonly post: (message: FromWorker, transfer?: Transferable[]) => void,
    private readonly loadData: LoadData,
  ) {}

  /** Runs alive in this worker (created, not yet disposed). */
  get runCount(): number {
    return this.runs.size;
  }

  async handle(msg: ToWorker): Promise<void> {
    try {
      switch (msg.type) {
        case 'init':
          this.preference = msg.backend;
          this.backendReady = initBackend(msg.backend).then((info) => {
            this.backend = this.workerBackend = info;
            this.post({ type: 'backend', info });
            watchBackendLoss((message, lost) => void this.backendLost(message, lost));
          });
          return await this.backendReady;
        case 'start': {
          const halts = this.haltsOf(msg.runId);
          const run = await this.takeTurn(msg.runId, msg.spec);
          if (await this.stillWanted(msg.runId, halts)) void run?.controller.start();
          else run?.controller.hold();
          return;
        }
        case 'step': {
          const halts = this.haltsOf(msg.runId);
          const run = await this.takeTurn(msg.runId, msg.spec);
          if (await this.stillWanted(msg.runId, halts)) await run?.controller.stepOnce();
          else run?.controller.hold();
          return;
        }
        case 'pause':
          this.halt(msg.runId);
          await (await this.find(msg.runId))?.controller.pause();
          return;
        case 'stop':
          this.halt(msg.runId);
          await (await this.find(msg.runId))?.controller.stop();
          return;
        case 'setLearningRate':
          (await this.find(msg.runId))?.controller.setLearningRate(msg.learningRate);
          return;
        case 'probe':
          return await this.probe(msg.runId, msg.requestId, msg.spec, msg.split, msg.index);
        case 'examples':
          return await this.examples(msg.runId, msg.requestId, msg.spec, msg.split, msg.indices);
        case 'shift':
        case 'linearProbes':
          return await this.analyse(msg);
        case 'dispose':
          this.halt(msg.runId);
          return await this.dispose(msg.runId);
      }
    } catch (err) {
      const runId = 'runId' in msg ? msg.runId : undefined;
      this.post({ type: 'error', runId, message: err instanceof Error ? err.message : String(err) });
    }
  }

  private haltsOf(runId: string): number {
    return this.halts.get(runId) ?? 0;
  }

  /**
   * True if no pause, stop or dispose came for `runId` since it had `halts`, after letting the messages already
   * queued be handled first. A step is dispatched synchronously and, on a busy or software GPU, can hold the worker
   * for over a second, so a start must not go ahead while the reader's Pause or Reset is already waiting behind it
   * (50 quick Train/Reset presses on the pooling CNN kept the worker busy for 50 s before this check).
   */
  private async stillWanted(runId: string, halts: number): Promise<boolean> {
    if (this.haltsOf(runId) !== halts) return false;
    await new Promise((resolve) => setTimeout(resolve, 0));
    return this.haltsOf(runId) === halts;
  }

  private halt(runId: string): void {
    this.halts.set(runId, this.haltsOf(runId) + 1);
  }

  /** An existing run, waiting for it if it is still being created (so an early pause is not lost). */
  private async find(runId: string): Promise<Run | null | undefined> {
    return this.runs.get(runId) ?? (await this.pending.get(runId)?.catch(() => null));
  }

  /** The run for `runId`, created on first use: validate, load data (with progress), build the model. */
  private ensure(runId: string, input: ExperimentSpecInput): Promise<Run | null> {
    const existing = this.runs.get(runId);
    if (existing) return Promise.resolve(existing);
    let pending = this.pending.get(runId);
    if (!pending) {
      pending = this.create(runId, input).finally(() => this.pending.delete(runId));
      this.pending.set(runId, pending);
    }
    return pending;
  }

  private async create(runId: string, input: ExperimentSpecInput): Promise<Run | null> {
    const parsed = parseSpec(input);
    if (!parsed.ok) {
      this.post({ type: 'invalid', runId, issues: parsed.issues });
      return null;
    }
    const spec = parsed.spec;
    const data = await this.loadData(spec, (progress) => this.post({ type: 'data-progress', runId, progress }));
    // The backend may still be starting (init and the first start arrive together) or moving after a lost GPU.
    await this.backendReady.catch(() => undefined);
    await this.recovering;
    const backend = this.backendFor(spec);
    await this.activate(backend);
    const trainer = new Trainer(spec, data);
    const run: Run = { spec, data, trainer, controller: this.controllerFor(runId, trainer), backend };
    this.runs.set(runId, run);
    this.post({ type: 'ready', runId, stats: dataStats(spec, data, trainer), params: parsed.summary.totalParams, summary: parsed.summary });
    return run;
  }

  private controllerFor(runId: string, trainer: Trainer): RunController {
    return new RunController(trainer, (event) => {
      const run = this.runs.get(runId);
      // A loop on a lost backend may still be finishing its step: the rebuilt run speaks for it now.
      if (run && run.trainer !== trainer) return;
      // A step that failed because the GPU went away is not the run's fault: the recovery resumes it. The failure
      // may come before the news of the loss, so on a GPU it waits a moment for that news before it is reported.
      if (run && event.type === 'ended' && event.reason === 'error' && run.backend?.name !== 'cpu') {
        run.failedWithBackend = true;
        void (backendIsLost(event.message) ? Promise.resolve(true) : lostWithin(LOSS_GRACE_MS)).then((lost) => {
          if (lost) return void this.backendLost(event.message);
          run.failedWithBackend = false;
          if (this.runs.get(runId)?.trainer === trainer) this.post({ type: 'run-event', runId, event });
        });
        return;
      }
      // Evaluation arrays move to the page instead of being copied.
      this.post({ type: 'run-event', runId, event }, event.type === 'eval' ? evalTransfers(event.record) : undefined);
      // On a GPU, keep the weights of each evaluation to continue from if the device or context is lost.
      if (event.type === 'eval' && run && run.backend?.name !== 'cpu') {
        const step = event.record.step;
        run.snapshotting = snapshotParams(trainer.model).then(
          (values) => {
            if (run.trainer === trainer) run.snapshot = { step, values };
          },
          () => undefined,
        );
      }
    });
  }

  /** The run, created if needed, after pausing any other run that is training (one trains at a time). */
  private async takeTurn(runId: string, input: ExperimentSpecInput): Promise<Run | null> {
    const run = await this.ensure(runId, input);
    if (run) await this.preemptOthers(runId);
    if (run) await this.activate(run.backend);
    return run;
  }

  /** The CPU for a tiny model when the reader left the choice to us; the worker's backend otherwise. */
  private backendFor(spec: ExperimentSpec): BackendInfo | null {
    const gpu = this.workerBackend;
    if (!gpu || this.preference !== 'auto') return gpu;
    const tiny = tinyModelBackend(spec, gpu);
    return tiny ? { name: tiny.name, adapter: 'JavaScript', fallbackAdapter: false, reason: tiny.reason } : gpu;
  }

  /** Makes `info` the active tfjs backend and tells the page (its status badge) when that changes. */
  private async activate(info: BackendInfo | null): Promise<void> {
    if (!info) return;
    await switchBackend(info.name);
    if (this.backend !== info) {
      this.backend = info;
      this.post({ type: 'backend', info });
    }
  }

  private async preemptOthers(runId: string): Promise<void> {
    for (const [id, run] of this.runs) {
      if (id !== runId && run.controller.state === 'running') {
        await run.controller.pause();
        this.post({ type: 'preempted', runId: id, by: runId });
      }
    }
  }

  /** The run for a request that needs its data or model (not training): created if needed, else an Error. */
  private async runFor(runId: string, input: ExperimentSpecInput): Promise<Run> {
    const run = await this.ensure(runId, input);
    if (run) return run;
    const parsed = parseSpec(input);
    throw new Error(parsed.ok ? 'the run could not be created' : `the experiment is not valid: ${parsed.issues.map((i) => i.message).join('; ')}`);
  }

  private async probe(runId: string, requestId: number, input: ExperimentSpecInput, split: Split, index: number): Promise<void> {
    try {
      const run = await this.runFor(runId, input);
      const p = await probeExample(run.trainer, run.data, split, index);
      const transfer = transferList([p.pixels, p.probabilities, ...p.layers.map((l) => l.values)]);
      this.post({ type: 'probe-result', runId, requestId, ...p }, transfer);
    } catch (err) {
      this.post({ type: 'probe-result', runId, requestId, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private async examples(runId: string, requestId: number, input: ExperimentSpecInput, split: Split, indices: number[]): Promise<void> {
    try {
      const run = await this.runFor(runId, input);
      const e = examplesOf(run.data, split, indices);
      this.post({ type: 'examples-result', runId, requestId, ...e }, transferList([e.pixels, e.labels, e.classIds]));
    } catch (err) {
      this.post({ type: 'examples-result', runId, requestId, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** The shift test or linear probes on a run's current weights (the run is created if needed: random filters). */
  private async analyse(msg: AnalysisRequest): Promise<void> {
    const run = await this.runFor(msg.runId, msg.spec).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
    const { message, transfer } = await answerAnalysis(run, msg);
    this.post(message, transfer);
  }

  private async dispose(runId: string): Promise<void> {
    const pending = this.pending.get(runId);
    if (pending) await pending.catch(() => null);
    const run = this.runs.get(runId);
    if (!run) return;
    this.runs.delete(runId);
    // Free the device memory now rather than after the step in flight, which on a slow GPU can take seconds (tfjs
    // keeps what queued kernels still read); that step then finds its trainer gone and the loop ends quietly.
    const stopped = run.controller.stop();
    run.controller.dispose();
    run.trainer.dispose();
    await stopped;
  }

  /**
   * The backend's device or context was lost (WebGPU device, WebGL context): move to `fallback`, rebuild each run
   * from its last evaluated weights, tell the page, and resume the runs that were training. The worker calls this
   * when it notices the loss; it is public so a test can stand in for the GPU.
   */
  backendLost(message: string, lost: BackendName = this.workerBackend?.name ?? 'webgpu'): Promise<void> {
    // A late report about a backend already left behind changes nothing.
    if (this.recovering || (this.workerBackend && this.workerBackend.name !== lost) || lost === 'cpu') return this.recovering ?? Promise.resolve();
    this.recovering = this.recover(message, FALLBACK[lost])
      .catch((err) => this.recoveryFailed(message, err))
      .finally(() => (this.recovering = null));
    return this.recovering;
  }

  /** Moving to another backend failed too: every run ends, saying why. */
  private recoveryFailed(message: string, err: unknown): void {
    const why = `the GPU was lost (${message}) and training could not move to another backend: ${err instanceof Error ? err.message : String(err)}`;
    for (const runId of this.runs.keys()) this.post({ type: 'error', runId, message: why });
  }

  private async recover(message: string, fallback: BackendName): Promise<void> {
    const lostName = this.workerBackend?.name;
    // Runs of tiny models on the CPU lost nothing; the others move.
    const moving = [...this.runs].filter(([, r]) => r.backend?.name === lostName || r.backend === null);
    const wasRunning = moving.filter(([, r]) => r.controller.state === 'running' || r.failedWithBackend).map(([id]) => id);
    // Stop the old loops and free what can still be freed; tensors on a lost device may refuse. A step stuck on
    // the lost device is left behind: its events no longer reach the page.
    for (const [, run] of moving) {
      await Promise.race([Promise.all([run.controller.pause(), run.snapshotting]), new Promise((r) => setTimeout(r, 2000))]).catch(() => undefined);
      try {
        run.controller.dispose();
        run.trainer.dispose();
      } catch {
        /* the device is gone; its memory went with it */
      }
    }
    this.backend = this.workerBackend = await initBackend(fallback);
    watchBackendLoss((m, next) => void this.backendLost(m, next));
    const fromStart = moving.some(([, r]) => !r.snapshot);
    for (const [runId, run] of moving) {
      run.failedWithBackend = false;
      run.backend = this.backend;
      const trainer = new Trainer(run.spec, run.data);
      if (run.snapshot) {
        restoreParams(trainer.model, run.snapshot.values);
        trainer.step = run.snapshot.step;
      }
      // A learning rate the reader changed mid-run stays changed (the page marks it on the charts).
      if (run.trainer.learningRate !== trainer.learningRate) trainer.setLearningRate(run.trainer.learningRate);
      run.trainer = trainer;
      run.controller = this.controllerFor(runId, trainer);
    }
    this.post({
      type: 'backend-changed',
      info: this.backend,
      message: `The GPU ${fallback === 'cpu' ? 'context' : 'device'} was lost (${message}); training continues on ${DISPLAY[this.backend.name]} from the last evaluated step${fromStart ? ', or from the start where there was none' : ''}.`,
    });
    for (const id of wasRunning) void this.runs.get(id)?.controller.start();
  }
}

const DISPLAY: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', cpu: 'CPU' };

/** The typed arrays of an evaluation record (probabilities, labels and losses of each set). */
function evalTransfers(record: EvalRecord): ArrayBuffer[] {
  return transferList([record.train, record.validation, record.test].flatMap((m) => [m?.probabilities, m?.labels, m?.losses]));
}
