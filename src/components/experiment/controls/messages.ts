/**
 * Spec issues as a reader reads them, beside the control they are about: a number control words a rejected value
 * from its rule and the field's own label ("Iterations must be a whole number, e.g. 2500", "Seed must be 0 or
 * more, e.g. 1") instead of the spec's notation ("≤ 4294967295", "duration must be { epochs: n }"). Other
 * issues keep the spec's message, which already names its field.
 */
import type { SpecIssue } from '../../../engine/spec/parse';
import { controlForIssue } from './hash';
import { controlNamed } from './registry';
import type { ControlDef, SpecInput } from './types';

const nf = new Intl.NumberFormat('en', { maximumFractionDigits: 20 });

/** The message for `value` of a number control, or null when its rule accepts the value (the issue is elsewhere). */
export function ruleMessage(def: ControlDef<unknown>, value: unknown, example?: unknown): string | null {
  const rule = def.rule;
  if (!rule) return null;
  const name = def.label;
  const shownExample =
    example === undefined || typeof example === 'string' ? '' : `, e.g. ${def.format ? def.format(example) : String(example)}`;
  if (typeof value !== 'number' || !Number.isFinite(value))
    return `${name} must be ${rule.whole ? 'a whole number' : 'a number'}${shownExample}`;
  if (rule.whole && !Number.isInteger(value)) return `${name} must be a whole number${shownExample}`;
  const { min, max } = rule;
  if (min !== undefined && (rule.minExclusive ? value <= min : value < min)) {
    return rule.minExclusive
      ? `${name} must be more than ${nf.format(min)}${shownExample}`
      : `${name} must be ${nf.format(min)} or more${shownExample}`;
  }
  if (max !== undefined && (rule.maxExclusive ? value >= max : value > max)) {
    return rule.maxExclusive ? `${name} must be less than ${nf.format(max)}${shownExample}` : `${name} can be at most ${nf.format(max)}`;
  }
  return null;
}

/**
 * Messages keyed by the shown control each issue belongs beside ('' for issues no shown control owns), the
 * first per control. `authored` is the demo's own spec: its values are the examples.
 */
export function messagesByControl(
  issues: readonly SpecIssue[],
  spec: SpecInput,
  authored: SpecInput,
  shown: string[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const owner = controlForIssue(issue.path, spec, shown) ?? '';
    if (owner in out) continue;
    const def = owner ? controlNamed(owner) : undefined;
    out[owner] = (def && ruleMessage(def, def.read(spec), def.read(authored))) ?? issue.message;
  }
  return out;
}
