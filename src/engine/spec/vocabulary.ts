/**
 * The spec's fixed words, and how a rejected value is shown, without zod: UI code (URL codecs, controls) uses
 * these on first paint, while the zod schema loads only when a spec must be validated.
 */
export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'softmax', 'linear'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

/** Longest MLP size list and layer list a spec (and a link) may give: deeper is a typo or an attack, not a lesson. */
export const MAX_MLP_SIZES = 64;
export const MAX_LAYERS = 200;

export const DATASETS = ['fashion-mnist', 'mnist'] as const;
/** Images in each dataset's canonical splits (Fashion-MNIST and MNIST alike): training (validation is held out of it) and test. */
export const SPLIT_SIZES = { train: 60_000, test: 10_000 } as const;
export type DatasetName = (typeof DATASETS)[number];

/** Renders a rejected value the way a reader typed it. */
export function shown(value: unknown): string {
  if (typeof value === 'string') return value.trim() === '' ? 'nothing' : JSON.stringify(value);
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
