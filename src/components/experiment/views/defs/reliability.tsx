/**
 * Calibration: a reliability diagram of the latest evaluation (accuracy per confidence bin against the
 * diagonal) with its expected calibration error, and the ECE at every evaluation of every shown run.
 */
import { calibrationInputOf, expectedCalibrationError, reliabilityBins } from '../../../../metrics/calibration';
import { eceTable, reliabilityTable } from '../../../charts/calibrationTables';
import { ChartFigure } from '../../ChartFigure';
import { evaluationsWithProbabilities, type HeldOut } from '../probabilities/data';
import type { ViewDef, ViewProps } from '../types';

interface ReliabilityOptions {
  title?: string;
  eceTitle?: string;
  split?: HeldOut;
  bins?: number;
}

function Reliability({ ctx, options }: ViewProps<ReliabilityOptions>) {
  ctx.runs.forEach((r) => r.version.value);
  const bins = options.bins ?? 10;
  const { split, evals } = evaluationsWithProbabilities(ctx.current, options.split);
  const latest = evals[evals.length - 1];
  // The numbers come from the metrics module, not the lazily loaded charts: the caption shows on first paint.
  const input = latest
    ? calibrationInputOf({ probabilities: latest.set.probabilities!, labels: latest.set.labels!, outputs: latest.set.outputs })
    : null;
  const eceRuns = () =>
    ctx.runs.map((r) => ({
      id: r.id,
      label: r.label,
      current: r === ctx.current,
      points: evaluationsWithProbabilities(r, split).evals.map(({ record, set }) => ({
        epoch: record.epoch,
        ece: expectedCalibrationError(
          calibrationInputOf({ probabilities: set.probabilities!, labels: set.labels!, outputs: set.outputs }),
          bins,
        ),
      })),
    }));
  const empty = latest ? undefined : 'The reliability diagram appears here after the first evaluation.';
  return (
    <div class="lc-pair" role="group" aria-label="Calibration">
      <ChartFigure
        title={options.title ?? `Reliability (${split} set, latest evaluation)`}
        filename={ctx.file('reliability')}
        table={() => (input ? reliabilityTable(reliabilityBins(input, bins), input.kind) : { columns: [], rows: [] })}
        emptyText={empty}
        caption={input ? `Expected calibration error: ${expectedCalibrationError(input, bins).toFixed(3)}` : undefined}
        build={(p, document, width) => p.reliabilityChart(input!, { document, width, bins })}
      />
      <ChartFigure
        title={options.eceTitle ?? 'Expected calibration error per evaluation'}
        filename={ctx.file('ece')}
        table={() => eceTable(eceRuns())}
        emptyText={empty}
        build={(p, document, width) => p.eceChart(eceRuns(), { document, width })}
      />
    </div>
  );
}

export const view: ViewDef<ReliabilityOptions> = {
  name: 'reliability',
  needs: () => ({ probabilities: true }),
  Component: Reliability,
};
