/** Loss and accuracy side by side on one x-axis: training and validation together, earlier runs faded. */
import { LossFigure, priorEntropyLine, type LossFigureOptions } from '../LossFigure';
import type { ViewDef } from '../types';

interface CurvesOptions extends LossFigureOptions {
  lossTitle?: string;
  accuracyTitle?: string;
  reference?: 'priorEntropy';
}

export const view: ViewDef<CurvesOptions> = {
  name: 'curves',
  Component: ({ ctx, options }) => (
    <div class="lc-pair" role="group" aria-label="Loss and accuracy">
      {/* Its title says "Loss": so do its legend, table and empty text, unless the demo names the cost otherwise. */}
      <LossFigure
        ctx={ctx}
        metric="cost"
        title={options.lossTitle ?? 'Loss'}
        reference={options.reference === 'priorEntropy' ? priorEntropyLine(ctx) : undefined}
        options={{ costName: 'loss', ...options }}
      />
      <LossFigure ctx={ctx} metric="accuracy" title={options.accuracyTitle ?? 'Accuracy'} options={options} />
    </div>
  ),
};
