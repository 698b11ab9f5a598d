/**
 * Spec patches: the changed parts of a spec, as one nested object (`{ optimizer: { learningRate: 0.5 } }`).
 * The page builds one from a control's `apply` (what changed between the run's spec and the spec with the new
 * value); the engine merges it into the run's spec at the next step (train/live.ts). Pure: no tfjs, no validator,
 * so the page can import it without loading either.
 */

/** The changed parts of a spec: objects nest, anything else (numbers, strings, arrays) is replaced whole. */
export type SpecPatch = { [key: string]: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What `after` changes in `before`: only the differing leaves (arrays compared and sent whole); {} when nothing. */
export function specPatch(before: unknown, after: unknown): SpecPatch {
  const out: SpecPatch = {};
  if (!isObject(after)) return out;
  const was = isObject(before) ? before : {};
  for (const [key, value] of Object.entries(after)) {
    if (same(value, was[key])) continue;
    if (isObject(value) && isObject(was[key])) {
      const inner = specPatch(was[key], value);
      if (Object.keys(inner).length) out[key] = inner;
    } else out[key] = structuredClone(value);
  }
  return out;
}

/** `spec` with `patch` merged in: a new object (the input is never changed); objects merge, anything else replaces. */
export function mergePatch<T>(spec: T, patch: SpecPatch): T {
  const out: Record<string, unknown> = isObject(spec) ? { ...spec } : {};
  for (const [key, value] of Object.entries(patch)) {
    out[key] = isObject(value) && isObject(out[key]) ? mergePatch(out[key], value) : structuredClone(value);
  }
  return out as T;
}

/** Whether a patch changes nothing. */
export const isEmptyPatch = (patch: SpecPatch): boolean => Object.keys(patch).length === 0;

/**
 * The dotted paths where `a` and `b` differ, as finely as they can be told apart: objects key by key, arrays of
 * the same length item by item (`model.layers.3.rate`); arrays of different lengths as one path.
 */
export function changedPaths(a: unknown, b: unknown, prefix = ''): string[] {
  if (same(a, b)) return [];
  const at = (k: string | number) => (prefix ? `${prefix}.${k}` : String(k));
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) return a.flatMap((x, i) => changedPaths(x, b[i], at(i)));
  if (isObject(a) && isObject(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
    return keys.flatMap((k) => changedPaths(a[k], b[k], at(k)));
  }
  return [prefix];
}
