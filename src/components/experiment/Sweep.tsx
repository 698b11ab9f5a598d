/**
 * A learning-rate sweep island: trains the same spec at each rate in turn in the shared worker,
 * overlays the cost curves and plots final cost against learning rate (log axis).
 */
import { useEffect, useMemo } from 'preact/hooks';
import { batch, signal } from '@preact/signals';
import type { RunHandle } from '../../engine/worker/client';
import type { FromWorker } from '../../engine/worker/protocol';
import { appendStep, lossChart, lossTable, sweepChart, sweepTable, type RunSeries } from '../charts';
import { ChartFigure } from './ChartFigure';
import { sharedClient } from './Experiment';
import { binaryEntropy } from './Views';
import { BackendBadge } from './StatusLine';
import type { SweepConfig } from './types';

interface SweepPoint {
  learningRate: number;
  finalCost: number;
  diverged?: boolean;
}

function createSweep(config: SweepConfig) {
  const runs = signal<RunSeries[]>([]);
  const points = signal<SweepPoint[]>([]);
  const status = signal('Ready. Press Run sweep to train at each learning rate in turn.');
  const running = signal(false);
  const prior = signal<number | null>(null);
  const backend = signal<ReturnType<typeof sharedClient>['backend']>(null);
  let handle: RunHandle | null = null;
  let cancelled = false;

  const runOne = (lr: number, index: number) =>
    new Promise<void>((resolve) => {
      const client = sharedClient();
      handle = client.createRun({ ...config.spec, optimizer: { type: 'sgd', ...config.spec.optimizer, learningRate: lr } }, config.id);
      const id = handle.id;
      runs.value = [...runs.value.map((r) => ({ ...r, current: false })), { id, label: `lr ${lr}`, current: true, points: [] }];
      let last = Number.NaN;
      handle.on((m: FromWorker) => {
        if (m.type === 'backend' || m.type === 'backend-changed') backend.value = m.info;
        if (m.type === 'ready' && m.stats.trainPositives !== undefined) prior.value = m.stats.trainPositives / m.stats.train;
        if (m.type === 'error' || m.type === 'invalid') {
          status.value = m.type === 'error' ? m.message : m.issues.map((i) => i.message).join('; ');
          resolve();
        }
        if (m.type === 'preempted') status.value = 'Paused: another experiment on this page started training.';
        if (m.type !== 'run-event') return;
        const e = m.event;
        if (e.type === 'step') {
          last = e.record.loss;
          runs.value = runs.value.map((r) => (r.id === id ? appendStep(r, e.record) : r));
        } else if (e.type === 'progress') {
          status.value = `Learning rate ${lr} (${index + 1} of ${config.learningRates.length}): iteration ${e.progress.step} of ${e.progress.total}`;
        } else if (e.type === 'ended') {
          points.value = [...points.value, { learningRate: lr, finalCost: last, diverged: e.reason === 'diverged' }];
          resolve();
        }
      });
      handle.start();
    });

  return {
    runs,
    points,
    status,
    running,
    prior,
    backend,
    async run() {
      cancelled = false;
      batch(() => {
        running.value = true;
        runs.value = [];
        points.value = [];
      });
      for (const [i, lr] of config.learningRates.entries()) {
        if (cancelled) break;
        await runOne(lr, i);
        handle?.dispose();
        handle = null;
      }
      batch(() => {
        // A finished sweep compares equals: no run is "the current one" any more.
        runs.value = runs.value.map((r) => ({ ...r, current: true }));
        running.value = false;
        status.value = cancelled ? 'Sweep stopped.' : `Sweep finished: ${points.value.length} learning rates.`;
      });
    },
    stop() {
      cancelled = true;
      handle?.stop();
    },
    dispose() {
      cancelled = true;
      handle?.dispose();
    },
  };
}

export default function Sweep({ config }: { config: SweepConfig }) {
  const s = useMemo(() => createSweep(config), [config.id]);
  useEffect(() => () => s.dispose(), [s]);
  const runs = s.runs.value;
  const p = s.prior.value;
  const reference = config.priorEntropyLine && p !== null ? { value: binaryEntropy(p), label: `H(p) = ${binaryEntropy(p).toFixed(4)}` } : undefined;
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
        <BackendBadge state={{ backend: s.backend } as never} />
      </div>
      <div class="lc-views">
        <ChartFigure
          title="Cost at each learning rate"
          filename={`${config.id}-cost`}
          table={lossTable(runs, 'cost')}
          emptyText={runs.length ? undefined : 'Each learning rate’s cost curve appears here as the sweep runs.'}
          build={(document, width) => lossChart(runs, { document, width, metric: 'cost', xLabel: 'iteration', referenceLine: reference, colorBy: 'run' })}
        />
        <ChartFigure
          title="Final cost against learning rate"
          filename={`${config.id}-final`}
          table={sweepTable(s.points.value)}
          emptyText={s.points.value.length ? undefined : 'One point per learning rate appears here as each run finishes.'}
          build={(document, width) => sweepChart(s.points.value, { document, width, referenceLine: reference })}
        />
      </div>
    </section>
  );
}
