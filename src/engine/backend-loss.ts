/**
 * Noticing that the GPU behind the training backend is gone: a WebGPU device lost (driver reset, GPU switch,
 * `device.destroy()`), or a WebGL context lost (the browser reclaims it under memory pressure or after a GPU
 * crash). The host then moves every run to the next backend down: WebGPU → WebGL → CPU. No DOM here: a worker's
 * WebGL canvas is an OffscreenCanvas, which fires the same event.
 */
import * as tf from '@tensorflow/tfjs';
import { watchDeviceLoss, type BackendName } from './backend';

interface GlLike {
  isContextLost(): boolean;
  canvas?: { addEventListener?(type: string, listener: (e: { preventDefault?(): void }) => void): void };
}

/** Set when a watched backend is lost; cleared when the next one is watched. */
let lostFlag = false;
/** Waiting for news of a loss (see lostWithin). */
const waiters = new Set<() => void>();

/** Where training continues when `lost` goes away. */
export const FALLBACK: Record<BackendName, BackendName> = { webgpu: 'webgl', webgl: 'cpu', cpu: 'cpu' };

/** The WebGL context behind the current backend, if it is WebGL. */
export function webglContext(): GlLike | null {
  if (tf.getBackend() !== 'webgl') return null;
  return (tf.backend() as unknown as { gpgpu?: { gl?: GlLike } }).gpgpu?.gl ?? null;
}

/** The WebGPU device behind the current backend, if it is WebGPU. */
export function webgpuDevice(): { destroy(): void } | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as { device?: { destroy(): void } }).device ?? null;
}

/**
 * Calls `onLost` once when the current backend's device or context is lost, naming the backend lost. Call again
 * after switching backends to watch the new one.
 */
export function watchBackendLoss(onLost: (message: string, lost: BackendName) => void): void {
  lostFlag = false;
  let fired = false;
  const lost = (message: string, name: BackendName) => {
    if (fired) return;
    fired = lostFlag = true;
    waiters.forEach((w) => w());
    onLost(message, name);
  };
  if (tf.getBackend() === 'webgpu') watchDeviceLoss((message) => lost(message, 'webgpu'));
  const gl = webglContext();
  gl?.canvas?.addEventListener?.('webglcontextlost', () => lost('WebGL context lost', 'webgl'));
}

/** Whether the current backend's device or context is known to be gone (a failing step is then not the run's fault). */
export function backendIsLost(error?: unknown): boolean {
  if (lostFlag || webglContext()?.isContextLost()) return true;
  const message = error instanceof Error ? error.message : String(error ?? '');
  return /device (is |was )?(lost|destroyed)|context (is |was )?lost|CONTEXT_LOST/i.test(message);
}

/**
 * Whether the backend turns out to be lost within `ms`: a step that fails on a GPU (a readback refused) is often
 * the first sign, ahead of the device's own `lost` news.
 */
export function lostWithin(ms: number): Promise<boolean> {
  if (lostFlag) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (lost: boolean) => {
      waiters.delete(onLoss);
      clearTimeout(timer);
      resolve(lost);
    };
    const onLoss = () => done(true);
    const timer = setTimeout(() => done(false), ms);
    waiters.add(onLoss);
  });
}
