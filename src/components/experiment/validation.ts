/**
 * The spec validator (zod, parseSpec, summarize) loads on first need — a control changed, Train pressed, a
 * parameter table shown — not with the page: a reader who only reads never downloads it. Until then a demo
 * trusts its own authored spec, which a unit test validates for every demo in the book.
 */
import { signal } from '@preact/signals';

export type Validator = typeof import('./validatorImpl');

/** The loaded validator, or null until something needed it. */
export const validator = signal<Validator | null>(null);
let loading: Promise<Validator> | null = null;

export function loadValidator(): Promise<Validator> {
  loading ??= import('./validatorImpl').then((m) => (validator.value = m));
  return loading;
}
