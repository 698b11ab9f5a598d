/**
 * What a chapter passes to an island: the spec, which controls and views to show, and their options.
 * Demo configs live in src/demos/<chapter>.ts (the embed route finds them there). Chapter-specific words
 * (captions, reference lines) go in the view and control options here, never in the kit's components.
 */
import type { PredictConfig } from './predict/compare';
import type { ExperimentSpecInput } from '../../engine/spec/schema';
import type { ControlRef } from './controls/types';
import type { ViewRef } from './views/types';

export type { ControlRef, ViewRef };

export interface DemoConfig {
  /** Unique across the book: URL hash key and /embed/<id>/ route. */
  id: string;
  /** Short heading shown above the demo (and as the embed page title). */
  title: string;
  /** A few words naming the demo where runs of several demos are compared (the gallery); default the id. */
  shortTitle?: string;
  /** One or two sentences shown under the heading on the embed page. */
  description?: string;
  /** The chapter that explains this demo (link on the embed page). */
  chapter: { title: string; href: string };
  spec: ExperimentSpecInput;
  /** Control names from the registry (controls/defs), or { control, ...options }. */
  controls: ControlRef[];
  /** View names from the registry (views/defs), or { view, ...options }. */
  views: ViewRef[];
  /** How many of this demo's runs the charts show (the newest; the gallery keeps them all). Default 6. */
  runsShown?: number;
  /** A prediction the reader may commit before the first run, checked against the run (predict/Predict.tsx). */
  predict?: PredictConfig;
}

/** Trains the same spec at several values of one setting, in turn, and compares them. */
export interface SweepConfig {
  id: string;
  title: string;
  description?: string;
  chapter: { title: string; href: string };
  spec: ExperimentSpecInput;
  /** The control the sweep sets (a name in the controls registry, e.g. 'learningRate', 'batchSize'). */
  control: string;
  /** Its value in each run, in turn: each run's spec is the control's `apply` of it, its label the control's `format`. */
  values: unknown[];
  /** Reference line on the cost charts (see the `cost` view's `reference` option). */
  reference?: 'priorEntropy';
}

/** Compares every run on the page (or of the listed demos): final numbers, curves, one highlighted. */
export interface GalleryConfig {
  id: string;
  title: string;
  description?: string;
  chapter: { title: string; href: string };
  /** Only runs of these demos; default every run on the page. */
  demos?: string[];
}
