/**
 * The site's data files as the browser keeps them: fetched from `<baseUrl>data/<dataset>/<file>` (streamed, with
 * progress) and kept in a Cache Storage bucket once their SHA-256 matches. No manifest parsing here (and no zod):
 * the training worker's ShardSource (source-browser.ts) adds the manifest, and the page's prefetch
 * (src/components/site/prefetch-data.ts) uses this alone, so fetching ahead loads no validator.
 */
import { displayName, matches } from './integrity';
import type { FileEntry } from './manifest';

/** Name of the Cache Storage bucket holding data files; bump the suffix to drop old caches. */
export const DATA_CACHE = 'learning-curves-data-v1';
/** Every data cache this book ever made starts so; the ones not named DATA_CACHE are an older build's. */
export const DATA_CACHE_PREFIX = 'learning-curves-data-';

export interface FileCacheOptions {
  /** The site's base path ending in "/", e.g. import.meta.env.BASE_URL. Default "/". */
  baseUrl?: string;
  /** Cache Storage bucket. Default DATA_CACHE. */
  cacheName?: string;
  /** Injected for tests; defaults to globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
  /** Injected for tests; defaults to globalThis.caches. null disables caching. */
  caches?: CacheStorage | null;
}

export function createFileCache(options: FileCacheOptions = {}) {
  const base = (options.baseUrl ?? '/').replace(/\/?$/, '/');
  const cacheName = options.cacheName ?? DATA_CACHE;
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const storage = options.caches !== undefined ? options.caches : ((globalThis as { caches?: CacheStorage }).caches ?? null);
  const url = (dataset: string, file: string) => `${base}data/${dataset}/${file}`;

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
      throw new Error(`could not download ${what} (${(err as Error).message}); check the connection and try again`, { cause: err });
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

  return {
    cacheName,
    storage,
    url,
    openCache,

    /**
     * `dataset`'s manifest.json, revalidated every time (its name carries no checksum) and kept, unparsed; offline,
     * the copy kept from an earlier visit (`fresh` false). Throws if there is neither.
     */
    async manifestResponse(dataset: string): Promise<{ response: Response; fresh: boolean }> {
      const address = url(dataset, 'manifest.json');
      const cache = await openCache();
      try {
        const response = await get(address, `the ${dataset} manifest`, { cache: 'no-cache' });
        if (cache) await cache.put(address, response.clone()).catch(() => undefined);
        return { response, fresh: true };
      } catch (err) {
        const kept = cache ? await cache.match(address) : undefined;
        if (!kept) throw err;
        return { response: kept, fresh: false };
      }
    },

    /** True if the bucket already holds `entry` (as stored, unverified: its reader verifies on use). */
    async cached(dataset: string, entry: FileEntry): Promise<boolean> {
      const cache = await openCache();
      return Boolean(cache && (await cache.match(url(dataset, entry.file)).catch(() => undefined)));
    },

    /**
     * The bytes of `entry`: from the bucket if kept there and intact (a damaged copy is deleted and fetched again,
     * once), else downloaded. Only bytes that match the entry's SHA-256 are kept; others are returned unkept, for
     * the caller to verify and report.
     */
    async file(dataset: string, entry: FileEntry, onProgress?: (loadedBytes: number, totalBytes: number) => void): Promise<Uint8Array> {
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
      if (cache && (await matches(entry, bytes))) {
        const stored = new Response(bytes as Uint8Array<ArrayBuffer>, { headers: { 'content-type': 'application/octet-stream' } });
        await cache.put(address, stored).catch(() => undefined); // quota exceeded etc.: just don't cache
      }
      return bytes;
    },
  };
}

export type FileCache = ReturnType<typeof createFileCache>;
