/** Where the run is, on what hardware, how fast — announced politely to screen readers. */
import type { DemoState } from './state';

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

export function BackendBadge({ state }: { state: DemoState }) {
  const info = state.backend.value;
  if (!info) return null;
  const label = info.name === 'webgpu' ? 'WebGPU' : info.name === 'webgl' ? 'WebGL' : 'CPU';
  return (
    <span class={`lc-badge lc-badge--${info.name}`} title={`${info.reason}. Adapter: ${info.adapter}`}>
      {label}
      {info.fallbackAdapter && <span class="lc-badge__note"> · software fallback</span>}
    </span>
  );
}

export function StatusLine({ state }: { state: DemoState }) {
  const phase = state.phase.value;
  const p = state.progress.value;
  const d = state.dataProgress.value;
  const unit = 'iterations' in state.spec.value.training.duration ? 'Iteration' : 'Step';
  let text: string;
  if (phase === 'idle') text = 'Ready. Press Train to start.';
  else if (phase === 'loading')
    text = d && d.fraction < 1 ? `Downloading data: ${formatBytes(d.loadedBytes)} of ${formatBytes(d.totalBytes)} (${Math.round(d.fraction * 100)}%)` : 'Preparing the data and the model…';
  else if (!p) text = phase === 'paused' ? 'Paused.' : 'Starting…';
  else {
    const where = `${unit} ${nf.format(p.step)} of ${nf.format(p.total)}`;
    const speed = `${nf.format(Math.round(p.samplesPerSecond))} samples/s`;
    const time = phase === 'running' ? `${formatDuration(p.elapsedMs)} elapsed, ~${formatDuration(p.remainingMs)} left` : `${formatDuration(p.elapsedMs)} of training`;
    const prefix = phase === 'paused' ? 'Paused at ' : phase === 'ended' ? 'Done: ' : '';
    // Seven decimals, so a reader can set the final cost beside a number printed by their own course code.
    const loss = state.lastLoss.value;
    const cost = loss !== null && Number.isFinite(loss) ? ` · cost ${loss.toFixed(7)}` : '';
    text = `${prefix}${where}${cost} · ${speed} · ${time}`;
  }
  return (
    <div class="lc-status">
      <p role="status" aria-live="polite" class="lc-status__text" data-phase={phase}>
        {text}
      </p>
      <BackendBadge state={state} />
      {state.notice.value && (
        <p class="lc-status__notice" role="alert">
          {state.notice.value}
        </p>
      )}
    </div>
  );
}
