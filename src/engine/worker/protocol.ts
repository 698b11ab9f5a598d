/**
 * The typed messages between a page and the training worker. One union each way, discriminated by `type`;
 * the worker has a single listener that switches on it.
 */
import type { BackendInfo, BackendPreference } from '../backend';
import type { ExperimentSpecInput } from '../spec/schema';
import type { SpecIssue } from '../spec/parse';
import type { RunEvent } from '../train/run';

export type SplitName = 'train' | 'validation' | 'test';

/** Page → worker. */
export type ToWorker =
  | { type: 'init'; backend: BackendPreference; /** Site base URL, where `data/<dataset>/` lives. */ baseUrl: string }
  /** Creates the run if needed (loads data, builds the model) and trains; resumes a paused run. */
  | { type: 'start'; runId: string; spec: ExperimentSpecInput }
  | { type: 'pause'; runId: string }
  /** One gradient step; creates the run (paused) if it does not exist yet. */
  | { type: 'step'; runId: string; spec: ExperimentSpecInput }
  | { type: 'stop'; runId: string }
  | { type: 'setLearningRate'; runId: string; learningRate: number }
  /** Every layer's output for one example (feature maps). */
  | { type: 'probe'; runId: string; requestId: number; split: SplitName; index: number }
  /** Frees the run's tensors. The worker stays up for other runs. */
  | { type: 'dispose'; runId: string };

export interface LayerActivation {
  layer: number;
  shape: number[];
  values: Float32Array;
}

/** What the loaded training set actually contains (for reference lines such as the prior's entropy). */
export interface DataStats {
  train: number;
  validation: number;
  test: number;
  /** Binary tasks: positives in the training set. */
  trainPositives?: number;
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
  /** Data loaded and the model built; the run is ready to train. */
  | { type: 'ready'; runId: string; stats: DataStats; params: number }
  /** The spec did not validate; nothing was started. */
  | { type: 'invalid'; runId: string; issues: SpecIssue[] }
  | { type: 'run-event'; runId: string; event: RunEvent }
  /** Another run started training; this one was paused (one run trains at a time per worker). */
  | { type: 'preempted'; runId: string; by: string }
  | { type: 'probe-result'; runId: string; requestId: number; layers?: LayerActivation[]; error?: string }
  /** A failure outside a run's training loop (data download, model construction). */
  | { type: 'error'; runId?: string; message: string };
