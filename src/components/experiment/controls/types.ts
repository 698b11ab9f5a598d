/**
 * A control: one definition per knob a demo can offer — its URL-hash key and codec, the spec field(s) it owns,
 * how to read it from and apply it to a spec, and the component that edits it. The hash, the overrides, run
 * labels and placing a spec issue beside its control all loop over the registry (registry.ts).
 */
import type { ComponentType } from 'preact';
import type { ExperimentSpecInput } from '../../../engine/spec/schema';

export type SpecInput = ExperimentSpecInput;

/** A value read from a URL hash, or why it could not be. */
export type Decoded<V> = { ok: true; value: V } | { ok: false; message: string };

/** What the reader has changed, by control name; values may be raw text the spec will reject (and explain). */
export type Overrides = Record<string, unknown>;

export interface ControlProps<V> {
  def: ControlDef<V>;
  /** The value in the current spec (may be text the reader typed that is not valid yet). */
  value: V | string | undefined;
  /** The message for this control, if its field does not validate. */
  error?: string;
  /** Sets the override; `undefined` returns to the demo's own setting. */
  onChange(value: unknown): void;
  /** Options from the demo config (e.g. learning-rate presets). */
  options: Record<string, unknown>;
  spec: SpecInput;
}

export interface ControlDef<V = unknown> {
  /** Name used in demo configs, e.g. 'learningRate'. */
  name: string;
  /** Position in the URL hash (lower first). */
  order: number;
  /** URL-hash key, e.g. 'lr'. */
  key: string;
  /** Field label shown to the reader. */
  label: string;
  /** Human name used in messages, e.g. 'learning rate'. */
  noun: string;
  /** Prefix in run labels, e.g. 'lr' → "lr 0.54"; '' shows the value alone. */
  short: string;
  /** Spec paths (prefixes) whose issues belong beside this control. */
  paths: (spec: SpecInput) => string[];
  /** Whether this control means anything for `spec` (e.g. MLP sizes only for MLP models). */
  appliesTo?: (spec: SpecInput) => boolean;
  /** The control's value in `spec`, or undefined where the spec does not set it. */
  read(spec: SpecInput): V | undefined;
  /** Writes `value` into `spec` (a private copy: mutate freely). */
  apply(spec: SpecInput, value: unknown): void;
  encode(value: V): string;
  decode(text: string): Decoded<V>;
  /** The value in a run label or table; default String(value). */
  format?(value: V): string;
  /** Controls whose override this one replaces when both are given (iterations vs epochs). */
  excludes?: string[];
  /**
   * A change reaches a run in progress at its next step, without restarting it (learning rate, dropout, L2,
   * augmentation): the kit sends the run what `apply` changes in its spec, and the engine takes it or says why not.
   */
  live?: boolean;
  /** For a number: what it accepts, to explain a rejected value beside the field. */
  rule?: NumberRule;
  Component: ComponentType<ControlProps<V>>;
}

/**
 * What a number control accepts, exactly as the spec checks it (tests/unit/kit/rules.test.ts holds them to the
 * schema): the kit words a rejected value from it, in the reader's terms ("Iterations must be a whole number").
 */
export interface NumberRule {
  whole?: boolean;
  min?: number;
  minExclusive?: boolean;
  max?: number;
  maxExclusive?: boolean;
}

/** How a demo config names a control: its name, or its name with options. */
export type ControlRef = string | ({ control: string } & Record<string, unknown>);

export function controlRefName(ref: ControlRef): string {
  return typeof ref === 'string' ? ref : ref.control;
}

export function controlRefOptions(ref: ControlRef): Record<string, unknown> {
  if (typeof ref === 'string') return {};
  const { control: _name, ...options } = ref;
  return options;
}
