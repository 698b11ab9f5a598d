/**
 * WebGPU in Node through the npm package `webgpu` (Dawn). Installs `navigator.gpu` so that tfjs' WebGPU
 * backend finds it. Node only: used by the bench and by the kernel tests.
 *
 * Dawn dlopens `libvulkan.so.1`. Where the system has no Vulkan loader (this project's machines), Debian's
 * Chromium ships one beside its SwiftShader ICD in /usr/lib/chromium; we preload it (RTLD_NODELETE keeps it
 * mapped after Node refuses it as an addon) so that no LD_LIBRARY_PATH is needed at process start.
 */
import { existsSync } from 'node:fs';

const CHROMIUM_DIR = '/usr/lib/chromium';
const RTLD_NOW = 2;
const RTLD_GLOBAL = 0x100;
const RTLD_NODELETE = 0x1000;

export interface NodeGpu {
  /** The adapter found, or null with the reason in `why`. */
  adapter: GPUAdapter | null;
  /** "vendor architecture description", e.g. "google swiftshader SwiftShader driver 5.0.0". */
  description: string;
  fallback: boolean;
  why: string;
}

let installed: Promise<NodeGpu> | null = null;

function preloadVulkan(): string[] {
  const notes: string[] = [];
  if (!process.env.VK_ICD_FILENAMES && existsSync(`${CHROMIUM_DIR}/vk_swiftshader_icd.json`)) {
    process.env.VK_ICD_FILENAMES = `${CHROMIUM_DIR}/vk_swiftshader_icd.json`;
    notes.push('Vulkan ICD: Chromium’s SwiftShader');
  }
  const loader = `${CHROMIUM_DIR}/libvulkan.so.1`;
  if (process.platform === 'linux' && existsSync(loader)) {
    try {
      process.dlopen({ exports: {} }, loader, RTLD_NOW | RTLD_GLOBAL | RTLD_NODELETE);
    } catch {
      // Expected: "Module did not self-register". The library stays loaded (RTLD_NODELETE).
    }
  }
  return notes;
}

/** Installs navigator.gpu from Dawn once per process; resolves with the adapter (or why there is none). */
export function installNodeGpu(): Promise<NodeGpu> {
  installed ??= (async (): Promise<NodeGpu> => {
    const notes = preloadVulkan();
    let mod: { create(flags: string[]): unknown; globals: object };
    // A variable specifier: the package's own type declarations would clash with TypeScript's DOM lib.
    const specifier = 'webgpu';
    try {
      mod = (await import(/* @vite-ignore */ specifier)) as typeof mod;
    } catch (err) {
      return { adapter: null, description: '', fallback: false, why: `the npm package webgpu did not load: ${(err as Error).message}` };
    }
    Object.assign(globalThis, mod.globals);
    const gpu = mod.create([]) as unknown as GPU;
    Object.defineProperty(globalThis, 'navigator', { value: { gpu, userAgent: `node ${process.version}` }, configurable: true });
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
    if (!adapter) {
      return {
        adapter: null,
        description: '',
        fallback: false,
        why: `Dawn found no WebGPU adapter (no Vulkan driver; Chromium's SwiftShader at ${CHROMIUM_DIR} ${existsSync(CHROMIUM_DIR) ? 'exists but did not load' : 'is not installed'})`,
      };
    }
    const i = adapter.info;
    const fallback = Boolean(
      (adapter as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter ??
      (i as unknown as { isFallbackAdapter?: boolean }).isFallbackAdapter,
    );
    const description = [i.vendor, i.architecture, i.description].filter(Boolean).join(' ');
    return { adapter, description, fallback, why: notes.join('; ') };
  })();
  return installed;
}
