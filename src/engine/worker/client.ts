/**
 * Page side of the training worker. One worker per page, shared by every demo on it; each demo's training
 * run is a RunHandle with its own event stream and dispose(). No UI framework here: islands wrap it in signals.
 */
import type { BackendInfo, BackendPreference } from '../backend';
import type { ExperimentSpecInput } from '../spec/schema';
import type { Examples, FromWorker, ProbeResult, ResumeFrom, Split, TestAction, ToWorker, WeightsSnapshot } from './protocol';
import { watchWorker, type Liveness, type LocksLike } from './liveness';
import type { ShiftDirection, ShiftTestResult } from '../train/shift-test';
import type { LinearProbeOptions, LinearProbeResult } from '../train/linear-probe';
import type { SpecPatch } from '../train/patch';

export type { Examples, ProbeResult, ResumeFrom, WeightsSnapshot } from './protocol';

/** What a client's listeners hear: the worker's messages, and the page's own news that the worker is gone. */
export type ClientMessage = FromWorker | { type: 'worker-lost'; message: string };
type Listener = (message: ClientMessage) => void;
type TestResult = Extract<FromWorker, { type: 'test-result' }>;

export interface ClientOptions {
  backend?: BackendPreference;
  /** Where the site is served from (Astro's BASE_URL); data lives under `${baseUrl}data/`. */
  baseUrl?: string;
  /** Let browser tests cause faults in the worker and count its tensors (`?test-hooks`). */
  testHooks?: boolean;
  /** Web Locks, to learn when the worker ends; injectable for tests. */
  locks?: LocksLike;
}

type WorkerLike = Pick<Worker, 'postMessage' | 'addEventListener' | 'terminate'>;

let nextRun = 0;

type Answer = Extract<
  FromWorker,
  { type: 'probe-result' | 'examples-result' | 'shift-result' | 'linear-probes-result' | 'snapshot-result' }
>;
/** What each request resolves with. */
interface Results {
  'probe-result': ProbeResult;
  'examples-result': Examples;
  'shift-result': ShiftTestResult;
  'linear-probes-result': LinearProbeResult;
  'snapshot-result': WeightsSnapshot;
}

export class EngineClient {
  private static sharedClient: EngineClient | null = null;
  private static sharedOptions: ClientOptions = {};
  private readonly listeners = new Set<Listener>();
  private readonly liveness: Liveness;
  private nextRequest = 0;
  backend: BackendInfo | null = null;
  /** Why the worker is gone, once it is (then nothing more is sent; restart for a fresh one). */
  lost: string | null = null;

  /** The page's shared client; the first caller's options win. */
  static shared(options: ClientOptions = {}): EngineClient {
    if (!EngineClient.sharedClient) EngineClient.sharedOptions = options;
    EngineClient.sharedClient ??= new EngineClient(EngineClient.newWorker(), EngineClient.sharedOptions);
    return EngineClient.sharedClient;
  }

  /** Replaces the page's shared client with one on a fresh worker (after the old one was lost); the old one ends. */
  static restart(): EngineClient {
    EngineClient.sharedClient?.end();
    EngineClient.sharedClient = null;
    return EngineClient.shared(EngineClient.sharedOptions);
  }

