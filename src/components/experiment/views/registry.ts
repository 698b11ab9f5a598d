/** Every view the kit offers, collected from `defs/*.tsx` (one file per view). */
import type { ExperimentSpecInput } from '../../../engine/spec/schema';
import type { ViewDef, ViewRef } from './types';
import { viewRefName, viewRefOptions } from './types';

const modules = import.meta.glob<{ view: ViewDef<never> }>('./defs/*.tsx', { eager: true });

export const VIEWS: readonly ViewDef<Record<string, unknown>>[] = Object.values(modules).map(
  (m) => m.view as unknown as ViewDef<Record<string, unknown>>,
);

const byName = new Map(VIEWS.map((v) => [v.name, v]));

export function viewNamed(name: string): ViewDef<Record<string, unknown>> | undefined {
  return byName.get(name);
}

/** `spec` with the recording its views need switched on (never switched off). */
export function withViewNeeds(spec: ExperimentSpecInput, views: ViewRef[]): ExperimentSpecInput {
  const record: Record<string, unknown> = { ...(spec.record ?? {}) };
  for (const ref of views) {
    const needs = viewNamed(viewRefName(ref))?.needs?.(viewRefOptions(ref)) ?? {};
    for (const [k, v] of Object.entries(needs)) if (v) record[k] = v;
  }
  return { ...spec, record: record as ExperimentSpecInput['record'] };
}
