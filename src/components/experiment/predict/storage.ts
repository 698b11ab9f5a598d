/**
 * A reader's prediction per demo, kept in this browser's localStorage (never sent anywhere): what they committed and
 * when, or that they skipped. Storage that is full, blocked or holds something else reads as "nothing yet".
 */
import type { Prediction } from './compare';

export type Kept = { prediction: Prediction; at: number } | { skipped: true };

const key = (demoId: string) => `lc-predict:${demoId}`;

function valid(v: unknown): v is Kept {
  if (!v || typeof v !== 'object') return false;
  const o = v as Record<string, unknown>;
  if (o.skipped === true) return true;
  const p = o.prediction as Record<string, unknown> | undefined;
  if (!p || typeof o.at !== 'number') return false;
  return (
    typeof p.option === 'string' ||
    (Array.isArray(p.curve) && p.curve.length > 0 && p.curve.every((y) => typeof y === 'number' && Number.isFinite(y)))
  );
}

export function readKept(demoId: string, storage: Pick<Storage, 'getItem'> | null = globalThis.localStorage ?? null): Kept | null {
  try {
    const v: unknown = JSON.parse(storage?.getItem(key(demoId)) ?? 'null');
    return valid(v) ? v : null;
  } catch {
    return null;
  }
}

export function writeKept(
  demoId: string,
  kept: Kept | null,
  storage: Pick<Storage, 'setItem' | 'removeItem'> | null = globalThis.localStorage ?? null,
): void {
  try {
    if (kept) storage?.setItem(key(demoId), JSON.stringify(kept));
    else storage?.removeItem(key(demoId));
  } catch {
    // Full or blocked storage: the prediction lasts as long as the page.
  }
}
