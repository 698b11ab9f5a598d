/**
 * What a chapter passes to an Experiment island: the spec and which controls and views to show.
 * Demo configs live in src/demos/<chapter>.ts so the embed route can find them too.
 */
import type { ExperimentSpecInput } from '../../engine/spec/schema';

/** Controls a demo may offer; each edits one field of the spec. */
export type ControlName = 'learningRate' | 'iterations' | 'epochs' | 'batchSize' | 'seed' | 'sizes';

/** Views a demo may show. */
export type ViewName =
  /** Training (and held-out) cost over iterations, previous runs faded. */
  | 'cost'
  /** Accuracy over iterations. */
  | 'accuracy'
  /** ‖∂J/∂θ‖ per parameter, with the first iteration at which ‖dW1‖ hits zero called out. */
  | 'gradients'
  /** Which hidden ReLU units are dead (zero for every training example). */
  | 'dead';

export interface DemoConfig {
  /** Unique across the book: URL hash key and /embed/<id>/ route. */
  id: string;
  /** Short heading shown above the demo (and as the embed page title). */
  title: string;
  /** One or two sentences shown under the heading on the embed page. */
  description?: string;
  /** The chapter that explains this demo (link on the embed page). */
  chapter: { title: string; href: string };
  spec: ExperimentSpecInput;
  controls: ControlName[];
  views: ViewName[];
  /** Learning-rate preset buttons. */
  presets?: number[];
  /** Draw the binary entropy of the training labels' prior, H(p), on the cost chart. */
  priorEntropyLine?: boolean;
}

/** A learning-rate sweep: trains the same spec at each rate in turn and compares them. */
export interface SweepConfig {
  id: string;
  title: string;
  description?: string;
  chapter: { title: string; href: string };
  spec: ExperimentSpecInput;
  learningRates: number[];
  priorEntropyLine?: boolean;
}
