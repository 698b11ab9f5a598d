/**
 * Calibration: a reliability diagram of the latest evaluation (accuracy per confidence bin against the
 * diagonal) with its expected calibration error, and the ECE at every evaluation of every shown run.
 */
import { ChartFigure, usePlots, type Plots } from '../../ChartFigure';
import { evaluationsWithProbabilities, probabilityRows, type HeldOut } from '../probabilities/data';
import type { ViewDef, ViewProps } from '../types';

interface ReliabilityOptions {
  title?: string;
  eceTitle?: string;
  split?: HeldOut;
  bins?: number;
}

function Reliability({ ctx, options }: ViewProps<ReliabilityOptions>) {
  const plots = usePlots();
  ctx.runs.forEach((r) => r.version.value);
  const bins = options.bins ?? 10;
  const { split, evals } = evaluationsWithProbabilities(ctx.current, options.split);
  const latest = evals[evals.length - 1];
  const input = plots && latest ? plots.calibrationInput(probabilityRows(latest.set), latest.set.labels!) : null;
  const eceRunsOf = (p: Plots) =>
    ctx.runs.map((r) => ({
      id: r.id,
      label: r.label,
      current: r === ctx.current,
      points: evaluationsWithProbabilities(r, split).evals.map(({ record, set }) => ({
        epoch: record.epoch,
        ece: p.expectedCalibrationError(p.calibrationInput(probabilityRows(set), set.labels!), bins),
      })),
    }));
  const empty = latest ? undefined : 'The reliability diagram appears here after the first evaluation.';
  return (
    <div class="lc-pair" role="group" aria-label="Calibration">
      <ChartFigure
        title={options.title ?? `Reliability (${split} set, latest evaluation)`}
        filename={ctx.file('reliability')}
        table={() => (plots && input ? plots.reliabilityTable(plots.reliabilityBins(input, bins), input.kind) : { columns: [], rows: [] })}
        emptyText={empty}
        caption={plots && input ? `Expected calibration error: ${plots.expectedCalibrationError(input, bins).toFixed(3)}` : undefined}
        build={(p, document, width) => p.reliabilityChart(p.calibrationInput(probabilityRows(latest.set), latest.set.labels!), { document, width, bins })}
      />
      <ChartFigure
        title={options.eceTitle ?? 'Expected calibration error per evaluation'}
        filename={ctx.file('ece')}
        table={() => (plots ? plots.eceTable(eceRunsOf(plots)) : { columns: [], rows: [] })}
        emptyText={empty}
        build={(p, document, width) => p.eceChart(eceRunsOf(p), { document, width })}
      />
    </div>
  );
}

export const view: ViewDef<ReliabilityOptions> = {
  name: 'reliability',
  needs: () => ({ probabilities: true }),
  Component: Reliability,
};
