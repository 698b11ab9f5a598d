/**
 * Exercises checked against the reader's own runs (issue 25 §2). An exercise names a demo, what the run must be
 * (conditions on its spec: a value, a range, or equal to the demo's own network) and what it must show (a claim on
 * one of its curves, as predictions use: predict/outcome.ts). The check names what the reader's run showed, not just
 * ✓ or ✗. Pure: exercises are data (they reach the island as JSON), runs are read, nothing is stored.
 */
import { specValue } from '../predict/compare';
import { describeOutcome, holds, inRange, outcomeOf, shown, type Claim, type Range, type RunLike } from '../predict/outcome';

export interface SpecCondition {
  /** Dotted path in the run's spec, e.g. 'optimizer.learningRate', 'training.duration.iterations', 'model'. */
  path: string;
  /** How a reader calls it: "the learning rate". */
  label: string;
  /** A range the value must fall in, or a value it must equal (deep equality: the network as the demo has it). */
  range?: Range;
  equals?: unknown;
  /** The range in the reader's words, when the bounds are not: "between 0.5 and 1", "at least 2,500". */
  want?: string;
}

export interface ExerciseConfig {
  id: string;
  /** The runs of this demo count. */
  demo: string;
  /** The task, as the reader reads it. */
  prompt: string;
  /** What the run must be. */
  spec?: SpecCondition[];
  /** What it must show: a claim on one metric ('train cost', 'validation cost', 'validation accuracy'…). */
  shows: { metric: string; noun: string; claim: Claim };
}

/** Where one run stands. */
export interface RunCheck {
  /** The run meets the exercise. */
  done: boolean;
  /** It trained the run the exercise asks for (every spec condition met). */
  eligible: boolean;
  /** One sentence on what the run showed. */
  sentence: string;
}

/** The parts of a store Run a check reads. */
export interface CheckedRun extends RunLike {
  label: string;
  spec: unknown;
  phase: { value: string };
}

/** Deep equality of plain data (spec pieces). */
export function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const rangeText = (r: Range) =>
  r.above !== undefined && r.below !== undefined
    ? `between ${shown(r.above)} and ${shown(r.below)}`
    : r.above !== undefined
      ? `above ${shown(r.above)}`
      : `below ${shown(r.below!)}`;

/** The first spec condition the run misses, in words, or null when it meets them all. */
export function specMiss(ex: ExerciseConfig, spec: unknown): string | null {
  for (const c of ex.spec ?? []) {
    const v = specValue(spec, c.path);
    if (c.equals !== undefined && !same(v, c.equals)) {
      const plain = (x: unknown) => typeof x === 'number' || typeof x === 'string';
      return plain(c.equals) && (plain(v) || v === undefined)
        ? `its ${c.label} was ${v === undefined ? 'not set' : typeof v === 'number' ? shown(v) : String(v)}, not ${typeof c.equals === 'number' ? shown(c.equals) : String(c.equals)}`
        : `it changed the ${c.label}, which this exercise keeps as the demo has it`;
    }
    if (c.range && !(typeof v === 'number' && inRange(v, c.range)))
      return `its ${c.label} was ${typeof v === 'number' ? shown(v) : String(v)}, not ${c.want ?? rangeText(c.range)}`;
  }
  return null;
}

export function checkRun(ex: ExerciseConfig, run: CheckedRun, unit: string): RunCheck {
  const name = `Your run “${run.label}”`;
  const miss = specMiss(ex, run.spec);
  if (miss) return { done: false, eligible: false, sentence: `${name} does not count: ${miss}.` };
  if (run.phase.value !== 'ended') return { done: false, eligible: true, sentence: `${name} is still training.` };
  const o = outcomeOf(run, ex.shows.metric);
  const held = holds(ex.shows.claim, o, unit === 'iteration' ? 'step' : 'epoch');
  const what = `${ex.shows.noun} ${describeOutcome(o, unit, ex.shows.claim)}`;
  if (held) return { done: true, eligible: true, sentence: `Done. ${name}: ${what}.` };
  return { done: false, eligible: true, sentence: `Not yet. ${name}: ${what}.` };
}

/** The exercise against every run of its demo, newest first; `done` if any run meets it. */
export function checkRuns(ex: ExerciseConfig, runs: readonly (CheckedRun & { demoId: string })[], unit: (run: CheckedRun) => string) {
  const mine = runs.filter((r) => r.demoId === ex.demo).reverse();
  const checks = mine.map((r) => checkRun(ex, r, unit(r)));
  return { done: checks.some((c) => c.done), checks };
}