  private static newWorker(): Worker {
    return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'learning-curves-engine' });
  }

  constructor(
    private readonly worker: WorkerLike,
    options: ClientOptions = {},
  ) {
    worker.addEventListener('message', (e: Event) => {
      const message = (e as MessageEvent<FromWorker>).data;
      if (message.type === 'backend' || message.type === 'backend-changed') this.backend = message.info;
      if (message.type === 'alive') this.liveness.alive(message.lock);
      this.emit(message);
    });
    this.liveness = watchWorker(worker, (message) => this.lose(message), options.locks);
    this.send({
      type: 'init',
      backend: options.backend ?? 'auto',
      baseUrl: options.baseUrl ?? '/',
      ...(options.testHooks ? { testHooks: true } : {}),
    });
  }

  send(message: ToWorker): void {
    if (!this.lost) this.worker.postMessage(message);
  }

  /** Ends the worker on purpose: no loss is reported. */
  end(): void {
    this.liveness.retire();
    this.lost ??= 'the training engine was restarted';
    this.worker.terminate();
  }

  /** Browser tests only (`?test-hooks`): cause a fault in the worker, or count its tensors and runs. */
  test(action: TestAction): Promise<TestResult> {
    const requestId = this.requestId();
    return new Promise((resolve, reject) => {
      const off = this.subscribe((m) => {
        if (m.type === 'worker-lost') reject(new Error(m.message));
        else if (m.type !== 'test-result' || m.requestId !== requestId) return;
        else resolve(m);
        off();
      });
      this.send({ type: 'test', action, requestId });
    });
  }

  private emit(message: ClientMessage): void {
    for (const listener of [...this.listeners]) listener(message);
  }

  /** The worker died: stop it for good and tell every listener once. */
  private lose(message: string): void {
    if (this.lost) return;
    this.lost = message;
    this.worker.terminate();
    this.emit({ type: 'worker-lost', message });
  }

  /** Every message from the worker; returns an unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A run of `spec`; with `from`, it starts from saved weights and step count instead of fresh ones. */
  createRun(spec: ExperimentSpecInput, label = 'run', from?: ResumeFrom): RunHandle {
    return new RunHandle(this, `${label}-${++nextRun}`, spec, from);
  }

  requestId(): number {
    return ++this.nextRequest;
  }
}

/**
 * One training run in the worker. Messages about other runs never reach its listeners. Its spec goes to the
 * worker once, in `create`, just before the run's first other message; after that, messages name the run by id.
 */
export class RunHandle {
  private readonly unsubscribers: (() => void)[] = [];
  private created = false;
  /** Requests awaiting their answer, to reject them if the handle is disposed first. */
  private readonly pending = new Map<number, { reject: (err: Error) => void; off: () => void }>();
  private disposed = false;

  constructor(
    private readonly client: EngineClient,
    readonly id: string,
    readonly spec: ExperimentSpecInput,
    /** Saved weights (and step count) the run starts from, sent with its `create`. */
    readonly from?: ResumeFrom,
  ) {}

  /** Messages about this run (run events, data progress, invalid spec, preemption, errors, the worker's end). */
  on(listener: (message: ClientMessage) => void): () => void {
    const off = this.client.subscribe((m) => {
      if (
        m.type === 'backend' ||
        m.type === 'backend-changed' ||
        m.type === 'worker-lost' ||
        ('runId' in m && m.runId === this.id) ||
        (m.type === 'error' && !m.runId)
      )
        listener(m);
    });
    this.unsubscribers.push(off);
    return off;
  }

  start(): void {
    this.send({ type: 'start', runId: this.id });
  }
  /** Pause and stop concern a run the worker has: one never sent has nothing to halt. */
  pause(): void {
    if (this.created) this.send({ type: 'pause', runId: this.id });
  }
  step(): void {
    this.send({ type: 'step', runId: this.id });
  }
  stop(): void {
    if (this.created) this.send({ type: 'stop', runId: this.id });
  }
  /**
   * Merges `patch` (the changed parts of the spec) into the run from its next step. Returns the update's id, which
   * the run's `updated` or `update-refused` event carries.
   */
  update(patch: SpecPatch): number {
    const updateId = this.client.requestId();
    this.send({ type: 'update', runId: this.id, updateId, patch });
    return updateId;
  }

  /**
   * Every layer's output for one example of a split (feature maps), with its pixels, label and predicted
   * probabilities. Creates the run in the worker if needed, so it works before training (random filters).
   */
  probe(split: Split, index: number): Promise<ProbeResult> {
    return this.request('probe-result', (requestId) => ({ type: 'probe', runId: this.id, requestId, split, index }));
  }

