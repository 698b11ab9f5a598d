/** Where the run is, on what hardware, how fast — announced politely to screen readers. */
import type { BackendInfo } from '../../engine/backend';
import type { DemoState } from './state';
import { lastStep, type Run } from './store/run';

const nf = new Intl.NumberFormat('en');

export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${s.toFixed(1)} s`;
  return `${Math.floor(s / 60)} min ${Math.round(s % 60)} s`;
}

function formatBytes(b: number): string {
  return `${(b / 1e6).toFixed(1)} MB`;
}

export function BackendBadge({ info }: { info: BackendInfo | null }) {
  if (!info) return null;
  const label = info.name === 'webgpu' ? 'WebGPU' : info.name === 'webgl' ? 'WebGL' : 'CPU';
  return (
    <span class={`lc-badge lc-badge--${info.name}`} title={`${info.reason}. Adapter: ${info.adapter}`}>
      {label}
      {info.fallbackAdapter && <span class="lc-badge__note"> · software fallback</span>}
    </span>
  );
}

/** The status sentence for a run (or for no run yet). */
export function statusText(run: Run | null, unit: string): string {
  const phase = run?.phase.value ?? 'idle';
  const p = run?.progress.value ?? null;
  const d = run?.dataProgress.value ?? null;
  if (!run || phase === 'idle') return 'Ready. Press Train to start.';
  if (phase === 'loading')
    return d && d.fraction < 1 ? `Downloading data: ${formatBytes(d.loadedBytes)} of ${formatBytes(d.totalBytes)} (${Math.round(d.fraction * 100)}%)` : 'Preparing the data and the model…';
  if (!p) return phase === 'paused' ? 'Paused.' : phase === 'ended' ? 'Stopped before the first step.' : 'Starting…';
  const where = `${unit} ${nf.format(p.step)} of ${nf.format(p.total)}`;
  const speed = `${nf.format(Math.round(p.samplesPerSecond))} samples/s`;
  const time = phase === 'running' ? `${formatDuration(p.elapsedMs)} elapsed, ~${formatDuration(p.remainingMs)} left` : `${formatDuration(p.elapsedMs)} of training`;
  const reason = run.ended.value?.reason;
  const finished = reason === 'completed' || reason === 'early-stopped';
  const prefix = phase === 'paused' ? 'Paused at ' : phase === 'ended' ? (finished ? 'Done: ' : 'Stopped at ') : '';
  // Seven decimals, so a reader can set the final cost beside a number printed by their own course code.
  const loss = lastStep(run)?.loss;
  const cost = loss !== undefined && Number.isFinite(loss) ? ` · cost ${loss.toFixed(7)}` : '';
  return `${prefix}${where}${cost} · ${speed} · ${time}`;
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
  return statusText(run, unit);
}

export function StatusLine({ state }: { state: DemoState }) {
  const run = state.current.value;
  run?.version.value;
  const unit = 'iterations' in state.spec.value.training.duration ? 'Iteration' : 'Step';
  const notice = run?.notice.value ?? '';
  return (
    <div class="lc-status">
      {/* Updated every step, so not a live region itself: the line below announces each phase once. */}
      <p role="status" aria-live="off" class="lc-status__text" data-phase={run?.phase.value ?? 'idle'}>
        {statusText(run, unit)}
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
