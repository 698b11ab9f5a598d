/** Training (and held-out) accuracy over iterations, earlier runs faded. */
import { LossFigure } from '../LossFigure';
import type { ViewDef } from '../types';

export const view: ViewDef<{ title?: string }> = {
  name: 'accuracy',
  Component: ({ ctx, options }) => <LossFigure ctx={ctx} metric="accuracy" title={options.title ?? 'Accuracy'} />,
};