  /**
   * The same for the page's own picture: 784 pixels in [0, 1], row-major 28 × 28 (the data's scale), through the
   * run's current weights; `label` and `classId` are −1. The worker checks the pixels (an error rejects).
   */
  probePixels(pixels: Float32Array): Promise<ProbeResult> {
    return this.request('probe-result', (requestId) => ({ type: 'probe', runId: this.id, requestId, pixels }));
  }

  /** The pixels, labels and class ids of the examples at `indices` of a split (creates the run if needed). */
  examples(split: Split, indices: number[]): Promise<Examples> {
    return this.request('examples-result', (requestId) => ({ type: 'examples', runId: this.id, requestId, split, indices }));
  }

  /**
   * The shift test on the run's current weights: the examples at `indices` of a split, each moved by every
   * shift in `shifts` (pixels, `direction` right by default); the input of the last dense layer and the
   * prediction at each. Creates the run if needed (then its weights are the untrained ones).
   */
  shiftTest(split: Split, indices: number[], shifts: number[], direction: ShiftDirection = 'right'): Promise<ShiftTestResult> {
    return this.request('shift-result', (requestId) => ({ type: 'shift', runId: this.id, requestId, split, indices, shifts, direction }));
  }

  /** Linear probes on the run's current, frozen layers, scored on `split` (creates the run if needed). */
  linearProbes(split: Split, options: LinearProbeOptions): Promise<LinearProbeResult> {
    return this.request('linear-probes-result', (requestId) => ({ type: 'linearProbes', runId: this.id, requestId, split, options }));
  }

  /**
   * The run's variables as they are now, each with its course name (W1, b1…), shape and values, and the step count
   * they belong to: for keeping the run between visits and for downloading its weights (.npz). Creates the run in
   * the worker if needed (then its weights are the initial ones, or the saved ones it was created from).
   */
  snapshot(): Promise<WeightsSnapshot> {
    return this.request('snapshot-result', (requestId) => ({ type: 'snapshot', runId: this.id, requestId }));
  }

  /** Stops the run, frees its tensors in the worker and drops every listener; pending requests reject. Idempotent. */
  dispose(): void {
    if (this.disposed) return;
    this.client.send({ type: 'dispose', runId: this.id });
    this.disposed = true;
    this.unsubscribers.splice(0).forEach((off) => off());
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const p of pending) {
      p.off();
      p.reject(this.disposedError());
    }
  }

  private disposedError(): Error {
    return new Error(`run ${this.id} was disposed; create a new run to probe it or show its examples`);
  }

  /** Sends a request and resolves with its answer's result (its `error` rejects). */
  private request<T extends Answer['type']>(type: T, message: (requestId: number) => ToWorker): Promise<Results[T]> {
    if (this.disposed) return Promise.reject(this.disposedError());
    const requestId = this.client.requestId();
    return new Promise<Results[T]>((resolve, reject) => {
      const off = this.client.subscribe((m) => {
        if (m.type === 'worker-lost') {
          off();
          this.pending.delete(requestId);
          return reject(new Error(m.message));
        }
        if (m.type !== type || m.requestId !== requestId) return;
        off();
        this.pending.delete(requestId);
        const answer = m as Answer;
        if (answer.result !== undefined) resolve(answer.result as Results[T]);
        else reject(new Error(answer.error ?? `${type.replace('-result', '')} failed`));
      });
      this.pending.set(requestId, { reject, off });
      this.send(message(requestId));
    });
  }

  /** Sends `message`, after the run's `create` (with its spec) if this is the run's first message. */
  private send(message: ToWorker): void {
    if (this.disposed) return;
    if (!this.created) {
      this.created = true;
      this.client.send({ type: 'create', runId: this.id, spec: this.spec, ...(this.from ? { from: this.from } : {}) });
    }
    this.client.send(message);
  }
}
