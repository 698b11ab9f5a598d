/**
 * The runs living in one worker. Several demos on a page share the worker; one trains at a time: starting
 * (or resuming) a run pauses whichever other run is training and tells its page ("preempted"). A run is created
 * once with its spec (`create`); every later message names it by id. Surviving a lost GPU is recovery.ts's work.
 */
import { initBackend, switchBackend, type BackendInfo, type BackendName, type BackendPreference } from '../backend';
import { tinyModelBackend } from '../backend-probe';
import { parseSpec } from '../spec/parse';
import type { ExperimentSpec, ExperimentSpecInput } from '../spec/schema';
import { RunController } from '../train/run';
import { Trainer, type TrainingData } from '../train/trainer';
import { resumeTrainer } from '../train/resume';
import { snapshotModel } from '../model/params';
import type { Split } from '../data/split';
import type { EvalRecord } from '../train/evaluate';
import { dataStats, examplesOf, probeExample, probePixels, transferList } from './inspect';
import type { DataProgress, FromWorker, ResumeFrom, ToWorker } from './protocol';
import { answerAnalysis, type AnalysisRequest } from './analysis';
import { DeviceLossRecovery, type RecoverableRun } from './recovery';

export type LoadData = (spec: ExperimentSpec, onProgress: (p: DataProgress) => void) => Promise<TrainingData>;

type Run = RecoverableRun;

