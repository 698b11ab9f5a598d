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
  apply: (spec, value) => setPath(spec, 'training.duration', { epochs: value }),
});
