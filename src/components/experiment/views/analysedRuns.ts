/**
 * What the analysis views (shift test, linear probes) look at: the demo's own shown runs plus the newest run of
 * each demo named in their `demos` option, and a per-run cache of the answers the worker gave, so a run keeps
 * its results after the worker has freed it (a new Train releases the previous run).
 */
import type { Run } from '../store/run';
import type { ViewContext } from './types';

/** The runs to analyse, oldest first: the newest run of each listed demo, then this demo's shown runs. */
export function analysedRuns(ctx: ViewContext, demos: readonly string[] = []): Run[] {
  const all = ctx.store.runs.value;
  const others = demos
    .filter((id) => id !== ctx.demoId)
    .map((id) => all.filter((r) => r.demoId === id).at(-1))
    .filter((r): r is Run => !!r);
  return [...others, ...ctx.runs];
}

/** A run's name where runs of several demos meet: "with pools · as set up" (just the label for one demo). */
export function runName(run: Run, runs: readonly Run[]): string {
  return new Set(runs.map((r) => r.group)).size > 1 ? `${run.group} · ${run.label}` : run.label;
}

/** Whether the worker can still answer for the run with its trained weights: finished (not released) after at least one evaluation. */
export function canAnalyse(run: Run): boolean {
  const reason = run.ended.value?.reason;
  return (
    !!run.handle &&
    run.phase.value === 'ended' &&
    run.evals.length > 0 &&
    (reason === 'completed' || reason === 'early-stopped' || reason === 'stopped')
  );
}

/** One answer (or its failure) per run and key. */
export type Answer<T> = { status: 'pending' } | { status: 'done'; value: T } | { status: 'failed'; message: string };

/**
 * A cache of worker answers per run id and request key. `request` starts the request for a run that can be
 * analysed (once per key) and calls `onChange` when it starts and when it settles.
 */
export class AnswerCache<T> {
  private readonly answers = new Map<string, Map<string, Answer<T>>>();

  get(run: Run, key: string): Answer<T> | undefined {
    return this.answers.get(run.id)?.get(key);
  }

  request(run: Run, key: string, ask: (run: Run) => Promise<T>, onChange: () => void): Answer<T> | undefined {
    const known = this.get(run, key);
    if (known || !canAnalyse(run)) return known;
    const forRun = this.answers.get(run.id) ?? new Map<string, Answer<T>>();
    this.answers.set(run.id, forRun);
    forRun.set(key, { status: 'pending' });
    ask(run)
      .then(
        (value) => forRun.set(key, { status: 'done', value }),
        (err: unknown) => forRun.set(key, { status: 'failed', message: err instanceof Error ? err.message : String(err) }),
      )
      .finally(onChange);
    // Say so at once: the view shows that a test is under way.
    queueMicrotask(onChange);
    return forRun.get(key);
  }
}
