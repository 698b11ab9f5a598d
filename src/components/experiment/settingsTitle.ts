/**
 * A demo's title for its current settings: the embed page's heading and the iframe's `title` must not name
 * settings a shared link changed ("[784, 7, 1]" when the link sets [784, 20, 1]). Each changed setting that the
 * title states is rewritten in place; the others are listed after it: "… (seed 3, iterations 300)".
 */
import { overridesFrom } from './controls/hash';
import { controlNamed } from './controls/registry';
import type { ControlDef, SpecInput } from './controls/types';

/** Longest text one setting may add to a title (a hostile link's value is cut, not repeated at length). */
const MAX_VALUE = 40;

function shown(def: ControlDef<unknown>, value: unknown): string {
  let text: string;
  try {
    text = typeof value === 'string' || !def.format ? String(value) : def.format(value);
  } catch {
    text = String(value);
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Where the title states `value` as `def`'s setting: a list ("[784, 7, 1]") anywhere, a number only next to the
 * setting's name ("learning rate 10", "batch size 2", "308 training images", "2500 iterations"), so that a number
 * meaning something else ("50 test images") is never rewritten. -1 unless there is exactly one such place.
 */
function placeOf(title: string, def: ControlDef<unknown>, value: string): number {
  if (!value) return -1;
  const found: number[] = [];
  const re = new RegExp(`(?<![\\w.,])${escapeRegExp(value)}(?![\\w]|[.,]\\d)`, 'g');
  const names = [def.noun, def.short].filter((n) => n.length >= 2).map((n) => n.toLowerCase());
  for (const m of title.matchAll(re)) {
    const before = title.slice(0, m.index).toLowerCase();
    const nextWord = /^\s+([\w-]+)/.exec(title.slice(m.index + value.length))?.[1]?.toLowerCase() ?? '';
    const named =
      value.startsWith('[') ||
      names.some((n) => before.endsWith(`${n} `) || before.endsWith(`${n} = `) || before.endsWith(`${n}: `)) ||
      names.some((n) => nextWord !== '' && (nextWord.startsWith(n) || n.startsWith(nextWord)) && nextWord.length >= 3);
    if (named) found.push(m.index);
  }
  return found.length === 1 ? found[0] : -1;
}

/** `title` as it reads with the settings of `current` rather than those of `base` (the demo's own spec). */
export function settingsTitle(title: string, base: SpecInput, current: SpecInput): string {
  let changed: Record<string, unknown>;
  try {
    changed = overridesFrom(base, current);
  } catch {
    return title;
  }
  let out = title;
  const listed: string[] = [];
  for (const [name, now] of Object.entries(changed)) {
    const def = controlNamed(name);
    if (!def) continue;
    const was = def.read(base);
    const after = shown(def, now);
    const before = was === undefined ? '' : shown(def, was);
    const at = placeOf(out, def, before);
    if (at >= 0) out = `${out.slice(0, at)}${after}${out.slice(at + before.length)}`;
    else listed.push(def.short ? `${def.short} ${after}` : after);
  }
  return listed.length ? `${out} (${listed.join(', ')})` : out;
}
