/**
 * What a run showed, in the terms a prediction or an exercise asks about, and whether a claim about it held. Pure:
 * no DOM, no signals, no Plot. A claim is data (demo configs pass through MDX to islands as JSON, so no functions):
 *   { final: { below: 0.1 } }   the last value of the metric
 *   { lowest: { above: 0.5 } }  its lowest value
 *   { lowestAt: { above: 5 } }  the epoch (or step, for runs counted in iterations) of its lowest value
 *   { diverges: true }          the run stopped because the numbers overflowed
 *   { deadUnits: { below: 7 } } dead units of the first hidden layer at the last recorded step
 *   { rise: { below: 0.25 } }   how far the last value is above the lowest (0 when the run ended at its lowest)
 *   { parameters: { above: 3000 } } the network's parameter count, as the engine reported it for the run
 * Ranges are open: below means <, above means >.
 */
import type { SeriesPoint } from '../../charts/series';

export interface Range {
  below?: number;
  above?: number;
}

export type Claim =
  | { final: Range }
  | { lowest: Range }
  | { lowestAt: Range }
  | { diverges: true }
  | { deadUnits: Range }
  | { rise: Range }
  | { parameters: Range };

/** The parts of a run an outcome reads (a store Run has them all). */
export interface RunLike {
  points: readonly SeriesPoint[];
  ended: { value: { reason: string } | null };
  instruments: { value: { layers: { deadUnits?: number; units: number }[] } | null };
  /** The network's parameter count, once the engine has built it. */
  params?: { value: number | null };
}

export interface Outcome {
  metric: string;
  /** Points of the metric, in step order. */
  values: { step: number; epoch: number; value: number }[];
  first: number | null;
  last: number | null;
  lastStep: number | null;
  lowest: number | null;
  lowestStep: number | null;
  lowestEpoch: number | null;
  /** The first recorded step from which every value is within `FLAT` of the last one (null: never flat, or too short). */
  flatFrom: number | null;
  diverged: boolean;
  /** Dead and total units of the first hidden layer at the last recorded step (null without instruments). */
  dead: { dead: number; units: number } | null;
  parameters: number | null;
}

/** How close to the last value counts as "stayed there": a thousandth, relative to the value (at least 1e-6). */
const FLAT = 1e-3;

export function inRange(v: number, r: Range): boolean {
  return (r.below === undefined || v < r.below) && (r.above === undefined || v > r.above);
}

export function outcomeOf(run: RunLike, metric: string): Outcome {
  const values = run.points
    .filter((p) => p.metric === metric && Number.isFinite(p.value))
    .map(({ step, epoch, value }) => ({ step, epoch, value }));
  values.sort((a, b) => a.step - b.step);
  const last = values.at(-1) ?? null;
  let low: (typeof values)[number] | null = null;
  for (const p of values) if (!low || p.value < low.value) low = p;
  let flatFrom: number | null = null;
  if (last && values.length >= 3) {
    const tol = Math.max(1e-6, Math.abs(last.value) * FLAT);
    let i = values.length - 1;
    while (i > 0 && Math.abs(values[i - 1].value - last.value) <= tol) i--;
    // Flat only when it stayed there for a while: at least the last quarter of the recorded points.
    if (i <= values.length - 1 - Math.max(2, Math.floor(values.length / 4))) flatFrom = values[i].step;
  }
  const layer = run.instruments.value?.layers[0];
  return {
    metric,
    values,
    first: values[0]?.value ?? null,
    last: last?.value ?? null,
    lastStep: last?.step ?? null,
    lowest: low?.value ?? null,
    lowestStep: low?.step ?? null,
    lowestEpoch: low?.epoch ?? null,
    flatFrom,
    diverged: run.ended.value?.reason === 'diverged',
    dead: layer && layer.deadUnits !== undefined ? { dead: layer.deadUnits, units: layer.units } : null,
    parameters: run.params?.value ?? null,
  };
}

/** Whether `claim` holds for `o`; null when the run has not shown it (no points yet, no instruments). */
export function holds(claim: Claim, o: Outcome, unit: 'epoch' | 'step' = 'epoch'): boolean | null {
  if ('diverges' in claim) return o.diverged;
  if ('deadUnits' in claim) return o.dead ? inRange(o.dead.dead, claim.deadUnits) : null;
  if ('parameters' in claim) return o.parameters === null ? null : inRange(o.parameters, claim.parameters);
  if (o.diverged && !('final' in claim && claim.final.above !== undefined)) return false;
  if ('final' in claim) return o.last === null ? null : inRange(o.last, claim.final);
  if ('lowest' in claim) return o.lowest === null ? null : inRange(o.lowest, claim.lowest);
  if ('rise' in claim) return o.last === null || o.lowest === null ? null : inRange(o.last - o.lowest, claim.rise);
  const at = unit === 'epoch' ? o.lowestEpoch : o.lowestStep;
  return at === null ? null : inRange(at, claim.lowestAt);
}

const nf = new Intl.NumberFormat('en', { maximumSignificantDigits: 3 });
const steps = new Intl.NumberFormat('en');
/** A metric value as the sentences print it: three significant digits ("0.644", "0.000482", "12.3"). */
export const shown = (v: number) => (Math.abs(v) >= 1000 ? steps.format(Math.round(v)) : nf.format(v));

/**
 * What the run showed, in one clause after "it": "ended at 0.644, flat from iteration 45 on",
 * "fell to 0.0452 at iteration 2,500", "stopped: the numbers overflowed at iteration 12", "lowest 0.29 at epoch 4, then
 * rose to 0.41".
 */
export function describeOutcome(o: Outcome, unit: string, claim?: Claim): string {
  if (claim && 'lowestAt' in claim && o.lowest !== null && !o.diverged) {
    const epochs = unit !== 'iteration';
    return `was lowest, ${shown(o.lowest)}, at ${epochs ? 'epoch' : unit} ${steps.format((epochs ? o.lowestEpoch : o.lowestStep) ?? 0)}`;
  }
  if (claim && 'rise' in claim && o.lowest !== null && o.last !== null && !o.diverged)
    return `ended at ${shown(o.last)}, ${shown(o.last - o.lowest)} above its lowest (${shown(o.lowest)})`;
  if (claim && 'parameters' in claim)
    return o.parameters === null ? 'has not been built yet' : `has ${steps.format(o.parameters)} parameters`;
  if (claim && 'deadUnits' in claim)
    return o.dead ? `ended with ${o.dead.dead} of ${o.dead.units} hidden units dead` : 'has not measured its dead units yet';
  if (o.diverged)
    return `overflowed: training stopped at ${unit} ${steps.format(o.lastStep ?? 0)}${o.last !== null ? ` after reaching ${shown(o.last)}` : ''}`;
  if (o.last === null || o.lastStep === null) return 'has no points yet';
  const parts = [`ended at ${shown(o.last)}`];
  if (o.flatFrom !== null && o.flatFrom < o.lastStep) parts.push(`flat from ${unit} ${steps.format(o.flatFrom)} on`);
  else if (o.lowest !== null && o.lowestStep !== null && o.lowestStep < o.lastStep && o.lowest < o.last * (1 - FLAT))
    parts.push(`after its lowest, ${shown(o.lowest)} at ${unit} ${steps.format(o.lowestStep)}`);
  return parts.join(', ');
}
