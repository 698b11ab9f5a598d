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

interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
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

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'init') {
    source = createBrowserSource({ baseUrl: message.baseUrl });
    models = createBrowserModelSource({ baseUrl: message.baseUrl });
  }
  void host.handle(message);
});
