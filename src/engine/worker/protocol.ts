/**
 * The typed messages between a page and the training worker. One union each way, discriminated by `type`;
 * the worker has a single listener that switches on it. Typed arrays in `eval` events and in the answers to
 * requests travel as transferables (moved, not copied). Each result type is declared here, once.
 */
import type { BackendInfo, BackendPreference } from '../backend';
import type { Split } from '../data/split';
import type { ExperimentSpecInput } from '../spec/schema';
import type { SpecIssue } from '../spec/parse';
import type { ModelSummary } from '../spec/summarize';
import type { RunEvent } from '../train/run';
import type { ShiftDirection, ShiftTestResult } from '../train/shift-test';
import type { LinearProbeOptions, LinearProbeResult } from '../train/linear-probe';
import type { SpecPatch } from '../train/patch';
import type { WeightsSnapshot } from '../model/params';

export type { NamedValues, WeightsSnapshot } from '../model/params';

export type { Split } from '../data/split';

/** Page → worker. The spec travels once, in `create`; every later message names the run by its id. */
export type ToWorker =
  | {
      type: 'init';
      backend: BackendPreference;
      /** Site base URL, where `data/<dataset>/` lives. */
      baseUrl: string;
      /** Accept `test` messages (pages opened with `?test-hooks`). */
      testHooks?: boolean;
    }
  /** Browser tests only (see test-hooks.ts); ignored unless `init` enabled them. */
  | { type: 'test'; action: TestAction; requestId: number }
  /**
   * The run `runId` trains `spec`: validates it (`invalid` if it does not), loads the data (with progress) and
   * builds the model (`ready`). A page sends it once, before the run's first other message. With `from`, the
   * model starts from saved weights and step count (a run kept between visits, resumed) instead of fresh ones.
   */
  | { type: 'create'; runId: string; spec: ExperimentSpecInput; from?: ResumeFrom }
  /** Trains; resumes a paused run. */
  | { type: 'start'; runId: string }
  | { type: 'pause'; runId: string }
  /** One gradient step (the run stays paused). */
  | { type: 'step'; runId: string }
  | { type: 'stop'; runId: string }
  /**
   * Merges `patch` (the changed parts of the spec: learning rate, dropout, L2, augmentation) into the run from
   * its next step: answered by an `updated` or `update-refused` run event carrying `updateId`.
   */
  | { type: 'update'; runId: string; updateId: number; patch: SpecPatch }
  /**
   * Every layer's output for one example (feature maps), with its pixels, label and predicted probabilities.
   * Works before training (random filters), during and after it.
   */
  | { type: 'probe'; runId: string; requestId: number; split: Split; index: number }
  /**
   * The same for pixels the page supplies (the reader's own picture): 784 values in [0, 1], row-major 28 × 28, as
   * the data holds them. Answered with `label` and `classId` −1 (the picture has none); bad pixels get an `error`.
   */
  | { type: 'probe'; runId: string; requestId: number; pixels: Float32Array }
  /** The pixels, labels and class ids of chosen examples of a split. */
  | { type: 'examples'; runId: string; requestId: number; split: Split; indices: number[] }
  /**
   * The shift test on the run's current weights: each example moved by each shift (pixels, vacated pixels 0),
   * the input of the last dense layer and the prediction for each.
   */
  | { type: 'shift'; runId: string; requestId: number; split: Split; indices: number[]; shifts: number[]; direction?: ShiftDirection }
  /** Linear probes on the run's current (frozen) layers, scored on the `split` set. */
  | { type: 'linearProbes'; runId: string; requestId: number; split: Split; options: LinearProbeOptions }
  /**
   * The run's variables as they are now (after the step in flight), with their course names and shapes, and the
   * step count: to keep the run between visits, or to download its weights. Creates the run if needed (then they
   * are its initial weights, or the saved ones it was created from).
   */
  | { type: 'snapshot'; runId: string; requestId: number }
  /** Frees the run's tensors. The worker stays up for other runs. */
  | { type: 'dispose'; runId: string };

export interface LayerActivation {
  layer: number;
  /** Output shape of the layer, batch omitted, e.g. [26, 26, 32]. */
  shape: number[];
  values: Float32Array;
}

