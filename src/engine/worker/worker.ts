/**
 * Entry point of the training worker (a dedicated module worker). tfjs is loaded here, and only here,
 * the first time a page starts a demo. One message listener; the RunHost does the work.
 */
import { createBrowserSource } from '../data/source-browser';
import { loadExperimentData, type ShardSource } from '../data/source';
import type { ExperimentSpec } from '../spec/schema';
import type { TrainingData } from '../train/trainer';
import { RunHost } from './host';
import type { FromWorker, ToWorker } from './protocol';
import { runTestAction } from './test-hooks';

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
  close(): void;
  navigator: { locks?: { request(name: string, callback: () => Promise<void>): Promise<void> } };
}
const scope = self as unknown as WorkerScope;

let source: ShardSource = createBrowserSource();
/** Loaded subsets by request, so a sweep over learning rates downloads and decodes its data once. */
const loaded = new Map<string, Promise<TrainingData>>();

function loadData(spec: ExperimentSpec, onProgress: Parameters<typeof loadExperimentData>[2]): Promise<TrainingData> {
  const request = { ...spec.data, seed: spec.seed };
  const key = JSON.stringify(request);
  let data = loaded.get(key);
  if (!data) {
    data = loadExperimentData(source, request, onProgress);
    data.catch(() => loaded.delete(key));
    loaded.set(key, data);
  }
  return data;
}

const host = new RunHost((message, transfer) => scope.postMessage(message, transfer ?? []), loadData);

let testHooks = false;

/** Holds a Web Lock for as long as this worker lives; the page takes it, and so learns, when the worker is gone. */
function announceLife(): void {
  const locks = scope.navigator.locks;
  if (!locks) return;
  const lock = `learning-curves-engine-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  void locks.request(lock, () => {
    scope.postMessage({ type: 'alive', lock });
    return new Promise<void>(() => undefined);
  });
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'init') {
    source = createBrowserSource({ baseUrl: message.baseUrl });
    testHooks = message.testHooks === true;
    announceLife();
  }
  if (message.type === 'test') {
    if (testHooks) runTestAction(message.action, message.requestId, host.runCount, (m) => scope.postMessage(m), scope);
    return;
  }
  void host.handle(message);
});
