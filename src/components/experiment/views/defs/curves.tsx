/** Loss and accuracy side by side on one x-axis: training and validation together, earlier runs faded. */
import { LossFigure, priorEntropyLine } from '../LossFigure';
import type { ViewDef } from '../types';

interface CurvesOptions {
  lossTitle?: string;
  accuracyTitle?: string;
  reference?: 'priorEntropy';
}

export const view: ViewDef<CurvesOptions> = {
  name: 'curves',
  Component: ({ ctx, options }) => (
    <div class="lc-pair" role="group" aria-label="Loss and accuracy">
      <LossFigure ctx={ctx} metric="cost" title={options.lossTitle ?? 'Loss'} reference={options.reference === 'priorEntropy' ? priorEntropyLine(ctx) : undefined} />
      <LossFigure ctx={ctx} metric="accuracy" title={options.accuracyTitle ?? 'Accuracy'} />
    </div>
  ),
};
