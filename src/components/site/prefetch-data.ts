/**
 * Fetches ahead, into the training worker's data cache, the files that the demos on a page read with their own
 * settings (from `data-needs.json`), so that after one visit they train without a network. Loaded on idle by
 * offline.ts, only where the service worker keeps the pages. Files already kept are not fetched again; every
 * file is verified against its SHA-256 before it is kept, as the worker does, and a bad one is simply not kept.
 * It uses the worker's file cache but not its manifest parser: fetching ahead loads no validator (zod).
 */
import { createFileCache } from '../../engine/data/file-cache';
import { mergeNeeds, type DataNeeds } from './data-needs-list';

/** At most this much is fetched ahead per page (about six shards of 2,000 images); a reader's Train fetches the rest. */
export const PREFETCH_BYTES = 10 * 1024 * 1024;

export interface PrefetchOptions {
  /** The site's base path ending in "/". */
  baseUrl: string;
  maxBytes?: number;
  /** Injected for tests; default globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  /** Injected for tests; default globalThis.caches. */
  caches?: CacheStorage | null;
}

export interface PrefetchResult {
  /** Files downloaded, verified and kept now. */
  fetched: number;
  /** Their bytes. */
  bytes: number;
  /** Files that were kept already. */
  kept: number;
  /** Files left for later: over the byte budget, or failed (download or checksum). */
  left: string[];
}

export async function prefetchData(demoIds: string[], options: PrefetchOptions): Promise<PrefetchResult> {
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const maxBytes = options.maxBytes ?? PREFETCH_BYTES;
  const res = await doFetch(`${options.baseUrl}data-needs.json`);
  if (!res.ok) throw new Error(`data-needs.json: the server answered ${res.status}`);
  const needs = (await res.json()) as DataNeeds;
  const wanted = mergeNeeds(demoIds.map((id) => (Object.hasOwn(needs.demos, id) ? needs.demos[id] : [])));
  const files = createFileCache({ baseUrl: options.baseUrl, fetch: doFetch, caches: options.caches });
  const result: PrefetchResult = { fetched: 0, bytes: 0, kept: 0, left: [] };
  for (const { dataset, files: entries } of wanted) {
    // Keeps the manifest too: offline, the worker reads the copy kept (and checks it then).
    await files.manifestResponse(dataset);
    for (const entry of entries) {
      if (await files.cached(dataset, entry)) {
        result.kept += 1;
        continue;
      }
      if (result.bytes + entry.bytes > maxBytes) {
        result.left.push(entry.file);
        continue;
      }
      await files.file(dataset, entry).catch(() => null);
      if (await files.cached(dataset, entry)) {
        result.fetched += 1;
        result.bytes += entry.bytes;
      } else result.left.push(entry.file);
    }
  }
  return result;
}
