/** The one seed behind the subset, the initial weights and the shuffling. */
import { numberFieldControl } from '../numberField';

const DEFAULT_SEED = 1;

export const control = numberFieldControl({
  name: 'seed',
  order: 60,
  key: 'seed',
  label: 'Seed',
  noun: 'seed',
  short: 'seed',
  path: 'seed',
  inputMode: 'numeric',
  rule: { whole: true, min: 0, max: 2 ** 32 - 1 },
  // The schema's default, so that "no seed" and "seed 1" are the same setting.
  read: (spec) => spec.seed ?? DEFAULT_SEED,
});
