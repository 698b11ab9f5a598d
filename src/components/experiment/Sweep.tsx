/**
 * A learning-rate sweep island: trains the same spec at each rate in turn (runs in the page's run store),
 * overlays the cost curves and plots final cost against learning rate (log axis).
 */
import { useEffect, useMemo } from 'preact/hooks';
import { computed, signal } from '@preact/signals';
import { lossTable, sweepTable } from '../charts/tables';
import { ChartFigure } from './ChartFigure';
import { BackendBadge } from './StatusLine';
import { pageStore } from './store/runStore';
import { lastStep, seriesOf, type Run } from './store/run';
import { binaryEntropy } from './views/LossFigure';
import type { SweepConfig } from './types';
import './experiment.css';

function createSweep(config: SweepConfig) {
  const store = pageStore();
  const runs = computed(() => store.runs.value.filter((r) => r.demoId === config.id));
  const status = signal('Ready. Press Run sweep to train at each learning rate in turn.');
  const running = signal(false);
  let active: Run | null = null;
  let cancelled = false;

  return {
    store,
    runs,
    status,
    running,
    async run() {
      cancelled = false;
      running.value = true;
      store.clear((r) => r.demoId === config.id);
      for (const [i, lr] of config.learningRates.entries()) {
        if (cancelled) break;
        const spec = { ...config.spec, optimizer: { type: 'sgd' as const, ...config.spec.optimizer, learningRate: lr } };
        active = store.create(config.id, spec, { label: `lr ${lr}`, overrides: { learningRate: lr } });
        const stopProgress = active.progress.subscribe((p) => {
          if (p) status.value = `Learning rate ${lr} (${i + 1} of ${config.learningRates.length}): iteration ${p.step} of ${p.total}`;
        });
        store.start(active);
        const done = await store.whenEnded(active);
        stopProgress();
        if (done.ended.value?.reason === 'error') status.value = done.ended.value.message;
        store.release(done);
      }
      active = null;
      running.value = false;
      status.value = cancelled ? 'Sweep stopped.' : `Sweep finished: ${runs.value.length} learning rates.`;
    },
    stop() {
      cancelled = true;
      if (active) store.stop(active);
    },
    dispose() {
      cancelled = true;
      if (active) store.release(active);
    },
  };
}

export default function Sweep({ config }: { config: SweepConfig }) {
  const s = useMemo(() => createSweep(config), [config.id]);
  useEffect(() => () => s.dispose(), [s]);
  const runs = s.runs.value;
  runs.forEach((r) => r.version.value);
  // While the sweep runs, its newest run is drawn strong; a finished sweep compares equals.
  const series = runs.map((r, i) => seriesOf(r, !s.running.value || i === runs.length - 1));
  const points = runs
    .filter((r) => r.phase.value === 'ended')
    .map((r) => ({ learningRate: r.overrides.learningRate as number, finalCost: lastStep(r)?.loss ?? Number.NaN, diverged: r.ended.value?.reason === 'diverged' }));
  const stats = runs[0]?.stats.value;
  const h = config.reference === 'priorEntropy' && stats?.trainPositives !== undefined ? binaryEntropy(stats.trainPositives / stats.train) : null;
  const reference = h !== null ? { value: h, label: `H(p) = ${h.toFixed(4)}` } : undefined;
  return (
    <section class="lc-experiment not-content" aria-label={config.title} data-demo={config.id}>
      <h3 class="lc-experiment__title">{config.title}</h3>
      <div class="lc-buttons">
        <button type="button" class="lc-button lc-button--primary" disabled={s.running.value} onClick={() => void s.run()}>
          Run sweep
        </button>
        <button type="button" class="lc-button" disabled={!s.running.value} onClick={() => s.stop()}>
          Stop
        </button>
      </div>
      <div class="lc-status">
        <p role="status" aria-live="polite" class="lc-status__text">
          {s.status.value}
        </p>
        <BackendBadge info={s.store.backend.value} />
      </div>
      <div class="lc-views">
        <ChartFigure
          title="Cost at each learning rate"
          filename={`${config.id}-cost`}
          table={() => lossTable(series, 'cost')}
          emptyText={runs.length ? undefined : 'Each learning rate’s cost curve appears here as the sweep runs.'}
          build={(plots, document, width) => plots.lossChart(series, { document, width, metric: 'cost', xLabel: 'iteration', referenceLine: reference, colorBy: 'run' })}
        />
        <ChartFigure
          title="Final cost against learning rate"
          filename={`${config.id}-final`}
          table={() => sweepTable(points)}
          emptyText={points.length ? undefined : 'One point per learning rate appears here as each run finishes.'}
          build={(plots, document, width) => plots.sweepChart(points, { document, width, referenceLine: reference })}
        />
      </div>
    </section>
  );
}
