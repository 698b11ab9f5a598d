/**
 * Runs kept between visits: what a finished or paused run leaves in the browser (its spec, settings, label,
 * curves, records, live changes, how it ended, and its weights), and the rules for keeping them — at most
 * `SITE_BUDGET` bytes for the whole book, the oldest runs going first, a storage error never breaking the page.
 * The storage itself sits behind `ArchiveBackend` (IndexedDB in the browser, `idb.ts`; a map in the tests,
 * `memory.ts`), so these rules are tested without a browser.
 */
import { signal } from '@preact/signals';
import type { EndReason, Progress } from '../../../engine/train/run';
import type { EvalRecord, StepRecord } from '../../../engine/train/trainer';
import type { InstrumentRecord } from '../../../engine/train/instruments';
import type { DataStats } from '../../../engine/worker/protocol';
import type { WeightsSnapshot } from '../../../engine/model/params';
import type { ExperimentSpecInput } from '../../../engine/spec/schema';
import type { SeriesPoint } from '../../charts/series';
import type { Overrides } from '../controls/types';
import type { LiveChange } from '../changes';
import type { GradientPoint } from './run';

/** The most the book keeps in one browser, all pages together. */
export const SITE_BUDGET = 50e6;

/** A run as kept between visits. */
export interface SavedRun {
  format: 1;
  /** Unique per kept run; the same run saved again (paused, then finished) keeps its key. */
  key: string;
  /** The page's path: runs are restored on the page that trained them. */
  page: string;
  demoId: string;
  /** When the run was first created on the page (its place among the page's runs). */
  createdAt: number;
  /** When it was last saved (the oldest go first when space runs out). */
  savedAt: number;
  label: string;
  group: string;
  overrides: Overrides;
  /** The spec it trains, with the live changes the engine took merged in. */
  spec: ExperimentSpecInput;
  seed: number;
  phase: 'paused' | 'ended';
  ended: { reason: EndReason; message: string } | null;
  progress: Progress | null;
  stats: DataStats | null;
  params: number | null;
  points: SeriesPoint[];
  steps: StepRecord[];
  evals: EvalRecord[];
  gradients: GradientPoint[];
  changes: LiveChange[];
  instruments: InstrumentRecord | null;
  /** The variables as they were when it was saved; null when the worker had freed them already. */
  weights: WeightsSnapshot | null;
  /** True when per-example arrays of all but the last evaluation were dropped to fit the budget. */
  slimmed?: boolean;
}

/** What the archive knows of a kept run without reading it. */
export interface SavedMeta {
  key: string;
  page: string;
  demoId: string;
  savedAt: number;
  bytes: number;
}

/** Where kept runs live. `put` rejects with a DOMException named 'QuotaExceededError' when the browser refuses. */
export interface ArchiveBackend {
  metas(): Promise<SavedMeta[]>;
  load(keys: string[]): Promise<SavedRun[]>;
  put(meta: SavedMeta, run: SavedRun): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

/**
 * 'loading' until the storage opened; 'ready'; 'unavailable' (no IndexedDB, or the browser blocks it: a private
 * window); 'full' (the browser refused to store a run even after the oldest went).
 */
export type ArchiveState = 'loading' | 'ready' | 'unavailable' | 'full';

export type SaveResult = 'saved' | 'too-large' | 'full' | 'unavailable';

/** Bytes a value takes, estimated the same way everywhere: typed arrays by their size, numbers 8, text 2 per character. */
export function sizeOf(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return 8;
  if (typeof value === 'boolean') return 4;
  if (typeof value === 'string') return 2 * value.length;
  if (ArrayBuffer.isView(value)) return value.byteLength;
  if (value instanceof ArrayBuffer) return value.byteLength;
  if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + sizeOf(v), 0);
  if (typeof value === 'object') {
    let sum = 0;
    for (const [k, v] of Object.entries(value)) sum += 2 * k.length + sizeOf(v);
    return sum;
  }
  return 0;
}

/** The run without the per-example arrays (probabilities, labels, losses) of every evaluation but the last. */
export function slim(run: SavedRun): SavedRun {
  const last = run.evals.length - 1;
  const bare = (m: EvalRecord['test']) => m && { ...m, probabilities: undefined, labels: undefined, losses: undefined };
  return {
    ...run,
    slimmed: true,
    evals: run.evals.map((e, i) => (i === last ? e : { ...e, train: bare(e.train), validation: bare(e.validation), test: bare(e.test) })),
  };
}

const isQuota = (err: unknown) =>
  err instanceof Error || (typeof DOMException !== 'undefined' && err instanceof DOMException)
    ? (err as Error).name === 'QuotaExceededError' || /quota/i.test((err as Error).message)
    : false;

export interface Usage {
  /** Bytes of this page's kept runs. */
  page: number;
  /** How many runs this page keeps. */
  runs: number;
  /** Bytes of every page's kept runs. */
  site: number;
}

