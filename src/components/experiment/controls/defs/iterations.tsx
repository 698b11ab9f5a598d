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
  rule: { whole: true, min: 1, max: 1_000_000 },
  excludes: ['epochs'],
  apply: (spec, value) => setPath(spec, 'training.duration', { iterations: value }),
});
