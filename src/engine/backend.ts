/**
 * Picks the tfjs backend: WebGPU, else WebGL, else CPU. A software (fallback) WebGPU adapter such as
 * SwiftShader is slower than WebGL, so it is skipped unless WebGPU was asked for by name.
 */
import * as tf from '@tensorflow/tfjs';
import { engineKernelsEnabled } from './kernels/settings';
import { useEngineCpuKernels } from './kernels/cpu/register';

export type BackendName = 'webgpu' | 'webgl' | 'cpu';
export type BackendPreference = 'auto' | BackendName;

export interface BackendInfo {
  name: BackendName;
  /** Adapter or renderer description, e.g. "nvidia ampere" or "Google SwiftShader". */
  adapter: string;
  /** True for a software-emulated GPU adapter. */
  fallbackAdapter: boolean;
  /** Why this backend was chosen, in words for the status line. */
  reason: string;
}

interface GpuAdapterLike {
  isFallbackAdapter?: boolean;
  info?: { vendor?: string; architecture?: string; description?: string; device?: string; isFallbackAdapter?: boolean };
}
interface GpuLike {
  requestAdapter(opts?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

function gpuOf(scope: unknown): GpuLike | undefined {
  return (scope as { navigator?: { gpu?: GpuLike } }).navigator?.gpu;
}

function describeAdapter(adapter: GpuAdapterLike): string {
  const i = adapter.info ?? {};
  return [i.vendor, i.architecture, i.description || i.device].filter(Boolean).join(' ').trim() || 'unknown adapter';
}

async function trySetBackend(name: BackendName): Promise<boolean> {
  try {
    return await tf.setBackend(name);
  } catch {
    return false;
  }
}

/** Best-effort description of the WebGL renderer. */
function webglRenderer(): string {
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl;
    if (!gl) return 'WebGL';
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return 'WebGL';
  }
}

/**
 * Initialises the best available backend for `preference` and says which and why.
 * `scope` is the global object (window or worker); injectable for tests.
 */
export async function initBackend(preference: BackendPreference = 'auto', scope: unknown = globalThis): Promise<BackendInfo> {
  const notes: string[] = [];
  // The engine's CPU matmul (tiny models train on the CPU even when a GPU backend is chosen here).
  useEngineCpuKernels(engineKernelsEnabled());
  if (preference === 'auto' || preference === 'webgpu') {
    const gpu = gpuOf(scope);
    const adapter = gpu ? await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null) : null;
    if (!adapter) {
      notes.push(gpu ? 'no WebGPU adapter' : 'WebGPU is not available in this browser');
    } else {
      const fallback = Boolean(adapter.isFallbackAdapter ?? adapter.info?.isFallbackAdapter);
      const name = describeAdapter(adapter);
      if (fallback && preference === 'auto') {
        notes.push(`the WebGPU adapter (${name}) is a software fallback, slower than WebGL`);
      } else {
        // Lazily imported: pages that never train never download the WebGPU backend.
        await import('@tensorflow/tfjs-backend-webgpu');
        if (await trySetBackend('webgpu')) {
          // The engine's own kernels (split-reduction filter gradient); tfjs' stay registered as fallbacks.
          const { useEngineWebGpuKernels } = await import('./kernels/webgpu/register');
          useEngineWebGpuKernels(engineKernelsEnabled());
          const reason = fallback ? 'WebGPU was requested; its adapter is a software fallback (slow)' : 'WebGPU on a hardware adapter';
          return { name: 'webgpu', adapter: name, fallbackAdapter: fallback, reason };
        }
        notes.push('WebGPU failed to start');
      }
    }
  }
  if (preference !== 'cpu' && (await trySetBackend('webgl'))) {
    return {
      name: 'webgl',
      adapter: webglRenderer(),
      fallbackAdapter: false,
      reason: notes.length ? `WebGL, because ${notes.join('; ')}` : 'WebGL',
    };
  }
  if (preference !== 'cpu') notes.push('WebGL is not available');
  await tf.setBackend('cpu');
  return {
    name: 'cpu',
    adapter: 'JavaScript',
    fallbackAdapter: false,
    reason: notes.length ? `CPU, because ${notes.join('; ')}` : 'CPU, as requested',
  };
}

/** Makes an already initialised backend the active one (tensors on the other move when next used). */
export async function switchBackend(name: BackendName): Promise<void> {
  if (tf.getBackend() !== name) await tf.setBackend(name);
}

/** Calls `onLost` if the WebGPU device behind the current backend is lost (driver reset, GPU switch). */
export function watchDeviceLoss(onLost: (message: string) => void): void {
  if (tf.getBackend() !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ message?: string; reason?: string }> } }).device;
  void device?.lost?.then((info) => {
    if (info?.reason !== 'destroyed' || info.message !== 'disposed') onLost(info?.message || 'the GPU device was lost');
  });
}
