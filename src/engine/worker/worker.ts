/**
 * Entry point of the training worker (a dedicated module worker). tfjs is loaded here, and only here,
 * the first time a page starts a demo. One message listener; the RunHost does the work.
 */
import { createBrowserSource } from '../data/source-browser';
import { loadPretrained, type ModelSource, type PretrainedWeights } from '../model/pretrained';
import { createBrowserModelSource } from '../model/pretrained-source';
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
let models: ModelSource = createBrowserModelSource();
/** Loaded subsets by request, so a sweep over learning rates downloads and decodes its data once. */
const loaded = new Map<string, Promise<TrainingData>>();
/** Verified pretrained weights by model (file, layer count, the layers they must match). */
const loadedWeights = new Map<string, Promise<PretrainedWeights>>();

/** The data, plus the verified weights of `model.pretrained` if the spec names any (a bad file fails the load). */
async function loadData(spec: ExperimentSpec, onProgress: Parameters<typeof loadExperimentData>[2]): Promise<TrainingData> {
  const p = spec.model.pretrained;
  if (!p) return loadSplits(spec, onProgress);
  // The check of the file's layers depends on the model and the input too.
  const key = JSON.stringify([spec.model, spec.data.input]);
  let weights = loadedWeights.get(key);
  if (!weights) {
    weights = loadPretrained(models, spec);
    weights.catch(() => loadedWeights.delete(key));
    loadedWeights.set(key, weights);
  }
  const [data, pretrained] = await Promise.all([loadSplits(spec, onProgress), weights]);
  return { ...data, pretrained };
}

function loadSplits(spec: ExperimentSpec, onProgress: Parameters<typeof loadExperimentData>[2]): Promise<TrainingData> {
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
    models = createBrowserModelSource({ baseUrl: message.baseUrl });
    testHooks = message.testHooks === true;
    announceLife();
  }
  if (message.type === 'test') {
    if (testHooks) runTestAction(message.action, message.requestId, host.runCount, (m) => scope.postMessage(m), scope);
    return;
  }
  void host.handle(message);
});
