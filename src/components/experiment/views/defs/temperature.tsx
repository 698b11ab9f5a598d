/**
 * Temperature scaling, computed live: at a chosen evaluation, one number T is fitted on the validation
 * examples' probabilities (minimising their cross-entropy) and applied to the test examples, whose reliability
 * diagram, loss, calibration error and accuracy are shown before and after. Accuracy never changes: dividing
 * every logit by the same T > 0 keeps the arg-max. Without a test set it is measured on validation (in-sample).
 */
import { useState } from 'preact/hooks';
import { ChartFigure } from '../../ChartFigure';
import { evaluationsWithProbabilities } from '../probabilities/data';
import { calibrationInputOf, expectedCalibrationError } from '../../../../metrics/calibration';
import { accuracyOf, fitTemperature, meanNll, scaled } from '../../../../metrics/temperature';
import type { SetMetrics } from '../../../../engine/train/evaluate';
import type { ViewDef, ViewProps } from '../types';
import '../temperature.css';
import { TableView } from '../../TableView';
import { EvaluationScrubber } from '../EvaluationScrubber';

interface TemperatureOptions {
  beforeTitle?: string;
  afterTitle?: string;
  /** Under the charts; {T}, {fit}, {measure}, {nFit}, {nMeasure} are filled in. */
  caption?: string;
  bins?: number;
}

const DEFAULT_CAPTION = 'T = {T}, fitted on the {nFit} {fit} examples, applied to the {nMeasure} {measure} examples.';

const fmt = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : '');
const pct = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)} %` : '');

function Temperature({ ctx, options }: ViewProps<TemperatureOptions>) {
  const run = ctx.current;
  void run?.version.value;
  const [chosen, setChosen] = useState<number | null>(null);
  const fits = evaluationsWithProbabilities(run, 'validation').evals;
  const measured = evaluationsWithProbabilities(run, 'test').evals;
  const inSample = measured.length === 0;
  const pairs = fits
    .map(({ record, set }) => ({
      record,
      fit: set,
      measure: (inSample ? set : measured.find((m) => m.record === record)?.set) as SetMetrics | undefined,
    }))
    .filter((p) => p.measure);
  const at = chosen !== null && chosen < pairs.length ? chosen : pairs.length - 1;
  const pair = pairs[at];
  const bins = options.bins ?? 10;
  const epochText = pair ? `epoch ${Number(pair.record.epoch.toFixed(2))}` : '';
  const empty = pair
    ? undefined
    : 'Temperature scaling needs the validation examples’ probabilities: it appears here after the first evaluation.';

  let t = NaN;
  let after: Float64Array | null = null;
  if (pair) {
    t = fitTemperature({ probabilities: pair.fit.probabilities!, labels: pair.fit.labels!, outputs: pair.fit.outputs });
    after = scaled({ probabilities: pair.measure!.probabilities!, labels: pair.measure!.labels!, outputs: pair.measure!.outputs }, t);
  }
  const m = pair?.measure;
  // Every number here comes from the metrics module, not the lazily loaded charts: the table shows on first paint.
  const inputBefore = m ? calibrationInputOf({ probabilities: m.probabilities!, labels: m.labels!, outputs: m.outputs }) : null;
  const inputAfter = m && after ? calibrationInputOf({ probabilities: after, labels: m.labels!, outputs: m.outputs }) : null;
  const measure = inSample ? 'validation (the same ones: an optimistic, in-sample check)' : 'test';
  const caption = pair
    ? (options.caption ?? DEFAULT_CAPTION)
        .replaceAll('{T}', t.toFixed(2))
        .replaceAll('{fit}', 'validation')
        .replaceAll('{measure}', measure)
        .replaceAll('{nFit}', String(pair.fit.n))
        .replaceAll('{nMeasure}', String(m!.n))
    : undefined;
  const table =
    m && after && inputBefore && inputAfter
      ? {
          columns: [`${inSample ? 'validation' : 'test'} set`, 'as trained', 'after ÷ T'],
          rows: [
            ['loss (cross-entropy)', fmt(meanNll(m.probabilities!, m.labels!, m.outputs)), fmt(meanNll(after, m.labels!, m.outputs))],
            [
              'expected calibration error',
              fmt(expectedCalibrationError(inputBefore, bins)),
              fmt(expectedCalibrationError(inputAfter, bins)),
            ],
            ['accuracy', pct(accuracyOf(m.probabilities!, m.labels!, m.outputs)), pct(accuracyOf(after, m.labels!, m.outputs))],
          ],
        }
      : { columns: [], rows: [] };
  return (
    <div class="lc-temperature">
      <EvaluationScrubber count={pairs.length} at={at} text={epochText} onChoose={setChosen} />
      {empty && <p class="lc-figure__empty">{empty}</p>}
      {!empty && (
        <div class="lc-pair" role="group" aria-label="Temperature scaling">
          <ChartFigure
            title={options.beforeTitle ?? 'Reliability as trained'}
            filename={ctx.file('reliability-before')}
            table={table}
            build={(p, document, width) => p.reliabilityChart(inputBefore!, { document, width, bins })}
          />
          <ChartFigure
            title={options.afterTitle ?? 'Reliability after temperature scaling'}
            filename={ctx.file('reliability-after')}
            table={table}
            caption={caption}
            build={(p, document, width) => p.reliabilityChart(inputAfter!, { document, width, bins })}
          />
        </div>
      )}
      {table.rows.length > 0 && (
        <div class="lc-figure__table lc-temperature__table" data-temperature={t.toFixed(4)}>
          <TableView table={table} caption="Temperature scaling: before and after" captionClass="sr-only" />
        </div>
      )}
    </div>
  );
}

export const view: ViewDef<TemperatureOptions> = {
  name: 'temperature',
  needs: () => ({ probabilities: true }),
  Component: Temperature,
};
