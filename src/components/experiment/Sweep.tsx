/**
 * A sweep island: trains the same spec at each value of one control in turn (runs in the page's run store, each
 * labelled by the control's own wording, e.g. "lr 0.54", "batch 32") and overlays the cost curves; a learning-rate
 * sweep also plots final cost against learning rate (log axis). Its settings come from the URL hash like any
 * demo's (`#lr-sweep:it=300`), and it has the same Copy link / embed / Open alone bar.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { lossTable, sweepTable } from '../charts/tables';
import { formatCost } from '../charts/theme';
import { ChartFigure } from './ChartFigure';
import { ExportBar } from './ExportBar';
import { BackendBadge } from './BackendBadge';
import { lastStep, seriesOf } from './store/run';
import { settingsTitle } from './settingsTitle';
import { createSweep } from './sweepState';
import { binaryEntropy } from './views/LossFigure';
import type { SweepConfig } from './types';
import './kit.css';
import './experiment.css';

export default function Sweep({ config }: { config: SweepConfig }) {
  const s = useMemo(() => createSweep(config), [config.id]);
  useEffect(() => () => s.dispose(), [s]);
  // Settings from the URL hash after hydration, as an Experiment reads them (the server rendered the defaults).
  useEffect(() => s.readLink(location.hash), [s]);
  const runs = s.runs.value;
  const linkIssues = s.linkIssues.value;
  runs.forEach((r) => r.version.value);
  // While the sweep runs, its newest run is drawn strong; a finished sweep compares equals.
  const series = runs.map((r, i) => seriesOf(r, !s.running.value || i === runs.length - 1));
  const noun = s.control.noun;
  // Final cost against the swept value, for any numeric setting (a log axis when the values span a decade or more).
  const numeric = config.values.every((v) => typeof v === 'number' && Number.isFinite(v));
  const points = runs
    .filter((r) => r.phase.value === 'ended')
    .map((r) => ({
      value: r.overrides[s.control.name] as number,
      finalCost: lastStep(r)?.loss ?? Number.NaN,
      diverged: r.ended.value?.reason === 'diverged',
    }));
  const stats = runs[0]?.stats.value;
  const h =
    config.reference === 'priorEntropy' && stats?.trainPositives !== undefined ? binaryEntropy(stats.trainPositives / stats.train) : null;
  // Seven decimals, as the status line and the cost tables give costs: 0.6439737, not 0.6440.
  const reference = h !== null ? { value: h, label: `H(p) = ${formatCost(h)}` } : undefined;
  return (
    <section class="lc-experiment not-content" aria-label={config.title} data-demo={config.id}>
      <h3 class="lc-experiment__title">{settingsTitle(config.title, config.spec, s.spec.value)}</h3>
      <div class="lc-buttons">
        <button
          type="button"
          class="lc-button lc-button--primary"
          disabled={s.running.value || s.invalid.value}
          onClick={() => void s.run()}
        >
          Run sweep
        </button>
        <button type="button" class="lc-button" disabled={!s.running.value} onClick={() => s.stop()}>
          Stop
        </button>
      </div>
      {linkIssues.length > 0 && (
        <p class="lc-link-issues" role="note">
          This link’s settings could not all be read (
          {linkIssues
            .slice(0, 3)
            .map((m) => (m.length > 160 ? `${m.slice(0, 160)}…` : m))
            .join('; ')}
          {linkIssues.length > 3 ? `; and ${linkIssues.length - 3} more` : ''}); the sweep uses its own values for those.
        </p>
      )}
      <div class="lc-status">
        <p role="status" aria-live="polite" class="lc-status__text">
          {s.invalid.value && !s.running.value ? `This link’s settings cannot be trained: ${s.problem.value}.` : s.status.value}
        </p>
        <BackendBadge info={s.store.backend.value} />
      </div>
      <div class="lc-views">
        <ChartFigure
          title={`Cost at each ${noun}`}
          filename={`${config.id}-cost`}
          table={() => lossTable(series, 'cost')}
          emptyText={runs.length ? undefined : `Each ${noun}’s cost curve appears here as the sweep runs.`}
          build={(plots, document, width) =>
            plots.lossChart(series, { document, width, metric: 'cost', xLabel: 'iteration', referenceLine: reference, colorBy: 'run' })
          }
        />
        {numeric && (
          <ChartFigure
            title={`Final cost against ${noun}`}
            filename={`${config.id}-final`}
            table={() => sweepTable(points, noun)}
            emptyText={points.length ? undefined : `One point per ${noun} appears here as each run finishes.`}
            build={(plots, document, width) =>
              plots.sweepChart(points, { document, width, referenceLine: reference, values: config.values as number[], valueLabel: noun })
            }
          />
        )}
      </div>
      <ExportBar state={s} keras={false} />
    </section>
  );
}
