/**
 * A view: one definition per chart or panel a demo can show. It says what it needs the engine to record
 * (merged into the spec before a run starts) and takes its words from the demo config's options.
 */
import type { ComponentType } from 'preact';
import type { RecordSpec } from '../../../engine/spec/schema';
import type { ExperimentSpecInput } from '../../../engine/spec/schema';
import type { Run } from '../store/run';
import type { RunStore } from '../store/runStore';

/** What a view may use: its demo's id and settings, the runs to draw, and the page's store. Nothing else of the demo. */
export interface ViewContext {
  /** The demo's id (file names, scratch runs, telling its runs from other demos'). */
  demoId: string;
  /** The spec as the reader has set it now; it may not validate yet. */
  spec: ExperimentSpecInput;
  /** The page's runs of every demo (analysis views compare across demos) and scratch runs on the worker. */
  store: Pick<RunStore, 'runs' | 'scratch'>;
  /** The runs the charts show, oldest first; the last one is current. */
  runs: Run[];
  current: Run | null;
  /** The x-axis unit: 'iteration' when the demo counts iterations, else 'step'. */
  unit: string;
  /** Base name for exported files, e.g. "lr-stuck-cost". */
  file(what: string): string;
}

export interface ViewProps<O = Record<string, unknown>> {
  ctx: ViewContext;
  options: O;
}

export interface ViewDef<O = Record<string, unknown>> {
  /** Name used in demo configs. */
  name: string;
  /** What the engine must record for this view, given its options. */
  needs?: (options: O) => Partial<Pick<RecordSpec, 'instruments' | 'probabilities'>>;
  Component: ComponentType<ViewProps<O>>;
}

/** How a demo config names a view: its name, or its name with options. */
export type ViewRef = string | ({ view: string } & Record<string, unknown>);

export function viewRefName(ref: ViewRef): string {
  return typeof ref === 'string' ? ref : ref.view;
}

export function viewRefOptions(ref: ViewRef): Record<string, unknown> {
  if (typeof ref === 'string') return {};
  const { view: _name, ...options } = ref;
  return options;
}