export class RunHost {
  private readonly runs = new Map<string, Run>();
  private readonly pending = new Map<string, Promise<Run | null>>();
  /**
   * How many pause, stop and dispose requests each run has had. A start or step that had to wait (data, model,
   * backend) goes ahead only if none came meanwhile: a Train quickly followed by Pause or Reset must not start a
   * step that the reader already cancelled (on a slow GPU that step alone can take seconds, and Reset waits for it).
   */
  private readonly halts = new Map<string, number>();
  /** Why each run that could not be created could not be (its spec did not validate): a later request says so. */
  private readonly failed = new Map<string, string>();
  /** The active tfjs backend (a tiny model's run may have switched to the CPU). */
  private backend: BackendInfo | null = null;
  /** What initBackend chose for the worker; runs of tiny models may train on the CPU instead. */
  private workerBackend: BackendInfo | null = null;
  private preference: BackendPreference = 'auto';
  private readonly recovery = new DeviceLossRecovery({
    runs: this.runs,
    workerBackend: () => this.workerBackend,
    movedTo: (info) => (this.backend = this.workerBackend = info),
    controllerFor: (runId, trainer) => this.controllerFor(runId, trainer),
    post: (message) => this.post(message),
  });
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
            this.recovery.watch();
          });
          return await this.backendReady;
        case 'create':
          await this.ensure(msg.runId, msg.spec, msg.from);
          return;
        case 'start': {
          const halts = this.haltsOf(msg.runId);
          const run = await this.takeTurn(msg.runId);
          if (await this.stillWanted(msg.runId, halts)) void run?.controller.start();
          else run?.controller.hold();
          return;
        }
        case 'step': {
          const halts = this.haltsOf(msg.runId);
          const run = await this.takeTurn(msg.runId);
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
        case 'update': {
          const run = await this.find(msg.runId);
          run?.controller.update(msg.patch, msg.updateId);
          // The spec it trains on now: a rebuilt run (a lost GPU) starts from it.
          if (run) run.spec = run.trainer.spec;
          return;
        }
        case 'probe':
          return await this.probe(msg);
        case 'examples':
          return await this.examples(msg.runId, msg.requestId, msg.split, msg.indices);
        case 'shift':
        case 'linearProbes':
          return await this.analyse(msg);
        case 'snapshot':
          return await this.snapshot(msg.runId, msg.requestId);
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
  private ensure(runId: string, input: ExperimentSpecInput, from?: ResumeFrom): Promise<Run | null> {
    const existing = this.runs.get(runId);
    if (existing) return Promise.resolve(existing);
    let pending = this.pending.get(runId);
    if (!pending) {
      pending = this.create(runId, input, from)
        .catch((err: unknown) => {
          this.failed.set(runId, err instanceof Error ? err.message : String(err));
          throw err;
        })
        .finally(() => this.pending.delete(runId));
      this.pending.set(runId, pending);
    }
    return pending;
  }

  private async create(runId: string, input: ExperimentSpecInput, from?: ResumeFrom): Promise<Run | null> {
    const parsed = parseSpec(input);
    if (!parsed.ok) {
      this.failed.set(runId, `the experiment is not valid: ${parsed.issues.map((i) => i.message).join('; ')}`);
      this.post({ type: 'invalid', runId, issues: parsed.issues });
      return null;
    }
    const spec = parsed.spec;
    const data = await this.loadData(spec, (progress) => this.post({ type: 'data-progress', runId, progress }));
    // The backend may still be starting (init and the first start arrive together) or moving after a lost GPU.
    await this.backendReady.catch(() => undefined);
    await this.recovery.settled;
    const backend = this.backendFor(spec);
    await this.activate(backend);
    const trainer = new Trainer(spec, data);
    if (from) {
      try {
        resumeTrainer(trainer, from.weights);
      } catch (err) {
        trainer.dispose();
        throw err;
      }
    }
    const run: Run = { spec, data, trainer, controller: this.controllerFor(runId, trainer, from?.elapsedMs), backend };
    // A lost GPU before the next evaluation goes back to the saved weights, not to fresh ones.
    if (from) run.snapshot = { step: from.weights.step, values: from.weights.params.map((p) => p.values) };
    this.runs.set(runId, run);
    this.post({ type: 'ready', runId, stats: dataStats(spec, data, trainer), params: parsed.summary.totalParams, summary: parsed.summary });
    return run;
  }

  /** A controller for `trainer` whose events reach the page as the run's (recovery.ts gives it a rebuilt trainer). */
  private controllerFor(runId: string, trainer: Trainer, elapsedMs?: number): RunController {
    return new RunController(
      trainer,
      (event) => {
        const run = this.runs.get(runId);
        // A loop on a lost backend may still be finishing its step: the rebuilt run speaks for it now.
        if (run && run.trainer !== trainer) return;
        // A step that failed because the GPU went away is not the run's fault: the recovery resumes it.
        const report = () => {
          if (this.runs.get(runId)?.trainer === trainer) this.post({ type: 'run-event', runId, event });
        };
        if (run && this.recovery.holdsBack(run, trainer, event, report)) return;
        // Evaluation arrays move to the page instead of being copied.
        this.post({ type: 'run-event', runId, event }, event.type === 'eval' ? evalTransfers(event.record) : undefined);
        if (event.type === 'eval' && run) this.recovery.evaluated(run, trainer, event.record.step);
      },
      { elapsedMs },
    );
  }

  /** The run, after pausing any other run that is training (one trains at a time); null if it could not be created. */
  private async takeTurn(runId: string): Promise<Run | null> {
    const run = await this.existing(runId);
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

  /** A created run (waiting for it if it is still being created), or an Error saying why there is none. */
  private async runFor(runId: string): Promise<Run> {
    const run = await this.find(runId);
    if (run) return run;
    throw new Error(
      this.failed.get(runId) ?? (this.pending.has(runId) ? 'the run could not be created' : `there is no run ${runId}: create it first`),
    );
  }

  /** A created run, or null (with an error posted when it was never created; an invalid spec was answered already). */
  private async existing(runId: string): Promise<Run | null> {
    const run = await this.find(runId);
    if (run) return run;
    if (!this.failed.has(runId)) this.post({ type: 'error', runId, message: `there is no run ${runId}: create it first` });
    return null;
  }

  private async probe(msg: Extract<ToWorker, { type: 'probe' }>): Promise<void> {
    const { runId, requestId } = msg;
    try {
      const run = await this.runFor(runId);
      const result =
        'pixels' in msg ? await probePixels(run.trainer, msg.pixels) : await probeExample(run.trainer, run.data, msg.split, msg.index);
      const transfer = transferList([result.pixels, result.probabilities, ...result.layers.map((l) => l.values)]);
      this.post({ type: 'probe-result', runId, requestId, result }, transfer);
    } catch (err) {
      this.post({ type: 'probe-result', runId, requestId, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private async examples(runId: string, requestId: number, split: Split, indices: number[]): Promise<void> {
    try {
      const run = await this.runFor(runId);
      const result = examplesOf(run.data, split, indices);
      this.post({ type: 'examples-result', runId, requestId, result }, transferList([result.pixels, result.labels, result.classIds]));
    } catch (err) {
      this.post({ type: 'examples-result', runId, requestId, error: err instanceof Error ? err.message : String(err) });
    }
  }

  /** The shift test or linear probes on a run's current weights (the run is created if needed: random filters). */
  private async analyse(msg: AnalysisRequest): Promise<void> {
    const run = await this.runFor(msg.runId).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err))));
    const { message, transfer } = await answerAnalysis(run, msg);
    this.post(message, transfer);
  }

  /** The run's variables now, with names, shapes and the step count (their arrays move to the page). */
  private async snapshot(runId: string, requestId: number): Promise<void> {
    try {
      const { trainer } = await this.runFor(runId);
      // Step, epoch and the variables' copies are taken together, between two steps.
      const result = await snapshotModel(trainer.model, trainer.step, trainer.epoch);
      this.post({ type: 'snapshot-result', runId, requestId, result }, transferList(result.params.map((p) => p.values)));
    } catch (err) {
      this.post({ type: 'snapshot-result', runId, requestId, error: err instanceof Error ? err.message : String(err) });
    }
  }

  private async dispose(runId: string): Promise<void> {
    const pending = this.pending.get(runId);
    if (pending) await pending.catch(() => null);
    this.failed.delete(runId);
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
   * The backend's device or context was lost: recovery.ts moves every run on it to the next backend. The worker
   * calls this when it notices the loss; it is public so a test can stand in for the GPU.
   */
  backendLost(message: string, lost?: BackendName): Promise<void> {
    return this.recovery.lost(message, lost);
  }
}

/** The typed arrays of an evaluation record (probabilities, labels and losses of each set). */
function evalTransfers(record: EvalRecord): ArrayBuffer[] {
  return transferList([record.train, record.validation, record.test].flatMap((m) => [m?.probabilities, m?.labels, m?.losses]));
}
