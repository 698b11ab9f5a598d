/**
 * The runs living in one worker. Several demos on a page share the worker; one trains at a time: starting
 * (or resuming) a run pauses whichever other run is training and tells its page ("preempted").
 */
import { initBackend, switchBackend, watchDeviceLoss, type BackendInfo, type BackendPreference } from '../backend';
import { tinyModelBackend } from '../backend-probe';
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
}

export class RunHost {
  private readonly runs = new Map<string, Run>();
  private readonly pending = new Map<string, Promise<Run | null>>();
  private backend: BackendInfo | null = null;
  /** What initBackend chose for the worker; runs of tiny models may train on the CPU instead. */
  private workerBackend: BackendInfo | null = null;
  private preference: BackendPreference = 'auto';

  constructor(
    private readonly post: (message: FromWorker, transfer?: Transferable[]) => void,
    private readonly loadData: LoadData,
  ) {}

  async handle(msg: ToWorker): Promise<void> {
    try {
      switch (msg.type) {
        case 'init':
          this.preference = msg.backend;
          this.backend = this.workerBackend = await initBackend(msg.backend);
          this.post({ type: 'backend', info: this.backend });
          watchDeviceLoss((message) => void this.recoverFromDeviceLoss(message));
          return;
        case 'start': {
          const run = await this.takeTurn(msg.runId, msg.spec);
          void run?.controller.start();
          return;
        }
        case 'step':
          await (await this.takeTurn(msg.runId, msg.spec))?.controller.stepOnce();
          return;
        case 'pause':
          await (await this.find(msg.runId))?.controller.pause();
          return;
        case 'stop':
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
          return await this.dispose(msg.runId);
      }
    } catch (err) {
      const runId = 'runId' in msg ? msg.runId : undefined;
      this.post({ type: 'error', runId, message: err instanceof Error ? err.message : String(err) });
    }
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
      // Evaluation arrays move to the page instead of being copied.
      this.post({ type: 'run-event', runId, event }, event.type === 'eval' ? evalTransfers(event.record) : undefined);
      if (event.type === 'eval' && this.backend?.name === 'webgpu') {
        const step = event.record.step;
        void snapshotParams(trainer.model).then((values) => {
          const run = this.runs.get(runId);
          if (run?.trainer === trainer) run.snapshot = { step, values };
        });
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
    await run.controller.stop();
    run.controller.dispose();
    run.trainer.dispose();
  }

  /** WebGPU device lost: move to WebGL, rebuild each run from its last snapshot, and say so. */
  private async recoverFromDeviceLoss(message: string): Promise<void> {
    const wasRunning = [...this.runs].filter(([, r]) => r.controller.state === 'running').map(([id]) => id);
    // Stop the old loops and free what can still be freed; tensors on a lost device may refuse.
    for (const run of this.runs.values()) {
      await run.controller.pause().catch(() => undefined);
      try {
        run.controller.dispose();
        run.trainer.dispose();
      } catch {
        /* the device is gone; its memory went with it */
      }
    }
    this.backend = this.workerBackend = await initBackend('webgl');
    for (const [runId, run] of this.runs) {
      const trainer = new Trainer(run.spec, run.data);
      if (run.snapshot) {
        restoreParams(trainer.model, run.snapshot.values);
        trainer.step = run.snapshot.step;
      }
      run.trainer = trainer;
      run.backend = this.backend;
      run.controller = this.controllerFor(runId, trainer);
    }
    this.post({
      type: 'backend-changed',
      info: this.backend,
      message: `The GPU device was lost (${message}); training continues on ${this.backend.name.toUpperCase()} from the last evaluated step.`,
    });
    for (const id of wasRunning) void this.runs.get(id)?.controller.start();
  }
}

/** The typed arrays of an evaluation record (probabilities and labels of each set). */
function evalTransfers(record: EvalRecord): ArrayBuffer[] {
  return transferList([record.train, record.validation, record.test].flatMap((m) => [m?.probabilities, m?.labels]));
}
