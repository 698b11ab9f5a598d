/** The demo's charts, chosen by its config: cost, accuracy, gradient norms, dead-unit meter. */
import { deadUnitsMeter, deadUnitsText, gradientNormChart, gradientTable, lossChart, lossTable } from '../charts';
import { ChartFigure } from './ChartFigure';
import type { DemoState } from './state';

/** Binary entropy H(p) = −p ln p − (1−p) ln(1−p): the cost of predicting the prior for every example. */
export function binaryEntropy(p: number): number {
  if (p <= 0 || p >= 1) return 0;
  return -p * Math.log(p) - (1 - p) * Math.log(1 - p);
}

export function Views({ state }: { state: DemoState }) {
  const { config } = state;
  const runs = state.runs.value;
  const stats = state.stats.value;
  const unit = 'iterations' in state.spec.value.training.duration ? 'iteration' : 'step';
  const prior = config.priorEntropyLine && stats?.trainPositives !== undefined ? stats.trainPositives / stats.train : null;
  const reference = prior !== null ? { value: binaryEntropy(prior), label: `H(p) = ${binaryEntropy(prior).toFixed(4)}, p = ${stats!.trainPositives}/${stats!.train}` } : undefined;
  const grads = state.gradients.value;
  // Exact: tracked on the device at every step (1-based), not only at recorded ones.
  const zeroAt = state.firstZeroGradStep.value;
  const hidden = state.instruments.value?.layers.find((l) => l.activation === 'relu');
  const file = (what: string) => `${config.id}-${what}`;
  const noRuns = runs.every((r) => r.points.length === 0);
  const waiting = (what: string) => (noRuns ? `The ${what} appears here once you train.` : undefined);

  return (
    <div class="lc-views">
      {config.views.includes('cost') && (
        <ChartFigure
          title="Cost"
          filename={file('cost')}
          table={lossTable(runs, 'cost')}
          emptyText={waiting('cost curve')}
          build={(document, width) => lossChart(runs, { document, width, metric: 'cost', xLabel: unit, referenceLine: reference })}
        />
      )}
      {config.views.includes('accuracy') && (
        <ChartFigure
          title="Accuracy"
          filename={file('accuracy')}
          table={lossTable(runs, 'accuracy')}
          emptyText={waiting('accuracy curve')}
          build={(document, width) => lossChart(runs, { document, width, metric: 'accuracy', xLabel: unit })}
        />
      )}
      {config.views.includes('gradients') && (
        <ChartFigure
          title="Gradient norms ‖∂J/∂θ‖"
          filename={file('gradients')}
          table={gradientTable(grads)}
          emptyText={grads.length ? undefined : 'The gradient norm of each parameter appears here once you train.'}
          caption={
            zeroAt !== null
              ? `‖dW1‖ is exactly 0 from iteration ${zeroAt - 1} on, counting from 0 as the course’s for-loop does (step ${zeroAt} counting from 1): assert np.linalg.norm(dW1) > 0 would fire there.`
              : grads.length
                ? '‖dW1‖ has not reached zero: the first layer is still learning.'
                : undefined
          }
          build={(document, width) =>
            gradientNormChart(grads, { document, width, xLabel: unit, firstZero: zeroAt !== null ? { step: zeroAt, label: `‖dW1‖ = 0 from ${unit} ${zeroAt}` } : undefined })
          }
        />
      )}
      {config.views.includes('dead') && (
        <div class="lc-dead" aria-label="Dead hidden units">
          <h4 class="lc-figure__title">Dead ReLU units</h4>
          {hidden ? (
            <>
              <p class="lc-dead__text" data-testid="dead-units">
                {deadUnitsText(hidden)}
              </p>
              <div
                class="lc-dead__meter"
                aria-hidden="true"
                ref={(el) => {
                  if (el) el.replaceChildren(deadUnitsMeter(hidden, { document }));
                }}
              />
            </>
          ) : (
            <p class="lc-dead__text">Train to see which of the hidden units stay alive.</p>
          )}
        </div>
      )}
    </div>
  );
}
