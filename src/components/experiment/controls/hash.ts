/**
 * Demo state in the URL hash, so an instructor can share a link that restores a demo's controls.
 *
 * One demo's state is a compact query string built from the control registry, e.g.
 * `lr=0.54&sizes=784-7-1&it=2500&bs=full&seed=3`; a page's hash holds several demos as
 * `#<demoId>:<state>;<demoId2>:<state>`. Decoding never throws: unreadable values become issues, and the
 * values themselves are validated later by `parseSpec(applyOverrides(spec, overrides))`, which explains
 * out-of-range settings in words.
 */
import { shown } from '../../../engine/spec/vocabulary';
import type { SpecIssue } from '../../../engine/spec/parse';
import { CONTROLS, controlNamed, controlWithKey } from './registry';
import type { ControlDef, Overrides, SpecInput } from './types';

function safeDecode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether `value` is something the control can write to a hash (not raw text the reader is still typing). */
function encodable(def: ControlDef<unknown>, value: unknown): boolean {
  try {
    const back = def.decode(def.encode(value));
    return back.ok && same(back.value, value);
  } catch {
    return false;
  }
}

/** Encodes overrides compactly and readably, in registry order; values a control cannot encode are left out. */
export function encodeOverrides(overrides: Overrides): string {
  return CONTROLS.filter((c) => overrides[c.name] !== undefined && encodable(c, overrides[c.name]))
    .map((c) => `${c.key}=${encodeURIComponent(c.encode(overrides[c.name]))}`)
    .join('&');
}

