/**
 * Every control the kit offers, collected from `defs/*.tsx` (one file per control: add a file, and demos can
 * name it). Ordered by `order`, which is also the order of the URL hash.
 */
import type { ControlDef } from './types';

const modules = import.meta.glob<{ control: ControlDef<never> }>('./defs/*.tsx', { eager: true });

export const CONTROLS: readonly ControlDef<unknown>[] = Object.values(modules)
  .map((m) => m.control as unknown as ControlDef<unknown>)
  .sort((a, b) => a.order - b.order);

const byName = new Map(CONTROLS.map((c) => [c.name, c]));
const byKey = new Map(CONTROLS.map((c) => [c.key, c]));

export function controlNamed(name: string): ControlDef<unknown> | undefined {
  return byName.get(name);
}

export function controlWithKey(key: string): ControlDef<unknown> | undefined {
  return byKey.get(key);
}
