/** Label smoothing: the training loss aims at y·(1 − ε) + ε/k instead of the 0/1 label (Keras' label_smoothing). */
import { numberFieldControl } from '../numberField';

export const control = numberFieldControl({
  name: 'labelSmoothing',
  order: 95,
  key: 'ls',
  label: 'Label smoothing',
  noun: 'label smoothing',
  short: 'smoothing',
  path: 'training.labelSmoothing',
  hint: '0 is off; try 0.1',
  rule: { min: 0, max: 1, maxExclusive: true },
  read: (spec) => (spec.training as { labelSmoothing?: number } | undefined)?.labelSmoothing ?? 0,
});