/** Decodes `encodeOverrides` output. Never throws: unreadable or unknown entries are skipped and reported. */
export function decodeOverrides(text: string): { overrides: Overrides; issues: SpecIssue[] } {
  const overrides: Overrides = {};
  const issues: SpecIssue[] = [];
  for (const entry of String(text ?? '')
    .replace(/^[#?]/, '')
    .split('&')) {
    if (entry.trim() === '') continue;
    const eq = entry.indexOf('=');
    const name = safeDecode(eq < 0 ? entry : entry.slice(0, eq))?.trim() ?? entry;
    const raw = eq < 0 ? null : safeDecode(entry.slice(eq + 1));
    const def = controlWithKey(name);
    if (!def) {
      issues.push({ path: name, message: `unknown setting ${shown(name)}` });
      continue;
    }
    const path = def.paths({} as SpecInput)[0] ?? def.name;
    if (raw === null) {
      issues.push({ path, message: `${def.noun} has no readable value` });
      continue;
    }
    const decoded = def.decode(raw.trim());
    if (decoded.ok) overrides[def.name] = decoded.value;
    else issues.push({ path, message: decoded.message });
  }
  for (const def of CONTROLS) {
    for (const other of def.excludes ?? []) {
      if (overrides[def.name] !== undefined && overrides[other] !== undefined) {
        const o = controlNamed(other)!;
        issues.push({
          path: 'training.duration',
          message: `give ${def.noun} (${def.key}) or ${o.noun} (${o.key}), not both; using the ${def.noun}`,
        });
        delete overrides[other];
      }
    }
  }
  return { overrides, issues };
}

/** The hash's `id:state` parts, in order; parts without a colon (plain anchors) are kept as they are. */
function hashParts(hash: string): { id: string | null; raw: string; state: string }[] {
  let text = String(hash ?? '').replace(/^#/, '');
  // Some apps percent-encode a pasted link's hash ("lr-puzzle%3Alr%3D0.5"): decode it once.
  if (!text.includes(':')) text = safeDecode(text) ?? text;
  return text
    .split(';')
    .filter((p) => p !== '')
    .map((raw) => {
      const colon = raw.indexOf(':');
      if (colon < 0) return { id: null, raw, state: '' };
      return { id: safeDecode(raw.slice(0, colon)), raw, state: raw.slice(colon + 1) };
    });
}

/** The ids of the demos a page hash names (`#id:state;id2:state`), in order. */
export function demoIdsIn(hash: string): string[] {
  return hashParts(hash).flatMap((p) => (p.id ? [p.id] : []));
}

/** The overrides stored for `demoId` in a page hash (`#id:state;id2:state`), or null if there are none. */
export function readDemoState(hash: string, demoId: string): Overrides | null {
  const part = hashParts(hash).find((p) => p.id === demoId);
  return part ? decodeOverrides(part.state).overrides : null;
}

/** `demoId`'s part of a page hash: the overrides it could read and what it could not (empty when absent). */
export function readDemoLink(hash: string, demoId: string): { overrides: Overrides; issues: SpecIssue[] } {
  const part = hashParts(hash).find((p) => p.id === demoId);
  return part ? decodeOverrides(part.state) : { overrides: {}, issues: [] };
}

/**
 * Returns `hash` with `demoId`'s part replaced by `overrides` (appended if absent, removed if the
 * overrides are empty); other parts are kept. The result starts with "#", or is "" when nothing remains.
 */
export function writeDemoState(hash: string, demoId: string, overrides: Overrides): string {
  const state = encodeOverrides(overrides);
  const mine = state ? `${encodeURIComponent(demoId)}:${state}` : null;
  const parts = hashParts(hash);
  const at = parts.findIndex((p) => p.id === demoId);
  const raws = parts.filter((p) => p.id !== demoId).map((p) => p.raw);
  if (mine) raws.splice(at < 0 ? raws.length : at, 0, mine);
  return raws.length ? `#${raws.join(';')}` : '';
}

/** Returns a copy of `spec` with `overrides` applied (registry order); each control ignores specs it does not apply to. */
export function applyOverrides(spec: SpecInput, overrides: Overrides): SpecInput {
  const out = structuredClone(spec);
  for (const def of CONTROLS) {
    const value = overrides[def.name];
    if (value === undefined) continue;
    if (def.appliesTo && !def.appliesTo(out)) continue;
    // Iterations win over epochs when both are given.
    if (CONTROLS.some((d) => d.excludes?.includes(def.name) && overrides[d.name] !== undefined)) continue;
    def.apply(out, value);
  }
  return out;
}

/**
 * The overrides that turn `base` into `current`: only the controls whose value differs — from `base` with the
 * overrides chosen so far applied, so a value one control already sets (the layer stack's dropout layer) is
 * not written again by another (the dropout rate).
 */
export function overridesFrom(base: SpecInput, current: SpecInput): Overrides {
  const o: Overrides = {};
  for (const def of CONTROLS) {
    if (def.appliesTo && !def.appliesTo(current)) continue;
    const now = def.read(current);
    if (now !== undefined && !same(now, def.read(applyOverrides(base, o)))) o[def.name] = now;
  }
  return o;
}

/**
 * Which of `shown` controls a spec issue at `path` belongs beside — the one owning the longest matching path
 * (the dropout rate's `model.layers.5.rate` before the layer stack's `model.layers`); for an issue about a whole
 * section, the shown control that sets a field in it; null if none does.
 */
export function controlForIssue(path: string, spec: SpecInput, shown: string[]): string | null {
  let best: { name: string; length: number } | null = null;
  for (const name of shown) {
    const def = controlNamed(name);
    if (def?.appliesTo && !def.appliesTo(spec)) continue;
    for (const p of def?.paths(spec) ?? []) {
      if ((path === p || path.startsWith(`${p}.`)) && p.length > (best?.length ?? -1)) best = { name, length: p.length };
    }
  }
  if (best) return best.name;
  // An issue about the section that holds a shown control's field ("training.duration", whose iterations are not
  // a whole number): that control, when it is the one the spec sets.
  if (path) {
    for (const name of shown) {
      const def = controlNamed(name);
      if (!def || (def.appliesTo && !def.appliesTo(spec)) || def.read(spec) === undefined) continue;
      if (def.paths(spec).some((p) => p.startsWith(`${path}.`))) return name;
    }
  }
  return null;
}

/**
 * A run label from what differs between `overrides` and `previous` (all of `overrides` when there is no
 * previous run): "lr 0.54", "[784, 7, 1]", "seed 3"; several changes joined with ", ". A control dropped since
 * `previous` reads "<name> default". Returns '' when nothing differs.
 */
export function labelFromOverrides(overrides: Overrides, previous?: Overrides): string {
  const parts: string[] = [];
  for (const def of CONTROLS) {
    const now = overrides[def.name];
    const before = previous?.[def.name];
    if (previous ? same(now, before) : now === undefined) continue;
    const shownValue = now === undefined ? 'default' : def.format && typeof now !== 'string' ? def.format(now) : String(now);
    parts.push(def.short ? `${def.short} ${shownValue}` : shownValue);
  }
  return parts.join(', ');
}
