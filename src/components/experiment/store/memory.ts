/**
 * Kept runs in a map: the archive's storage for unit tests (and anywhere IndexedDB is not wanted). Values are
 * structured-cloned in and out, as IndexedDB does; `quota` (bytes, as `sizeOf` counts them) makes `put` reject
 * like a browser whose storage is full.
 */
import { sizeOf, type ArchiveBackend, type SavedMeta, type SavedRun } from './archive';

export interface MemoryBackend extends ArchiveBackend {
  /** Every stored run, by key. */
  readonly runs: Map<string, SavedRun>;
}

export function memoryBackend(options: { quota?: number } = {}): MemoryBackend {
  const metas = new Map<string, SavedMeta>();
  const runs = new Map<string, SavedRun>();
  return {
    runs,
    metas: async () => [...metas.values()].map((m) => ({ ...m })),
    load: async (keys) => keys.flatMap((k) => (runs.has(k) ? [structuredClone(runs.get(k)!)] : [])),
    put: async (meta, run) => {
      const used = [...runs.entries()].filter(([k]) => k !== meta.key).reduce((s, [, r]) => s + sizeOf(r), 0);
      if (options.quota !== undefined && used + sizeOf(run) > options.quota)
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      metas.set(meta.key, { ...meta });
      runs.set(meta.key, structuredClone(run));
    },
    remove: async (keys) => {
      for (const k of keys) {
        metas.delete(k);
        runs.delete(k);
      }
    },
  };
}
