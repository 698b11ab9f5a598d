/**
 * Where the held-out loss comes from, per evaluation, from the reader's run: each example's loss −ln p(true
 * class) (from the logits), summed over the confident mistakes (wrong with p below a threshold, 0.1 by default) and
 * over every other example, each divided by the number of examples, so the two parts add up to the loss. A bar
 * per evaluation, a table, and a caption with the latest evaluation and the one with the lowest loss filled in.
 */
import { lossShare, lowestLoss } from '../../../../metrics/lossShare';
import { lossShareCaption, lossShareTable, type LossShareNames } from '../../../charts/lossShares';
import { ChartFigure } from '../../ChartFigure';
import { evaluationsWithProbabilities, exampleLosses, type HeldOut } from '../probabilities/data';
import type { ViewDef, ViewProps } from '../types';

interface LossShareOptions {
  title?: string;
  split?: HeldOut;
  /** p(true class) below which a mistake counts as confident (default 0.1). */
  threshold?: number;
  /** Names of the two parts (legend, table, tips). */
  names?: Partial<LossShareNames>;
  /**
   * Under the chart. Placeholders of the latest evaluation: {epoch}, {n}, {loss}, {confident}, {confidentLoss},
   * {rest}, {restLoss}, {share}, {threshold}; of the evaluation with the lowest loss: {bestEpoch}, {bestLoss},
   * {bestConfident}, {bestConfidentLoss}, {bestRest}, {bestRestLoss}, {bestShare}.
   */
  caption?: string;
  /** y-axis label (default 'loss'). */
  yLabel?: string;
}

// Worded so that any count reads right: no verb agrees with a number.
const DEFAULT_CAPTION =
  'Epoch {epoch}: loss {loss}, of which {confidentLoss} ({share}) from the mistakes with p(true class) below {threshold} ({confident} of {n} examples) and {restLoss} from the other {rest}. Lowest loss, at epoch {bestEpoch}: {bestLoss}, of which {bestConfidentLoss} ({bestShare}) from {bestConfident} such mistakes.';

function LossShareView({ ctx, options }: ViewProps<LossShareOptions>) {
  const run = ctx.current;
  void run?.version.value;
  const threshold = Number.isFinite(options.threshold) && options.threshold! > 0 && options.threshold! <= 1 ? options.threshold! : 0.1;
  const names: LossShareNames = {
    confident: options.names?.confident ?? `confident mistakes (p < ${threshold})`,
    rest: options.names?.rest ?? 'every other example',
  };
  const { split, evals } = evaluationsWithProbabilities(run, options.split);
  const shares = evals.map(({ record, set }) => lossShare(record.epoch, exampleLosses(set), threshold)).filter((s) => s.n > 0);
  const latest = shares[shares.length - 1];
  const best = lowestLoss(shares);
  const caption = latest && best ? lossShareCaption(options.caption ?? DEFAULT_CAPTION, latest, best, threshold) : undefined;
  return (
    <div class="lc-loss-share">
      <ChartFigure
        title={options.title ?? `Where the ${split} loss comes from, per evaluation`}
        filename={ctx.file('loss-share')}
        table={() => lossShareTable(shares, names)}
        emptyText={latest ? undefined : `The ${split} loss, split by where it comes from, appears here after the first evaluation.`}
        caption={caption}
        build={(p, document, width) => p.lossShareChart(shares, names, { document, width, yLabel: options.yLabel ?? `${split} loss` })}
      />
    </div>
  );
}

export const view: ViewDef<LossShareOptions> = {
  name: 'lossShare',
  needs: () => ({ probabilities: true }),
  Component: LossShareView,
};
