/**
 * ‖∂J/∂θ‖ per parameter over iterations (symlog), with the first step at which the first layer's weight
 * gradient was exactly zero — tracked by the engine at every step — marked and named in the caption.
 */
import { gradientTable } from '../../../charts/tables';
import { ChartFigure } from '../../ChartFigure';
import { lastStep } from '../../store/run';
import type { ViewDef } from '../types';

interface GradientOptions {
  title?: string;
  /** Caption once the first layer's gradient is exactly zero; {iteration} is 0-based, {step} 1-based. */
  zeroCaption?: string;
  /** Caption while it is not. */
  aliveCaption?: string;
  /** Label of the marker on the chart; {unit} and {step} are filled in. */
  zeroMarker?: string;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

export const view: ViewDef<GradientOptions> = {
  name: 'gradients',
  needs: () => ({ instruments: true }),
  Component: ({ ctx, options }) => {
    const run = ctx.current;
    void run?.version.value;
    const grads = run?.gradients ?? [];
    const zeroAt = lastStep(run)?.firstZeroGradStep ?? null;
    const caption =
      zeroAt !== null
        ? fill(options.zeroCaption ?? 'The first layer’s weight gradient is exactly 0 from {unit} {step} on.', {
            iteration: zeroAt - 1,
            step: zeroAt,
            unit: ctx.unit,
          })
        : grads.length
          ? (options.aliveCaption ?? 'The first layer’s weight gradient has not reached zero.')
          : undefined;
    const marker =
      zeroAt !== null
        ? {
            step: zeroAt,
            label: fill(options.zeroMarker ?? 'first-layer gradient = 0 from {unit} {step}', { unit: ctx.unit, step: zeroAt }),
          }
        : undefined;
    return (
      <ChartFigure
        title={options.title ?? 'Gradient norms ‖∂J/∂θ‖'}
        filename={ctx.file('gradients')}
        table={() => gradientTable(grads)}
        emptyText={grads.length ? undefined : 'The gradient norm of each parameter appears here once you train.'}
        caption={caption}
        build={(plots, document, width) => plots.gradientNormChart(grads, { document, width, xLabel: ctx.unit, firstZero: marker })}
      />
    );
  },
};
