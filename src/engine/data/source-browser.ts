/**
 * A ShardSource for the browser and Web Workers: files are fetched from this site
 * (`<baseUrl>data/<dataset>/<file>`), streamed to report progress, and kept in Cache Storage so a
 * second visit downloads nothing. File names contain their checksum, so a cached file never goes
 * stale; it is still verified, and a damaged cache entry is deleted and fetched again once. What older builds
 * left behind — files the current manifest no longer lists, data caches of another version — is deleted
 * whenever a fresh manifest arrives (never offline, when the cache is all there is).
 */
import { displayName, matches } from './integrity';
import { parseManifest, SOURCE_SPLITS, type FileEntry, type Manifest } from './manifest';
import type { ShardSource } from './source';

/** Name of the Cache Storage bucket holding data files; bump the suffix to drop old caches. */
export const DATA_CACHE = 'learning-curves-data-v1';
/** Every data cache this book ever made starts so; the ones not named DATA_CACHE are an older build's. */
export const DATA_CACHE_PREFIX = 'learning-curves-data-';

/** Every file a manifest lists. */
export const manifestFiles = (m: Manifest): FileEntry[] => SOURCE_SPLITS.flatMap((split) => m.splits[split].shards.flatMap((sh) => [sh.images, sh.labels]));

/** An address as Cache Storage keys it (absolute where there is a location to resolve against). */
function absolute(address: string): string {
  try {
    return new URL(address, (globalThis as { location?: { href: string } }).location?.href).href;
  } catch {
    return address;
  }
}

export interface BrowserSourceOptions {
  /** The site's base path ending in "/", e.g. import.meta.env.BASE_URL. Default "/". */
  baseUrl?: string;
  /** Cache Storage bucket. Default DATA_CACHE. */
  cacheName?: string;
  /** Injected for tests; defaults to globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  /** Injected for tests; defaults to globalThis.caches. null disables caching. */
  caches?: CacheStorage | null;
}

/** A ShardSource that can also say whether a file is already kept (to fetch ahead only what is missing). */
export interface BrowserShardSource extends ShardSource {
  /** True if Cache Storage already holds `entry` (as stored, unverified: the loader verifies on use). */
  cached(dataset: string, entry: FileEntry): Promise<boolean>;
}

export function createBrowserSource(options: BrowserSourceOptions = {}): BrowserShardSource {
  const base = (options.baseUrl ?? '/').replace(/\/?$/, '/');
  const cacheName = options.cacheName ?? DATA_CACHE;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const storage = options.caches !== undefined ? options.caches : (globalThis as { caches?: CacheStorage }).caches ?? null;
  const url = (dataset: string, file: string) => `${base}data/${dataset}/${file}`;
  const manifests = new Map<string, Promise<Manifest>>();

  /** The cache, or null where Cache Storage is missing or refused (private mode, insecure origin). */
  const openCache = async (): Promise<Cache | null> => {
    try {
      return storage ? await storage.open(cacheName) : null;
    } catch {
      return null;
    }
  };

  const get = async (address: string, what: string, init?: RequestInit): Promise<Response> => {
    let res: Response;
    try {
      res = await doFetch(address, init);
    } catch (err) {
      throw new Error(`could not download ${what} (${(err as Error).message}); check the connection and try again`);
    }
    if (!res.ok) throw new Error(`could not download ${what}: the server answered ${res.status} ${res.statusText}`.trim());
    return res;
  };

  /** Streams a response body, reporting bytes as they arrive. */
  const readBody = async (res: Response, expected: number, onProgress?: (loaded: number, total: number) => void) => {
    if (!res.body) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      onProgress?.(bytes.byteLength, expected);
      return bytes;
    }
    const reader = res.body.getReader();
    const chunks: Uint8Array[] = [];
    let loaded = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.byteLength;
      onProgress?.(Math.min(loaded, expected), expected);
    }
    const bytes = new Uint8Array(loaded);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return bytes;
  };

  const loadManifest = async (dataset: string): Promise<Manifest> => {
    const address = url(dataset, 'manifest.json');
    const cache = await openCache();
    let res: Response;
    let fresh = true;
    try {
      // Revalidate every time: the manifest's name carries no checksum.
      res = await get(address, `the ${dataset} manifest`, { cache: 'no-cache' });
      if (cache) await cache.put(address, res.clone()).catch(() => undefined);
    } catch (err) {
      // Offline: fall back to the manifest kept from an earlier visit, if any.
      const cached = cache ? await cache.match(address) : undefined;
      if (!cached) throw err;
      res = cached;
      fresh = false;
    }
    const manifest = parseManifest(await res.json(), `${dataset}/manifest.json`);
    if (fresh && cache) await pruneStale(cache, dataset, manifest).catch(() => undefined);
    return manifest;
  };

  /** Deletes older builds' data caches and the files of `dataset` that its current manifest does not list. */
  const pruneStale = async (cache: Cache, dataset: string, manifest: Manifest): Promise<void> => {
    for (const name of (await storage?.keys()) ?? []) if (name.startsWith(DATA_CACHE_PREFIX) && name !== cacheName) await storage!.delete(name);
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

    async cached(dataset: string, entry: FileEntry) {
      const cache = await openCache();
      return Boolean(cache && (await cache.match(url(dataset, entry.file)).catch(() => undefined)));
    },

    async file(dataset: string, entry: FileEntry, onProgress) {
      const address = url(dataset, entry.file);
      const cache = await openCache();
      if (cache) {
        const hit = await cache.match(address).catch(() => undefined);
        if (hit) {
          const bytes = new Uint8Array(await hit.arrayBuffer());
          if (await matches(entry, bytes)) {
            onProgress?.(bytes.byteLength, entry.bytes);
            return bytes;
          }
          await cache.delete(address).catch(() => false); // damaged entry: fetch it again, once
        }
      }
      const bytes = await readBody(await get(address, displayName(entry.file)), entry.bytes, onProgress);
      // Only verified bytes are cached; the loader reports a mismatch as a DataIntegrityError.
      if (cache && (await matches(entry, bytes))) {
        const stored = new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
        await cache.put(address, stored).catch(() => undefined); // quota exceeded etc.: just don't cache
      }
      return bytes;
    },
  };
}
