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

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
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

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'init') source = createBrowserSource({ baseUrl: message.baseUrl });
  void host.handle(message);
});