export class RunArchive {
  readonly state = signal<ArchiveState>('loading');
  readonly usage = signal<Usage>({ page: 0, runs: 0, site: 0 });
  /** Why the last save failed, in the reader's words ('' while none has). */
  readonly problem = signal('');
  private readonly backend: Promise<ArchiveBackend | null>;
  /** Saves and deletions one after another, so the budget is counted on what is really stored. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    backend: ArchiveBackend | null | Promise<ArchiveBackend | null>,
    readonly page: string,
    readonly budget = SITE_BUDGET,
  ) {
    this.backend = Promise.resolve(backend).catch(() => null);
    void this.backend.then(async (b) => {
      if (!b) this.state.value = 'unavailable';
      else {
        this.state.value = 'ready';
        await this.refresh(b).catch(() => undefined);
      }
    });
  }

  private serial<T>(work: (b: ArchiveBackend) => Promise<T>, otherwise: T): Promise<T> {
    const next = this.queue.then(async () => {
      const b = await this.backend;
      return b ? work(b) : otherwise;
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async refresh(b: ArchiveBackend): Promise<SavedMeta[]> {
    const metas = await b.metas();
    const mine = metas.filter((m) => m.page === this.page);
    this.usage.value = { page: mine.reduce((s, m) => s + m.bytes, 0), runs: mine.length, site: metas.reduce((s, m) => s + m.bytes, 0) };
    return metas;
  }

  /** This page's kept runs, oldest first; none when the storage cannot be read. */
  restore(): Promise<SavedRun[]> {
    return this.serial(async (b) => {
      const metas = await this.refresh(b);
      const keys = metas.filter((m) => m.page === this.page).map((m) => m.key);
      const runs = keys.length ? await b.load(keys) : [];
      return runs.filter((r) => r && r.format === 1).sort((a, c) => a.createdAt - c.createdAt);
    }, []).catch(() => [] as SavedRun[]);
  }

  /**
   * Keeps `run` (replacing an earlier save of it). Makes room first, the oldest runs of any page going first; a
   * run over the whole budget keeps only its last evaluation's per-example arrays, and is not kept if still too
   * large. A browser that refuses (its quota) costs the oldest runs too, then gives up and says so: nothing throws.
   */
  save(run: SavedRun): Promise<SaveResult> {
    return this.serial(async (b): Promise<SaveResult> => {
      let kept = run;
      let bytes = sizeOf(kept);
      if (bytes > this.budget) {
        kept = slim(run);
        bytes = sizeOf(kept);
      }
      if (bytes > this.budget) {
        this.problem.value = `A run (${mb(bytes)}) was too large to keep: the book keeps at most ${mb(this.budget)} of runs in this browser.`;
        return 'too-large';
      }
      const meta: SavedMeta = { key: kept.key, page: kept.page, demoId: kept.demoId, savedAt: kept.savedAt, bytes };
      const others = (await b.metas()).filter((m) => m.key !== kept.key).sort((a, c) => a.savedAt - c.savedAt);
      let total = others.reduce((s, m) => s + m.bytes, 0);
      const evict: string[] = [];
      while (total + bytes > this.budget && others.length) {
        const oldest = others.shift()!;
        evict.push(oldest.key);
        total -= oldest.bytes;
      }
      if (evict.length) await b.remove(evict);
      for (;;) {
        try {
          await b.put(meta, kept);
          break;
        } catch (err) {
          if (!isQuota(err) || !others.length) {
            this.state.value = 'full';
            this.problem.value = isQuota(err)
              ? 'This browser’s storage for the site is full: your latest run was not kept. The page works as before.'
              : `This browser would not keep your latest run (${err instanceof Error ? err.message : String(err)}). The page works as before.`;
            await this.refresh(b).catch(() => undefined);
            return 'full';
          }
          await b.remove([others.shift()!.key]);
        }
      }
      if (this.state.value === 'full') this.state.value = 'ready';
      this.problem.value = '';
      await this.refresh(b);
      return 'saved';
    }, 'unavailable' as SaveResult).catch(() => 'full' as SaveResult);
  }

  /** Deletes kept runs: the ones named, or every run of this page. */
  forget(keys?: string[]): Promise<void> {
    return this.serial(async (b) => {
      const gone = keys ?? (await b.metas()).filter((m) => m.page === this.page).map((m) => m.key);
      if (gone.length) await b.remove(gone);
      if (this.state.value === 'full') this.state.value = 'ready';
      await this.refresh(b);
    }, undefined).catch(() => undefined);
  }

  /** Resolves once every save and deletion asked for so far has settled. */
  settled(): Promise<void> {
    return this.queue.then(() => undefined);
  }
}

/** "3.2 MB" (one decimal; "0.1 MB" at least for anything kept). */
export function mb(bytes: number): string {
  return `${Math.max(bytes > 0 ? 0.1 : 0, bytes / 1e6).toFixed(1)} MB`;
}
