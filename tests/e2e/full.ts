/**
 * `npm test` runs a representative slice of the slow, per-demo browser checks; `npm run test:full` (LC_FULL=1)
 * runs every one of them: every demo of the book trained at full size, hammered and audited, every hostile link
 * in a real browser. Run the full suite before changing the engine, the worker or the kit.
 */
export const FULL = !!process.env.LC_FULL;

/** All of `items` under `npm run test:full`; otherwise those `keep` picks (each must exist: a renamed page fails). */
export function slice<T>(items: T[], keep: (item: T) => boolean, expected: number): T[] {
  if (FULL) return items;
  const kept = items.filter(keep);
  if (kept.length !== expected)
    throw new Error(`the default slice should keep ${expected} items, found ${kept.length}: ${JSON.stringify(kept)}`);
  return kept;
}
