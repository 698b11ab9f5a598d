/**
 * Each hidden ReLU unit's largest pre-activation z over the batch, per recorded step, for the current run: one line
 * per unit, a rule at 0. A line that crosses 0 and stays below is a unit that died: off for every example, so its
 * gradient is exactly zero. The caption counts the dead units at the last record; its words come from the config.
 */
import { deadSince, preActivationTable, unitCount } from '../../../charts/preActivations';
import { ChartFigure } from '../../ChartFigure';
import type { ViewDef } from '../types';

interface PreActivationOptions {
  title?: string;
  /** Caption while some units are dead and some alive; {dead}, {units}, {unit} and {step} (the last record) are filled in. */
  caption?: string;
  /** Caption while no unit is dead; {units}, {unit} and {step}. */
  noneDeadCaption?: string;
  /** Caption once every unit is dead; {units}, {unit}, and {since}: the record from which the last one stayed ≤ 0. */
  allDeadCaption?: string;
  /** Text beside the rule at z = 0. */
  zeroLabel?: string;
  yLabel?: string;
  emptyText?: string;
}

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));

export const view: ViewDef<PreActivationOptions> = {
  name: 'preActivations',
  needs: () => ({ instruments: true }),
  Component: ({ ctx, options }) => {
    const run = ctx.current;
    void run?.version.value;
    const records = run?.steps ?? [];
    const units = unitCount(records);
    const since = deadSince(records);
    const dead = since.filter((s) => s !== null).length;
    const last = records.at(-1)?.step;
    const caption =
      units === 0 || last === undefined
        ? undefined
        : dead === units
          ? fill(options.allDeadCaption ?? 'Every unit’s largest z is at or below 0 from {unit} {since} on: all {units} are dead.', {
              units,
              unit: ctx.unit,
              since: Math.max(...since.map((s) => s ?? 0)),
            })
          : dead === 0
            ? fill(options.noneDeadCaption ?? 'Every unit’s largest z is above 0 at {unit} {step}: none of the {units} is dead.', {
                units,
                unit: ctx.unit,
                step: last,
              })
            : fill(options.caption ?? '{dead} of {units} units have their largest z at or below 0 at {unit} {step}.', {
                dead,
                units,
                unit: ctx.unit,
                step: last,
              });
    return (
      <ChartFigure
        title={options.title ?? 'Largest pre-activation z of each hidden unit'}
        filename={ctx.file('pre-activations')}
        table={() => preActivationTable(records, ctx.unit)}
        emptyText={units ? undefined : (options.emptyText ?? 'Each hidden unit’s largest z over the batch appears here once you train.')}
        caption={caption}
        build={(plots, document, width) =>
          plots.preActivationChart(records, { document, width, xLabel: ctx.unit, yLabel: options.yLabel, zeroLabel: options.zeroLabel })
        }
      />
    );
  },
};
