/**
 * A ShardSource for the browser and Web Workers: files are fetched from this site
 * (`<baseUrl>data/<dataset>/<file>`), streamed to report progress, and kept in Cache Storage so a
 * second visit downloads nothing (file-cache.ts). File names contain their checksum, so a cached file never goes
 * stale; it is still verified, and a damaged cache entry is deleted and fetched again once. What older builds
 * left behind — files the current manifest no longer lists, data caches of another version — is deleted
 * whenever a fresh manifest arrives (never offline, when the cache is all there is).
 */
import { createFileCache, DATA_CACHE, DATA_CACHE_PREFIX, type FileCacheOptions } from './file-cache';
import { parseManifest, SOURCE_SPLITS, type FileEntry, type Manifest } from './manifest';
import type { ShardSource } from './source';

export { DATA_CACHE, DATA_CACHE_PREFIX };

/** Every file a manifest lists. */
export const manifestFiles = (m: Manifest): FileEntry[] =>
  SOURCE_SPLITS.flatMap((split) => m.splits[split].shards.flatMap((sh) => [sh.images, sh.labels]));

/** An address as Cache Storage keys it (absolute where there is a location to resolve against). */
function absolute(address: string): string {
  try {
    return new URL(address, (globalThis as { location?: { href: string } }).location?.href).href;
  } catch {
    return address;
  }
}

export type BrowserSourceOptions = FileCacheOptions;

export function createBrowserSource(options: BrowserSourceOptions = {}): ShardSource {
  const files = createFileCache(options);
  const { url, openCache, storage, cacheName } = files;
  const manifests = new Map<string, Promise<Manifest>>();

  const loadManifest = async (dataset: string): Promise<Manifest> => {
    const { response, fresh } = await files.manifestResponse(dataset);
    const manifest = parseManifest(await response.json(), `${dataset}/manifest.json`);
    const cache = fresh ? await openCache() : null;
    if (cache) await pruneStale(cache, dataset, manifest).catch(() => undefined);
    return manifest;
  };

  /** Deletes older builds' data caches and the files of `dataset` that its current manifest does not list. */
  const pruneStale = async (cache: Cache, dataset: string, manifest: Manifest): Promise<void> => {
    for (const name of (await storage?.keys()) ?? [])
      if (name.startsWith(DATA_CACHE_PREFIX) && name !== cacheName) await storage!.delete(name);
    const keep = new Set([url(dataset, 'manifest.json'), ...manifestFiles(manifest).map((e) => url(dataset, e.file))].map(absolute));
    const folder = absolute(url(dataset, ''));
    for (const request of await cache.keys()) if (request.url.startsWith(folder) && !keep.has(request.url)) await cache.delete(request);
  };

  return {
    manifest(dataset) {
      let m = manifests.get(dataset);
      if (!m) {
        m = loadManifest(dataset);
        manifests.set(dataset, m);
        m.catch(() => manifests.delete(dataset)); // let a later call retry
      }
      return m;
    },

    file: (dataset, entry, onProgress) => files.file(dataset, entry, onProgress),
  };
}
