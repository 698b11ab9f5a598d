/** Training length in passes over the training set. */
import { numberFieldControl, setPath } from '../numberField';

export const control = numberFieldControl({
  name: 'epochs',
  order: 40,
  key: 'ep',
  label: 'Epochs',
  noun: 'epochs',
  short: 'epochs',
  path: 'training.duration.epochs',
  inputMode: 'numeric',
  rule: { whole: true, min: 1, max: 10_000 },
  apply: (spec, value) => setPath(spec, 'training.duration', { epochs: value }),
});