/** One example probed through the model: every layer's output, its pixels, label, class and predicted probabilities. */
export interface ProbeResult {
  layers: LayerActivation[];
  /** The example's 784 pixels in [0, 1], row-major 28 × 28. */
  pixels: Float32Array;
  /** Its task label (0/1 binary, 0..k−1 multiclass); −1 for pixels the page supplied. */
  label: number;
  /** Its original class id (0–9); −1 for pixels the page supplied. */
  classId: number;
  /** The model's predicted probabilities for it (the last layer's activation): 1 value binary, k multiclass. */
  probabilities: Float32Array;
}

/** Chosen examples of a split, in the requested order. */
export interface Examples {
  /** n × 784 pixels in [0, 1]. */
  pixels: Float32Array;
  /** Task labels. */
  labels: Uint8Array;
  /** Original class ids (0–9). */
  classIds: Uint8Array;
}

/**
 * A run created from saved weights instead of fresh ones: `weights` (a `snapshot` answer, as kept) become the
 * model's variables and `weights.step` its step count, so it continues where it was saved. `elapsedMs`: the
 * training time it had, so its pace and elapsed time continue too. Optimiser state starts afresh.
 */
export interface ResumeFrom {
  weights: WeightsSnapshot;
  elapsedMs?: number;
}

/** The answer to a request: `result` on success (its typed arrays transferred), only `error` on failure. */
export type Answer<T extends string, R> = { type: T; runId: string; requestId: number } & (
  { result: R; error?: undefined } | { result?: undefined; error: string }
);

/** A fault or a measurement a browser test asks the worker for. */
export type TestAction = 'memory' | 'lose-device' | 'lose-context' | 'crash' | 'exit';

/** What the loaded data actually contains. */
export interface DataStats {
  train: number;
  validation: number;
  test: number;
  /** Binary tasks: positives in the training set. */
  trainPositives?: number;
  /** The dataset's class names, indexed by class id (10 for both datasets). */
  classNames: string[];
  /**
   * The name of each task label, indexed by label: multiclass → the used classes' names in label order;
   * binary → [negative, positive], e.g. ["T-shirt/top", "Shirt"] or ["not Bag", "Bag"].
   */
  labelNames: string[];
  /** Examples per task label in each split (each array as long as labelNames). */
  labelCounts: Record<Split, number[]>;
  /** Positions in the training set of the training-evaluation subset (`record.trainEval`), in EvalRecord.train's row order. */
  trainEval: number[];
}

export interface DataProgress {
  loadedBytes: number;
  totalBytes: number;
  fraction: number;
}

/** Worker → page. */
export type FromWorker =
  | { type: 'backend'; info: BackendInfo }
  /** The backend changed mid-session (WebGPU device lost → WebGL). */
  | { type: 'backend-changed'; info: BackendInfo; message: string }
  | { type: 'data-progress'; runId: string; progress: DataProgress }
  /** Data loaded and the model built; the run is ready to train. `params` is `summary.totalParams`. */
  | { type: 'ready'; runId: string; stats: DataStats; params: number; summary: ModelSummary }
  /** The spec did not validate; nothing was started. */
  | { type: 'invalid'; runId: string; issues: SpecIssue[] }
  | { type: 'run-event'; runId: string; event: RunEvent }
  /** Another run started training; this one was paused (one run trains at a time per worker). */
  | { type: 'preempted'; runId: string; by: string }
  | Answer<'probe-result', ProbeResult>
  /** Rows in the order of the requested indices. */
  | Answer<'examples-result', Examples>
  | Answer<'shift-result', ShiftTestResult>
  | Answer<'linear-probes-result', LinearProbeResult>
  | Answer<'snapshot-result', WeightsSnapshot>
  /** A failure outside a run's training loop (data download, model construction). */
  | { type: 'error'; runId?: string; message: string }
  /** The worker holds the Web Lock `lock` for as long as it lives: the page learns of its end when it can take it. */
  | { type: 'alive'; lock: string }
  /** Answer to `test`: the active backend, live tensors and runs after the action. */
  | { type: 'test-result'; requestId: number; action: TestAction; backend: string; numTensors: number; runs: number; ok?: boolean };
