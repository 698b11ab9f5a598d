/** Training (and held-out) cost over iterations, earlier runs faded; optionally the prior's entropy H(p). */
import { LossFigure, priorEntropyLine, type LossFigureOptions } from '../LossFigure';
import type { ViewDef } from '../types';

interface CostOptions extends LossFigureOptions {
  title?: string;
  /** 'priorEntropy': a dashed line at H(p) of the labels the run actually trained on (binary tasks). */
  reference?: 'priorEntropy';
}

export const view: ViewDef<CostOptions> = {
  name: 'cost',
  Component: ({ ctx, options }) => (
    <LossFigure
      ctx={ctx}
      metric="cost"
      title={options.title ?? 'Cost'}
      reference={options.reference === 'priorEntropy' ? priorEntropyLine(ctx) : undefined}
      options={options}
    />
  ),
};
