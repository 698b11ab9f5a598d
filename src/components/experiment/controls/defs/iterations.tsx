/** Training length in gradient steps (the course's "iterations"). */
import { numberFieldControl, setPath } from '../numberField';

export const control = numberFieldControl({
  name: 'iterations',
  order: 30,
  key: 'it',
  label: 'Iterations',
  noun: 'iterations',
  short: 'iterations',
  path: 'training.duration.iterations',
  inputMode: 'numeric',
  excludes: ['epochs'],
  apply: (spec, value) => setPath(spec, 'training.duration', { iterations: value }),
});
