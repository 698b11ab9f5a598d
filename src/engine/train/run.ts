/**
 * Drives a Trainer: start, pause, resume, single step, stop, live changes to its spec; decides when to read
 * metrics back and when to evaluate; turns failures into an `ended` event instead of a throw.
 */
import type { EvalRecord, StepRecord, Trainer } from './trainer';
import { DivergedError } from './trainer';
import type { SpecPatch } from './patch';
import { stepsPerEpoch } from '../spec/parse';
import { EarlyStopping, when } from './early-stopping';

export type RunState = 'idle' | 'running' | 'paused' | 'ended';
/** 'early-stopped': the validation loss stopped improving (training.earlyStopping). */
export type EndReason = 'completed' | 'stopped' | 'early-stopped' | 'diverged' | 'error';

export interface Progress {
  step: number;
  total: number;
  epoch: number;
  /** Training examples per second over the running time. */
  samplesPerSecond: number;
  /** Time spent running (pauses excluded). */
  elapsedMs: number;
  /** Estimate from the current speed. */
  remainingMs: number;
}

export type RunEvent =
  | { type: 'state'; state: RunState }
  | { type: 'step'; record: StepRecord }
  | { type: 'eval'; record: EvalRecord }
  | { type: 'progress'; progress: Progress }
  /**
   * The page's update `id` changed the spec mid-run: steps after `step` (completed steps so far) train with
   * `patch` merged in; `changed` lists the spec paths it changed.
   */
  | { type: 'updated'; id: number; step: number; epoch: number; patch: SpecPatch; changed: string[] }
  /** The page's update `id` was refused (`message` says why); the run goes on as it was. */
  | { type: 'update-refused'; id: number; message: string }
  | { type: 'ended'; reason: EndReason; message: string; step: number };

export interface RunOptions {
  /** Longest stretch of work between two yields to the event loop (lets pause/stop messages in). */
  sliceMs?: number;
  /** How to yield; defaults to a macrotask (setTimeout 0). rAF never fires in workers or hidden tabs. */
  yieldToLoop?: () => Promise<void>;
  now?: () => number;
  /** Training time already spent (a run resumed from saved weights): its pace and elapsed time continue from it. */
  elapsedMs?: number;
}

