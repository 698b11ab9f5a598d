/**
 * Page side of the training worker. One worker per page, shared by every demo on it; each demo's training
 * run is a RunHandle with its own event stream and dispose(). No UI framework here: islands wrap it in signals.
 */
import type { BackendInfo, BackendPreference } from '../backend';
import type { ExperimentSpecInput } from '../spec/schema';
import type { FromWorker, LayerActivation, SplitName, ToWorker } from './protocol';

type Listener = (message: FromWorker) => void;

export interface ClientOptions {
  backend?: BackendPreference;
  /** Where the site is served from (Astro's BASE_URL); data lives under `${baseUrl}data/`. */
  baseUrl?: string;
}

let nextRun = 0;

export class EngineClient {
  private static sharedClient: EngineClient | null = null;
  private readonly listeners = new Set<Listener>();
  private nextRequest = 0;
  backend: BackendInfo | null = null;

  /** The page's shared client; the first caller's options win. */
  static shared(options: ClientOptions = {}): EngineClient {
    EngineClient.sharedClient ??= new EngineClient(
      new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'learning-curves-engine' }),
      options,
    );
    return EngineClient.sharedClient;
  }

  constructor(
    private readonly worker: Pick<Worker, 'postMessage' | 'addEventListener' | 'terminate'>,
    options: ClientOptions = {},
  ) {
    worker.addEventListener('message', (e: Event) => {
      const message = (e as MessageEvent<FromWorker>).data;
      if (message.type === 'backend' || message.type === 'backend-changed') this.backend = message.info;
      for (const listener of [...this.listeners]) listener(message);
    });
    worker.addEventListener('error', (e: Event) => {
      const message = (e as ErrorEvent).message || 'the training worker failed to load';
      for (const listener of [...this.listeners]) listener({ type: 'error', message });
    });
    this.send({ type: 'init', backend: options.backend ?? 'auto', baseUrl: options.baseUrl ?? '/' });
  }

  send(message: ToWorker): void {
    this.worker.postMessage(message);
  }

  /** Every message from the worker; returns an unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  createRun(spec: ExperimentSpecInput, label = 'run'): RunHandle {
    return new RunHandle(this, `${label}-${++nextRun}`, spec);
  }

  requestId(): number {
    return ++this.nextRequest;
  }
}

/** One training run in the worker. Messages about other runs never reach its listeners. */
export class RunHandle {
  private readonly unsubscribers: (() => void)[] = [];
  private disposed = false;

  constructor(
    private readonly client: EngineClient,
    readonly id: string,
    readonly spec: ExperimentSpecInput,
  ) {}

  /** Messages about this run (run events, data progress, invalid spec, preemption, errors). */
  on(listener: (message: FromWorker) => void): () => void {
    const off = this.client.subscribe((m) => {
      if ((m.type === 'backend' || m.type === 'backend-changed') || ('runId' in m && m.runId === this.id) || (m.type === 'error' && !m.runId)) listener(m);
    });
    this.unsubscribers.push(off);
    return off;
  }

  start(): void {
    this.send({ type: 'start', runId: this.id, spec: this.spec });
  }
  pause(): void {
    this.send({ type: 'pause', runId: this.id });
  }
  step(): void {
    this.send({ type: 'step', runId: this.id, spec: this.spec });
  }
  stop(): void {
    this.send({ type: 'stop', runId: this.id });
  }
  setLearningRate(learningRate: number): void {
    this.send({ type: 'setLearningRate', runId: this.id, learningRate });
  }

  /** Every layer's output for one example of a split. */
  probe(split: SplitName, index: number): Promise<LayerActivation[]> {
    const requestId = this.client.requestId();
    return new Promise((resolve, reject) => {
      const off = this.client.subscribe((m) => {
        if (m.type !== 'probe-result' || m.requestId !== requestId) return;
        off();
        if (m.layers) resolve(m.layers);
        else reject(new Error(m.error ?? 'probe failed'));
      });
      this.send({ type: 'probe', runId: this.id, requestId, split, index });
    });
  }

  /** Stops the run, frees its tensors in the worker and drops every listener. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.client.send({ type: 'dispose', runId: this.id });
    this.disposed = true;
    this.unsubscribers.splice(0).forEach((off) => off());
  }

  private send(message: ToWorker): void {
    if (!this.disposed) this.client.send(message);
  }
}
