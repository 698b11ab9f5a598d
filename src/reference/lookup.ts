/**
 * Figures from the book's reference runs (src/reference/<name>.json, written by scripts/reference/<name>.ref.ts with
 * the setup they ran under). `<Ref k="learning-rate.survey.allDead" />` in a chapter reads one; an unknown key fails
 * the build and tests/unit/chapters/reference.test.ts.
 */
const files = import.meta.glob<Record<string, unknown>>('./*.json', { eager: true, import: 'default' });

export const REFERENCE: Record<string, unknown> = Object.fromEntries(
  Object.entries(files).map(([path, data]) => [path.replace(/^\.\/|\.json$/g, ''), data]),
);

/** The value at a dotted key ("learning-rate.learner.finalCost"), or undefined. */
export function lookup(key: string, root: Record<string, unknown> = REFERENCE): unknown {
  return key
    .split('.')
    .reduce<unknown>(
      (at, part) => (at !== null && typeof at === 'object' && Object.hasOwn(at, part) ? (at as Record<string, unknown>)[part] : undefined),
      root,
    );
}

export type RefFormat = 'number' | 'percent' | 'list' | 'count' | 'range';

const nf = new Intl.NumberFormat('en', { maximumFractionDigits: 20 });

/**
 * A reference value as the prose shows it: numbers as written (whole numbers from 1,000 with separators, a true minus
 * sign), or to `digits` decimals; shares as % (to `digits` decimals); lists with "and"; `count` the length of a list;
 * `range` a spread { min, max } as "min–max" (one number when the two agree at the digits shown).
 */
export function formatRef(value: unknown, format: RefFormat = 'number', digits?: number): string {
  if (format === 'list' && Array.isArray(value)) {
    const items = value.map((v) => formatRef(v, 'number', digits));
    return items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
  }
  if (format === 'count' && Array.isArray(value)) return nf.format(value.length);
  // A spread over seeds, { min, max }: "0.807–0.831", or one number when they agree (one seed, or all alike).
  if (format === 'range' && value !== null && typeof value === 'object' && 'min' in value && 'max' in value) {
    const [lo, hi] = [formatRef(value.min, 'number', digits), formatRef(value.max, 'number', digits)];
    return lo === hi ? lo : `${lo}–${hi}`;
  }
  // A no-break space: "100 %" never splits across lines.
  if (format === 'percent' && typeof value === 'number') return `${(value * 100).toFixed(digits ?? 0)}\u00a0%`;
  if (typeof value === 'number') {
    const text =
      digits !== undefined ? value.toFixed(digits) : Number.isInteger(value) && Math.abs(value) >= 1000 ? nf.format(value) : String(value);
    return text.replace(/^-/, '−');
  }
  if (typeof value === 'string') return value;
  throw new Error(`reference value ${JSON.stringify(value)} cannot be shown as ${format}`);
}

/** The text for `<Ref k={key} format={format} />`; throws (failing the build) on a key the data lacks. */
export function refText(key: string, format?: RefFormat, digits?: number): string {
  const value = lookup(key);
  if (value === undefined)
    throw new Error(`<Ref k="${key}">: no such figure in src/reference/ (run npm run reference -- ${key.split('.')[0]})`);
  return formatRef(value, format, digits);
}