const defaultYield = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class RunController {
  state: RunState = 'idle';
  private elapsedMs = 0;
  private readonly perEpoch: number;
  private loopPromise: Promise<void> | null = null;
  private readonly sliceMs: number;
  private readonly yieldToLoop: () => Promise<void>;
  private readonly now: () => number;
  private readonly early: EarlyStopping | null;

  constructor(
    readonly trainer: Trainer,
    private readonly emit: (event: RunEvent) => void,
    opts: RunOptions = {},
  ) {
    this.perEpoch = stepsPerEpoch(trainer.spec);
    this.elapsedMs = opts.elapsedMs ?? 0;
    this.sliceMs = opts.sliceMs ?? 30;
    this.yieldToLoop = opts.yieldToLoop ?? defaultYield;
    this.now = opts.now ?? (() => performance.now());
    const es = trainer.spec.training.earlyStopping;
    this.early = es ? new EarlyStopping(es, trainer.model) : null;
  }

  private setState(state: RunState) {
    if (this.state === state) return;
    this.state = state;
    this.emit({ type: 'state', state });
  }

  /** Starts or resumes the loop. Resolves when the loop stops (pause, stop, end). */
  start(): Promise<void> {
    if (this.state === 'ended' || this.state === 'running') return this.loopPromise ?? Promise.resolve();
    this.setState('running');
    this.loopPromise = this.loop();
    return this.loopPromise;
  }

  /** A run paused before its first step (a Pause that overtook its start): it says so, and Resume starts it. */
  hold(): void {
    if (this.state === 'idle') this.setState('paused');
  }

  resume(): Promise<void> {
    return this.start();
  }

  /** Pauses after the step in flight. Resolves once paused. */
  async pause(): Promise<void> {
    if (this.state !== 'running') return;
    this.setState('paused');
    await this.loopPromise;
  }

  /** One gradient step (always recorded so the reader sees its cost), then stays paused. */
  async stepOnce(): Promise<void> {
    if (this.state === 'running') await this.pause();
    if (this.state === 'ended' || this.trainer.done) return;
    this.setState('paused');
    // runStep may end the run (divergence, early stopping).
    if ((await this.runStep(true)) && this.trainer.done) await this.complete();
  }

  /** Stops for good after the step in flight. The trainer stays alive until its owner disposes it. */
  async stop(): Promise<void> {
    if (this.state === 'ended') return;
    const wasRunning = this.state === 'running';
    this.setState('paused');
    if (wasRunning) await this.loopPromise;
    this.end('stopped', `stopped at step ${this.trainer.step}`);
  }

  /**
   * Merges `patch` (the changed parts of the spec) into the run from the next step on, and says so with the step
   * it took effect after; or says why it cannot (the run goes on as it was). A patch that changes nothing, and
   * one for a run that has ended, say nothing.
   */
  update(patch: SpecPatch, id = 0): void {
    if (this.state === 'ended') return;
    let changed: string[];
    try {
      changed = this.trainer.update(patch);
    } catch (err) {
      this.emit({ type: 'update-refused', id, message: err instanceof Error ? err.message : String(err) });
      return;
    }
    if (changed.length) this.emit({ type: 'updated', id, step: this.trainer.step, epoch: this.trainer.epoch, patch, changed });
  }

  /** Frees what the controller holds on the device (early stopping's best weights). Idempotent. */
  dispose(): void {
    this.early?.dispose();
  }

  private end(reason: EndReason, message: string) {
    this.dispose();
    this.setState('ended');
    this.emit({ type: 'ended', reason, message, step: this.trainer.step });
  }

  /** Puts the best weights back and evaluates them: an `eval` event marked `restored`. */
  private async restoreBest(): Promise<void> {
    const early = this.early!;
    const best = early.best!;
    early.restore();
    const record = await this.trainer.evaluate();
    this.emit({ type: 'eval', record: { ...record, restored: true, best: { step: best.step, epoch: best.epoch } } });
  }

  /** The last step ran: restore the best weights if early stopping keeps them, then end. */
  private async complete(): Promise<void> {
    let message = `finished ${this.trainer.total} steps`;
    try {
      if (this.early?.canRestore) {
        const best = this.early.best!;
        await this.restoreBest();
        message += `; restored the weights of ${when(best)} (validation loss ${best.loss.toFixed(4)})`;
      }
    } catch (err) {
      this.end('error', `restoring the best weights failed: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    this.end('completed', message);
  }

  private shouldRecord(step: number): boolean {
    return step === 1 || step % this.trainer.spec.record.every === 0 || step === this.trainer.total;
  }

  private shouldEvaluate(step: number): boolean {
    const every = this.trainer.spec.record.evaluate;
    const interval = every === 'epoch' ? this.perEpoch : every.steps;
    return step % interval === 0 || step === this.trainer.total;
  }

  private progress(): Progress {
    const t = this.trainer;
    const stepsPerMs = this.elapsedMs > 0 ? t.step / this.elapsedMs : 0;
    return {
      step: t.step,
      total: t.total,
      epoch: t.epoch,
      samplesPerSecond: stepsPerMs * t.batchSize * 1000,
      elapsedMs: this.elapsedMs,
      remainingMs: stepsPerMs > 0 ? (t.total - t.step) / stepsPerMs : Number.NaN,
    };
  }

  /** Runs one step; returns false if the run ended (divergence or error). */
  private async runStep(forceRecord = false): Promise<boolean> {
    const started = this.now();
    try {
      const next = this.trainer.step + 1;
      const record = await this.trainer.trainStep(forceRecord || this.shouldRecord(next));
      if (record) this.emit({ type: 'step', record });
      let stopEarly = false;
      if (this.shouldEvaluate(next)) {
        if (!record) await this.trainer.checkFinite();
        const evaluation = await this.trainer.evaluate();
        // Before emitting: a worker may transfer (detach) the record's arrays when it posts the event.
        stopEarly = this.early?.observe(evaluation) ?? false;
        this.emit({ type: 'eval', record: evaluation });
      }
      this.elapsedMs += this.now() - started;
      if (record || stopEarly) this.emit({ type: 'progress', progress: this.progress() });
      if (stopEarly) {
        const restore = this.early!.canRestore;
        if (restore) await this.restoreBest();
        this.end('early-stopped', this.early!.stopMessage({ step: this.trainer.step, epoch: this.trainer.epoch }, restore));
        return false;
      }
      return true;
    } catch (err) {
      this.elapsedMs += this.now() - started;
      // The owner freed the trainer while this step was in flight (a Reset): nothing failed, the loop just ends.
      if (this.trainer.isDisposed) return false;
      if (err instanceof DivergedError) this.end('diverged', err.message);
      else this.end('error', `training failed at step ${this.trainer.step}: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
  }

  private async loop(): Promise<void> {
    let sliceStart = this.now();
    while (this.state === 'running' && !this.trainer.done) {
      if (!(await this.runStep())) return;
      if (this.now() - sliceStart >= this.sliceMs) {
        await this.yieldToLoop();
        sliceStart = this.now();
      }
    }
    if (this.state === 'running' && this.trainer.done) {
      this.emit({ type: 'progress', progress: this.progress() });
      await this.complete();
    } else if (this.state === 'paused' && this.trainer.step > 0) {
      // Where it paused, which may be past the last recorded step: the next Step follows from it.
      this.emit({ type: 'progress', progress: this.progress() });
    }
  }
}
