/** L2 weight decay: adds l2·Σw² over every kernel to the training loss (Keras' kernel_regularizer L2). */
import { numberFieldControl } from '../numberField';

export const control = numberFieldControl({
  name: 'l2',
  order: 90,
  key: 'l2',
  label: 'L2 weight decay',
  noun: 'L2 weight decay',
  short: 'L2',
  path: 'model.l2',
  hint: '0 is off; try 0.001',
  rule: { min: 0 },
  // The training step reads it afresh each time: a change reaches a run in progress at its next step.
  live: true,
  read: (spec) => (spec.model as { l2?: number } | undefined)?.l2 ?? 0,
});
