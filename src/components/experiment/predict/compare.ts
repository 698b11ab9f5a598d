/**
 * The sentence that sets a reader's prediction beside their run, computed from the run: an option they chose, or a
 * curve they drew (values at evenly spaced fractions of the run). Pure.
 */
import { describeOutcome, holds, shown, type Claim, type Outcome } from './outcome';

export interface PredictOption {
  id: string;
  /** Completes "You expected <noun> to …": "fall below 0.1", "stay near 0.64", "blow up". */
  label: string;
  claim: Claim;
}

export interface PredictConfig {
  /** Asked before the first run, e.g. "At learning rate 1, what will the cost do?" */
  question: string;
  /** The metric the prediction is about, as the charts name it: 'train cost', 'validation cost', 'validation accuracy'. */
  metric: string;
  /** The metric in a sentence: "the cost". */
  noun: string;
  options: PredictOption[];
  /** Let the reader draw the curve: the y range of the drawing (x is the run, start to end). */
  draw?: { y: [number, number]; points?: number };
  /**
   * The run the prediction is about, when it is not the demo as it starts: a spec path and its value, e.g.
   * { path: 'optimizer.learningRate', value: 1 }, and what to tell a reader whose run differs ("Set the learning rate to 1").
   */
  when?: { path: string; value: unknown; hint: string };
}

/** The value at a dotted path of a spec ('optimizer.learningRate'), or undefined where there is none. */
export function specValue(spec: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), spec);
}

/** Whether a run's spec is the one the prediction is about. */
export function runMatches(config: Pick<PredictConfig, 'when'>, spec: unknown): boolean {
  return !config.when || specValue(spec, config.when.path) === config.when.value;
}

/** What the reader committed: an option, or a drawn curve (y values at evenly spaced fractions of the run). */
export type Prediction = { option: string } | { curve: number[] };

export interface Verdict {
  /** True or false when the run decides it; null while it has not. */
  held: boolean | null;
  sentence: string;
}

/** The run's value at `fraction` (0–1) of its recorded steps, linearly between recorded points. */
export function valueAt(values: Outcome['values'], fraction: number): number | null {
  if (values.length === 0) return null;
  const first = values[0].step;
  const last = values[values.length - 1].step;
  const x = first + fraction * (last - first);
  let i = values.findIndex((p) => p.step >= x);
  if (i < 0) i = values.length - 1;
  if (i === 0 || values[i].step === x) return values[i].value;
  const a = values[i - 1];
  const b = values[i];
  return a.value + ((x - a.step) / (b.step - a.step)) * (b.value - a.value);
}

const steps = new Intl.NumberFormat('en');

export function compare(config: PredictConfig, prediction: Prediction, o: Outcome, unit: string, epochs = false): Verdict {
  const it = describeOutcome(o, unit);
  if ('option' in prediction) {
    const option = config.options.find((x) => x.id === prediction.option);
    if (!option) return { held: null, sentence: `Your prediction is no longer one of the options; ${config.noun} ${it}.` };
    const held = holds(option.claim, o, epochs ? 'epoch' : 'step');
    const shows = describeOutcome(o, unit, option.claim);
    const verdict =
      held === null ? 'The run has not shown it yet.' : held ? 'Your prediction held.' : 'Not what you expected: look again at why.';
    return { held, sentence: `You expected ${config.noun} to ${option.label}; it ${shows}. ${verdict}` };
  }
  const curve = prediction.curve;
  if (o.values.length === 0 || curve.length === 0) return { held: null, sentence: `You drew ${config.noun}; the run has no points yet.` };
  const [lo, hi] = config.draw?.y ?? [0, 1];
  const tolerance = (hi - lo) / 10;
  let worst = { diff: -1, at: 0, drawn: 0, actual: 0 };
  let near = 0;
  curve.forEach((drawn, k) => {
    const f = curve.length === 1 ? 1 : k / (curve.length - 1);
    const actual = valueAt(o.values, f)!;
    const diff = Math.abs(drawn - actual);
    if (diff <= tolerance) near += 1;
    if (diff > worst.diff) worst = { diff, at: f, drawn, actual };
  });
  const first = o.values[0].step;
  const last = o.values[o.values.length - 1].step;
  const atStep = Math.round(first + worst.at * (last - first));
  const held = near === curve.length;
  const miss = held
    ? ''
    : ` The biggest miss: you drew ${shown(worst.drawn)} at ${unit} ${steps.format(atStep)}, where the run was at ${shown(worst.actual)}.`;
  return {
    held,
    sentence: `Your curve was within ${shown(tolerance)} of ${config.noun} at ${near} of ${curve.length} points; it ${it}.${miss}`,
  };
}
