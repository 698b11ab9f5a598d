/** The page's one training worker client, with the backend the URL asks for. */
import type { BackendPreference } from '../../../engine/backend';
import { EngineClient } from '../../../engine/worker/client';
import { siteBase } from '../../site/base';

/** `?backend=webgl` (or webgpu, cpu) forces a backend: for readers comparing hardware, and for tests. */
export function backendFromUrl(search: string = location.search): BackendPreference {
  const b = new URLSearchParams(search).get('backend');
  return b === 'webgpu' || b === 'webgl' || b === 'cpu' ? b : 'auto';
}

/** `?test-hooks` lets browser tests cause faults in the worker and count its tensors (window.__learningCurves). */
const testHooks = () => new URLSearchParams(location.search).has('test-hooks');

function installTestHooks(): void {
  (globalThis as { __learningCurves?: unknown }).__learningCurves = {
    /** The page's current client (a restart replaces it). */
    client: () => sharedClient(),
    /**
     * A fault or a count from the worker: 'memory' (live tensors and runs), 'lose-device' (WebGPU), 'lose-context'
     * (WebGL), 'crash' (an uncaught error), 'exit' (the worker ends without a word, as when the browser kills it).
     */
    test: (action: Parameters<EngineClient['test']>[0]) => sharedClient().test(action),
  };
}

export function sharedClient(): EngineClient {
  return EngineClient.shared({ backend: backendFromUrl(), baseUrl: siteBase(), testHooks: testHooks() });
}

if (typeof location !== 'undefined' && testHooks()) installTestHooks();

/** A fresh worker for the page, replacing one that was lost. */
export function restartSharedClient(): EngineClient {
  return EngineClient.restart();
}
