/**
 * Live settings changed during a run (the learning rate, dropout, L2 or augmentation, moved while it trains): what the run store keeps of
 * each, and the words the charts and the status line use for it ("lr → 1 at iteration 500").
 */
import { controlNamed } from './controls/registry';

/** One change of a live control, as the engine reported it. */
export interface LiveChange {
  /** The control's name in the registry, e.g. 'learningRate'. */
  control: string;
  /** Its new value: a number for most controls, an object for augmentation (the control's own format words it). */
  value: unknown;
  /** Steps completed when it took effect: steps after this one use the new value. */
  step: number;
  /** Epochs completed then (fractional). */
  epoch: number;
}

/** The value as the control shows it (its own format), e.g. 1 → "1", 0.00750001 → "0.0075". */
function shown(change: LiveChange): string {
  const def = controlNamed(change.control);
  return def?.format ? def.format(change.value) : String(change.value);
}

/**
 * A change in a few words, for a chart's marker and the status line: "lr → 1 at iteration 500" (`unit` is the
 * x-axis unit, 'iteration' or 'step'); "lr → 1 at epoch 3" when the axis counts epochs.
 */
export function changeLabel(change: LiveChange, unit = 'step', x: 'step' | 'epoch' = 'step'): string {
  const def = controlNamed(change.control);
  const name = def?.short || def?.noun || change.control;
  const at = x === 'epoch' ? `epoch ${Number(change.epoch.toFixed(2))}` : `${unit} ${change.step.toLocaleString('en')}`;
  return `${name} → ${shown(change)} at ${at}`;
}

/** The newest change of a run, or null: the status line names it. */
export function latestChange(changes: readonly LiveChange[]): LiveChange | null {
  return changes[changes.length - 1] ?? null;
}
