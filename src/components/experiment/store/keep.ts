/**
 * Keeps the page's runs between visits: each run that pauses or ends with at least one step is saved (its
 * records, curves and, from the worker, its weights) into the archive; a reload puts them back in the run store,
 * where every island finds its own as before, and the newest run of each demo gets its weights back in the worker
 * (a paused one resumes from its step). Reset and "Clear runs" forget what they clear; "Forget my runs" forgets
 * the page's. A storage that is missing, blocked or full changes nothing else: the archive says so.
 */
import { effect, signal } from '@preact/signals';
import type { ExperimentSpecInput } from '../../../engine/spec/schema';
import type { WeightsSnapshot } from '../../../engine/model/params';
import type { RunArchive, SavedRun } from './archive';
import type { RunStore } from './runStore';
import type { Run } from './run';

interface Kept {
  key: string;
  createdAt: number;
  /** What the last save held (phase and record counts); null before the first. */
  saved: string | null;
  /** The newest weights known for it (saved or restored), to keep when the worker has freed the run. */
  weights: WeightsSnapshot | null;
  timer: ReturnType<typeof setTimeout> | null;
  tries: number;
  /** Stops following its signals (once it has left the store). */
  off: () => void;
}

/** What changes a kept run: its phase and how many records it has. */
const signature = (run: Run) =>
  `${run.phase.value}:${run.steps.length}:${run.evals.length}:${run.changes.length}:${run.progress.value?.step ?? 0}:${run.ended.value?.reason ?? ''}`;

