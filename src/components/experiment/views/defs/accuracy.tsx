/** Training (and held-out) accuracy over iterations, earlier runs faded. */
import { LossFigure, type LossFigureOptions } from '../LossFigure';
import type { ViewDef } from '../types';

export const view: ViewDef<{ title?: string } & LossFigureOptions> = {
  name: 'accuracy',
  Component: ({ ctx, options }) => <LossFigure ctx={ctx} metric="accuracy" title={options.title ?? 'Accuracy'} options={options} />,
};
