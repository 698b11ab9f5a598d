/** The confusion matrix of the latest evaluation: true class by row, predicted class by column. */
import { labelNamesOf } from '../../../../engine/spec/labels';
import { ChartFigure, usePlots } from '../../ChartFigure';
import { evaluationsWithProbabilities, predictedLabels, type HeldOut } from '../probabilities/data';
import type { ViewDef, ViewProps } from '../types';

interface ConfusionOptions {
  title?: string;
  split?: HeldOut;
  /** Shade each cell by count (default) or by its share of the true class's row. */
  shade?: 'count' | 'row';
}

function Confusion({ ctx, options }: ViewProps<ConfusionOptions>) {
  const plots = usePlots();
  void ctx.current?.version.value;
  const { split, evals } = evaluationsWithProbabilities(ctx.current, options.split);
  const latest = evals[evals.length - 1];
  const spec = ctx.current?.spec ?? ctx.spec;
  const names = labelNamesOf({ task: { kind: 'multiclass' }, ...spec.data } as Parameters<typeof labelNamesOf>[0]);
  const counts = plots && latest ? plots.confusionCounts(latest.set.labels!, predictedLabels(latest.set), names.length) : null;
  return (
    <ChartFigure
      title={options.title ?? `Confusion matrix (${split} set, latest evaluation)`}
      filename={ctx.file('confusion')}
      table={() => (plots && counts ? plots.confusionTable(counts, names) : { columns: [], rows: [] })}
      emptyText={latest ? undefined : 'The confusion matrix appears here after the first evaluation.'}
      build={(p, document, width) =>
        p.confusionMatrixChart(p.confusionCounts(latest.set.labels!, predictedLabels(latest.set), names.length), {
          document,
          width,
          classNames: names,
          shade: options.shade,
        })
      }
    />
  );
}

export const view: ViewDef<ConfusionOptions> = {
  name: 'confusion',
  needs: () => ({ probabilities: true }),
  Component: Confusion,
};
