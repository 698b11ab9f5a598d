/** A control that is one number in one spec field, edited in a text field: most knobs are this. */
import { Field } from './Field';
import { at, decodeNumber, numberOrText } from './codec';
import type { ControlDef, ControlProps, NumberRule, SpecInput } from './types';

interface NumberFieldOptions {
  name: string;
  order: number;
  key: string;
  label: string;
  noun: string;
  short: string;
  /** Dotted spec path of the number, e.g. 'optimizer.learningRate'. */
  path: string;
  /** Writes the value; default sets `path` (creating sections as needed). */
  apply?: (spec: SpecInput, value: unknown) => void;
  read?: (spec: SpecInput) => number | undefined;
  /** Spec paths whose issues show beside the field; default [path]. */
  paths?: (spec: SpecInput) => string[];
  appliesTo?: (spec: SpecInput) => boolean;
  excludes?: string[];
  hint?: string;
  inputMode?: 'decimal' | 'numeric';
  width?: string;
  live?: boolean;
  rule?: NumberRule;
}

/** Sets a dotted path in a spec, copying each object on the way so the caller's objects stay untouched. */
export function setPath(spec: SpecInput, path: string, value: unknown): void {
  const keys = path.split('.');
  let obj = spec as unknown as Record<string, unknown>;
  for (const k of keys.slice(0, -1)) {
    const next = obj[k];
    obj[k] = next !== null && typeof next === 'object' ? { ...(next as object) } : {};
    obj = obj[k] as Record<string, unknown>;
  }
  obj[keys[keys.length - 1]] = value;
}

export function NumberFieldView({
  def,
  value,
  error,
  onChange,
  options,
}: ControlProps<number> & { def: ControlDef<number> & { hint?: string; inputMode?: 'decimal' | 'numeric'; width?: string } }) {
  return (
    <Field
      label={def.label}
      inputMode={def.inputMode ?? 'decimal'}
      width={def.width}
      hint={(options.hint as string | undefined) ?? def.hint}
      value={value === undefined ? '' : String(value)}
      error={error}
      onInput={(t) => onChange(numberOrText(t))}
    />
  );
}

export function numberFieldControl(o: NumberFieldOptions): ControlDef<number> {
  const def: ControlDef<number> & { hint?: string; inputMode?: 'decimal' | 'numeric'; width?: string } = {
    name: o.name,
    order: o.order,
    key: o.key,
    label: o.label,
    noun: o.noun,
    short: o.short,
    paths: o.paths ?? (() => [o.path]),
    appliesTo: o.appliesTo,
    excludes: o.excludes,
    live: o.live,
    rule: o.rule,
    hint: o.hint,
    inputMode: o.inputMode,
    width: o.width,
    read: o.read ?? ((spec) => at(spec, o.path) as number | undefined),
    apply: o.apply ?? ((spec, value) => setPath(spec, o.path, value)),
    encode: (v) => String(v),
    decode: decodeNumber(o.noun),
    Component: NumberFieldView as ControlDef<number>['Component'],
  };
  return def;
}
