/** Where the run is, on what hardware, how fast — announced politely to screen readers. */
import { useEffect, useState } from 'preact/hooks';
import type { DemoState } from './state';
import { BackendBadge } from './BackendBadge';
import { changeLabel, latestChange } from './changes';
import { lastStep, type Run } from './store/run';
import { formatDuration, formatEstimate, liveTimes } from './time';

const nf = new Intl.NumberFormat('en');

function formatBytes(b: number): string {
  return `${(b / 1e6).toFixed(1)} MB`;
}

/** What the status line says besides the run: whether the island is live, and what stops Train. */
export interface StatusContext {
  /** False while the island is still loading (the server-rendered page). */
  live?: boolean;
  /** Why Train is unavailable: a field the reader can fix ('field'), or a problem shown below the controls. */
  blocked?: 'field' | 'settings' | null;
  /** Page time (ms), for the clock between progress reports; default performance.now(). */
  now?: number;
}

const FIX = { field: 'Fix the highlighted field', settings: 'Fix the settings named below the controls' } as const;

/** The status sentence for a run (or for no run yet). */
export function statusText(run: Run | null, unit: string, context: StatusContext = {}): string {
  const phase = run?.phase.value ?? 'idle';
  if (context.live === false) return 'Loading…';
  const blocked = context.blocked ?? null;
  if (!run || phase === 'idle') return blocked ? `${FIX[blocked]} to train.` : 'Ready. Press Train to start.';
  const text = runText(run, unit, context.now ?? performance.now());
  // A run the reader can no longer repeat as set: say what brings Train back.
  return blocked && (phase === 'paused' || phase === 'ended') ? `${text} · ${FIX[blocked]} to train again.` : text;
}

function runText(run: Run, unit: string, now: number): string {
  const phase = run.phase.value;
  const p = run.progress.value;
  const d = run.dataProgress.value;
  if (phase === 'loading')
    return d && d.fraction < 1
      ? `Downloading data: ${formatBytes(d.loadedBytes)} of ${formatBytes(d.totalBytes)} (${Math.round(d.fraction * 100)}%)`
      : 'Preparing the data and the model…';
  const running = phase === 'running';
  if (!p) {
    if (running)
      return run.clock.runningSince === null
        ? 'Training…'
        : `Training… · ${formatDuration(liveTimes(run.clock, 0, true, now).elapsedMs)} elapsed`;
    return phase === 'paused' ? 'Paused.' : 'Stopped before the first step.';
  }
  const where = position(run, unit, p);
  const speed = `${nf.format(Math.round(p.samplesPerSecond))} samples/s`;
  const times = liveTimes(run.clock, p.total, running, now);
  const time = running
    ? `${formatDuration(times.elapsedMs)} elapsed${times.remainingMs === null ? '' : `, ~${formatEstimate(times.remainingMs)} left`}`
    : `${formatDuration(p.elapsedMs)} of training`;
  const reason = run.ended.value?.reason;
  const finished = reason === 'completed' || reason === 'early-stopped';
  const prefix = phase === 'paused' ? 'Paused at ' : phase === 'ended' ? (finished ? 'Done: ' : 'Stopped at ') : '';
  // Seven decimals, so a reader can set the final cost beside a number printed by their own course code.
  const loss = lastStep(run)?.loss;
  const cost = loss !== undefined && Number.isFinite(loss) ? ` · cost ${loss.toFixed(7)}` : '';
  // A live setting changed mid-run (the learning rate) explains a jump in the curve: the newest change is named.
  const change = latestChange(run.changes);
  const changed = change ? ` · ${changeLabel(change, unit.toLowerCase())}` : '';
  return `${prefix}${where}${cost}${changed} · ${speed} · ${time}`;
}

/**
 * Where the run is, in the units its duration is set in: "Iteration 500 of 2,500", or, for a run of epochs,
 * "Epoch 3 of 30 · step 460" (the epoch under way; an epoch's last step still counts to it).
 */
function position(run: Run, unit: string, p: { step: number; total: number; epoch: number }): string {
  const d = run.spec.training?.duration;
  if (d && 'epochs' in d && Number.isFinite(d.epochs)) {
    const epoch = Math.min(d.epochs, Math.max(1, Math.ceil(p.epoch)));
    return `Epoch ${nf.format(epoch)} of ${nf.format(d.epochs)} · step ${nf.format(p.step)}`;
  }
  return `${unit} ${nf.format(p.step)} of ${nf.format(p.total)}`;
}

/**
 * What a screen reader hears: one sentence per phase (started, paused, done, stopped), not every step. It changes
 * only when the phase does; the visible line above it follows every step.
 */
export function announcement(run: Run | null, unit: string): string {
  const phase = run?.phase.value ?? 'idle';
  if (phase === 'loading') return 'Preparing the data and the model…';
  if (phase === 'running') return 'Training…';
  if (phase === 'idle' || !run) return '';
  return runText(run, unit, performance.now());
}

/** Page time, renewed every second while `on`: the elapsed time moves even while a step is slow. */
function useTicking(on: boolean): number {
  const [now, setNow] = useState(0);
  useEffect(() => {
    if (!on) return;
    const id = setInterval(() => setNow(performance.now()), 1000);
    return () => clearInterval(id);
  }, [on]);
  return on ? Math.max(now, performance.now()) : now;
}

export function StatusLine({ state, live }: { state: DemoState; live: boolean }) {
  const run = state.current.value;
  void run?.version.value;
  const unit = 'iterations' in state.spec.value.training.duration ? 'Iteration' : 'Step';
  const notice = run?.notice.value ?? '';
  const phase = run?.phase.value ?? 'idle';
  const now = useTicking(phase === 'running');
  const blocked = state.invalid.value ? ('' in state.issues.value ? 'settings' : 'field') : null;
  return (
    <div class="lc-status">
      {/* Updated every step, so not a live region itself: the line below announces each phase once. */}
      <p role="status" aria-live="off" class="lc-status__text" data-phase={phase}>
        {statusText(run, unit, { live, blocked, now })}
      </p>
      <p aria-live="polite" class="sr-only lc-status__announce">
        {announcement(run, unit)}
      </p>
      <BackendBadge info={state.store.backend.value} />
      {state.store.engineLost.value && run?.phase.value === 'ended' && (
        <button type="button" class="lc-button" onClick={() => void state.train()}>
          Restart
        </button>
      )}
      {notice && (
        <p class="lc-status__notice" role="alert">
          {notice}
        </p>
      )}
    </div>
  );
}