const keyFor = (page: string, demoId: string) => `${page}#${demoId}#${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/** What a resumed run keeps and what starts afresh, said plainly: the reader's optimiser, dropout, augmentation. */
export function resumeNote(spec: ExperimentSpecInput): string {
  const fresh: string[] = [];
  const optimizer = spec.optimizer?.type;
  if (optimizer === 'adam') fresh.push('fresh Adam moments');
  if (optimizer === 'momentum') fresh.push('fresh momentum');
  if (optimizer === 'rmsprop') fresh.push('fresh RMSprop averages');
  const model = JSON.stringify(spec.model ?? {});
  if (((spec.model as { dropout?: number } | undefined)?.dropout ?? 0) > 0 || model.includes('"type":"dropout"'))
    fresh.push('new dropout masks');
  const augment = spec.training?.augment;
  if (augment && ((augment.shift ?? 0) > 0 || augment.flip)) fresh.push('new augmentation draws');
  return fresh.length
    ? `Resume continues from its saved weights and step, with ${fresh.join(', ').replace(/, ([^,]*)$/, ' and $1')} (the browser keeps the weights, not the optimiser’s running state).`
    : 'Resume continues from its saved weights and step, with the same batches, as if it had never stopped.';
}

export class RunKeeper {
  /** How many runs came back from an earlier visit. */
  readonly restoredCount = signal(0);
  /** True once "Forget my runs" was pressed (until a new run is kept). */
  readonly forgotten = signal(false);
  private readonly kept = new WeakMap<Run, Kept>();
  /** Runs on screen when the reader pressed Forget: never saved again. */
  private readonly dropped = new WeakSet<Run>();
  private known: Run[] = [];

  constructor(
    readonly store: RunStore,
    readonly archive: RunArchive,
    private readonly delayMs = 50,
  ) {
    effect(() => this.follow(store.runs.value));
  }

  /** Puts the page's kept runs back (oldest first); the newest of each demo with its weights in the worker. */
  async restore(): Promise<Run[]> {
    const saved = await this.archive.restore();
    const newest = new Map<string, SavedRun>();
    for (const s of saved) newest.set(s.demoId, s);
    const runs = saved.map((s) => {
      // A demo the reader has already trained this visit keeps its own current run.
      const resumable = newest.get(s.demoId) === s && !!s.weights && !this.store.runs.value.some((r) => r.demoId === s.demoId);
      const run = this.store.restore(s, resumable);
      const kept = this.track(run);
      Object.assign(kept, { key: s.key, createdAt: s.createdAt, saved: signature(run), weights: s.weights });
      if (run.phase.value === 'paused') run.notice.value = `Kept from your last visit. ${resumeNote(s.spec)}`;
      return run;
    });
    this.restoredCount.value = runs.length;
    return runs;
  }

  /** Forgets every kept run of this page; the runs on screen stay until the reader leaves, and are not kept again. */
  async forgetPage(): Promise<void> {
    for (const run of this.store.runs.value) this.dropped.add(run);
    this.forgotten.value = true;
    await this.archive.forget();
  }

  /** New runs are tracked; runs gone from the store (Reset, Clear runs) are forgotten. */
  private follow(runs: Run[]): void {
    const now = new Set(runs);
    const gone = this.known.filter((r) => !now.has(r));
    this.known = runs;
    const keys = gone.flatMap((r) => {
      const k = this.kept.get(r);
      if (!k) return [];
      if (k.timer) clearTimeout(k.timer);
      k.off();
      return [k.key];
    });
    if (keys.length) void this.archive.forget(keys);
    for (const run of runs) this.track(run);
  }

  private track(run: Run): Kept {
    let kept = this.kept.get(run);
    if (kept) return kept;
    kept = {
      key: keyFor(this.archive.page, run.demoId),
      createdAt: Date.now(),
      saved: null,
      weights: null,
      timer: null,
      tries: 0,
      off: () => undefined,
    };
    this.kept.set(run, kept);
    const k = kept;
    // Read the signals that change a kept run; a change schedules a save once the run has settled.
    kept.off = effect(() => {
      void run.phase.value;
      void run.version.value;
      void run.ended.value;
      void run.progress.value;
      this.schedule(run, k);
    });
    return kept;
  }

  private schedule(run: Run, kept: Kept): void {
    if (kept.timer) clearTimeout(kept.timer);
    kept.timer = setTimeout(() => {
      kept.timer = null;
      void this.save(run, kept);
    }, this.delayMs);
  }

  private wanted(run: Run, kept: Kept): boolean {
    const phase = run.phase.value;
    return (
      (phase === 'paused' || phase === 'ended') &&
      run.steps.length > 0 &&
      !this.dropped.has(run) &&
      signature(run) !== kept.saved &&
      this.archive.state.value !== 'unavailable' &&
      this.known.includes(run)
    );
  }

  private async save(run: Run, kept: Kept): Promise<void> {
    if (!this.wanted(run, kept)) return;
    const at = signature(run);
    const step = run.progress.value?.step ?? run.steps.at(-1)?.step ?? 0;
    let weights = kept.weights?.step === step ? kept.weights : null;
    if (run.handle && !weights) weights = await run.handle.snapshot().catch(() => null);
    // The run moved on while its weights were read (Resume pressed at once): its next pause saves it.
    if (signature(run) !== at || !this.known.includes(run)) return;
    if (weights && weights.step !== step) {
      // The last report and the weights disagree (a step still in flight): try again shortly, then keep the records.
      if (kept.tries++ < 3) return this.schedule(run, kept);
      weights = null;
    }
    kept.tries = 0;
    kept.weights = weights ?? kept.weights;
    kept.saved = at;
    const result = await this.archive.save(this.toSaved(run, kept, weights));
    if (result === 'saved') this.forgotten.value = false;
    else kept.saved = null;
  }

  private toSaved(run: Run, kept: Kept, weights: WeightsSnapshot | null): SavedRun {
    const phase = run.phase.value === 'paused' ? 'paused' : 'ended';
    return {
      format: 1,
      key: kept.key,
      page: this.archive.page,
      demoId: run.demoId,
      createdAt: kept.createdAt,
      savedAt: Date.now(),
      label: run.label,
      group: run.group,
      overrides: run.overrides,
      spec: run.spec,
      seed: run.spec.seed ?? 0,
      phase,
      ended: run.ended.value,
      progress: run.progress.value,
      stats: run.stats.value,
      params: run.params.value,
      // Copies: a resumed run goes on appending to its arrays while this waits its turn to be stored.
      points: [...run.points],
      steps: [...run.steps],
      evals: [...run.evals],
      gradients: [...run.gradients],
      changes: [...run.changes],
      instruments: run.instruments.value,
      weights,
    };
  }
}

let keeper: RunKeeper | null = null;

/** The page's keeper, once its store exists (pageStore starts it); null in tests that build their own store. */
export function pageKeeper(): RunKeeper | null {
  return keeper;
}

/** Keeps `store`'s runs in this browser's IndexedDB under the page's path, and puts back those of earlier visits. */
export function keepPageRuns(store: RunStore, archive: RunArchive): RunKeeper {
  keeper = new RunKeeper(store, archive);
  void keeper.restore();
  return keeper;
}
