/**
 * What an older build left in Cache Storage is replaced: a damaged or stale entry at a current file's address is
 * fetched again (and only verified bytes are kept), files the current manifest no longer lists and data caches
 * of another version are deleted — but only when a fresh manifest arrived, never offline.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBrowserSource, DATA_CACHE, manifestFiles } from '../../../src/engine/data/source-browser';
import { loadExperimentData } from '../../../src/engine/data/source';
import { sha256Hex } from '../../../src/engine/data/sha256';
import type { SubsetRequest } from '../../../src/engine/data/subset';
import { DATA_DIR, ensureData, readManifest } from './helpers';

beforeAll(() => ensureData());

const request: SubsetRequest = {
  dataset: 'fashion-mnist',
  task: { kind: 'binary', positive: [8] },
  train: 209,
  validation: 0,
  test: 50,
  counts: { positive: 72, negative: 137 },
  seed: 1,
};

/** Serves public/data under /data/; `online` false answers like a dropped connection. */
function server() {
  const state = { online: true, requests: [] as string[] };
  const fetch = (async (input: RequestInfo | URL) => {
    const url = String(input);
    state.requests.push(url);
    if (!state.online) throw new TypeError('Failed to fetch');
    try {
      return new Response(new Uint8Array(await readFile(join(DATA_DIR, url.replace(/^\/data\//, '')))));
    } catch {
      return new Response('not found', { status: 404 });
    }
  }) as typeof globalThis.fetch;
  return { fetch, state };
}

/** In-memory CacheStorage with keys() and delete(), as browsers have. */
function caches() {
  const buckets = new Map<string, Map<string, Uint8Array>>();
  const bucket = (name: string) => {
    if (!buckets.has(name)) buckets.set(name, new Map());
    const b = buckets.get(name)!;
    return {
      match: async (u: string) => (b.has(String(u)) ? new Response(b.get(String(u))!.slice() as Uint8Array<ArrayBuffer>) : undefined),
      put: async (u: string, res: Response) => void b.set(String(u), new Uint8Array(await res.arrayBuffer())),
      delete: async (u: string | { url: string }) => b.delete(typeof u === 'string' ? u : u.url),
      keys: async () => [...b.keys()].map((url) => ({ url })),
    };
  };
  const storage = {
    open: async (name: string) => bucket(name),
    keys: async () => [...buckets.keys()],
    delete: async (name: string) => buckets.delete(name),
  };
  return { storage: storage as unknown as CacheStorage, buckets, bucket };
}

describe('stale Cache Storage from an older build', () => {
  it('replaces a stale entry, drops unlisted files and old caches, and keeps only verified bytes', async () => {
    const manifest = await readManifest('fashion-mnist');
    const shard = manifest.splits.train.shards[0].images;
    const address = `/data/fashion-mnist/${shard.file}`;
    const { storage, buckets, bucket } = caches();
    // An older build: a file of the same name with other bytes, a file this manifest does not list, an old bucket.
    await bucket(DATA_CACHE).put(address, new Response(new Uint8Array(shard.bytes).fill(7)));
    await bucket(DATA_CACHE).put('/data/fashion-mnist/train-00.000000000000.images.bin', new Response(new Uint8Array(10)));
    await bucket(DATA_CACHE).put('/data/mnist/train-00.111111111111.images.bin', new Response(new Uint8Array(10)));
    await bucket('learning-curves-data-v0').put(address, new Response(new Uint8Array(10)));
    await bucket('learning-curves-shell-abc').put('/index.html', new Response('<p>'));
    const net = server();
    const data = await loadExperimentData(createBrowserSource({ fetch: net.fetch, caches: storage }), request);
    expect(data.train.n).toBe(209);
    expect(net.state.requests).toContain(address);
    const kept = buckets.get(DATA_CACHE)!;
    expect(await sha256Hex(kept.get(address)!)).toBe(shard.sha256);
    expect(kept.has('/data/fashion-mnist/train-00.000000000000.images.bin')).toBe(false);
    // Another dataset's files are judged by that dataset's manifest, not this one.
    expect(kept.has('/data/mnist/train-00.111111111111.images.bin')).toBe(true);
    expect([...buckets.keys()].sort()).toEqual([DATA_CACHE, 'learning-curves-shell-abc']);
    const listed = new Set(manifestFiles(manifest).map((e) => `/data/fashion-mnist/${e.file}`));
    for (const key of kept.keys())
      if (key.startsWith('/data/fashion-mnist/')) expect(listed.has(key) || key.endsWith('manifest.json')).toBe(true);
  });

  it('offline, prunes nothing and trains from what the cache holds', async () => {
    const { storage, buckets, bucket } = caches();
    const net = server();
    await loadExperimentData(createBrowserSource({ fetch: net.fetch, caches: storage }), request);
    await bucket(DATA_CACHE).put('/data/fashion-mnist/train-99.000000000000.images.bin', new Response(new Uint8Array(3)));
    await bucket('learning-curves-data-v0').put('/x', new Response('x'));
    net.state.online = false;
    net.state.requests.length = 0;
    const data = await loadExperimentData(createBrowserSource({ fetch: net.fetch, caches: storage }), request);
    expect(data.test.n).toBe(50);
    expect(net.state.requests).toEqual(['/data/fashion-mnist/manifest.json']);
    expect(buckets.get(DATA_CACHE)!.has('/data/fashion-mnist/train-99.000000000000.images.bin')).toBe(true);
    expect(buckets.has('learning-curves-data-v0')).toBe(true);
  });

  it('a corrupt download is refused by name and never cached', async () => {
    const { storage, buckets } = caches();
    const net = server();
    const damaged = (async (input: RequestInfo | URL) => {
      const res = await net.fetch(input);
      if (!String(input).includes('train-00') || !String(input).endsWith('.images.bin')) return res;
      const bytes = new Uint8Array(await res.arrayBuffer());
      return new Response(bytes.slice(0, 1000));
    }) as typeof globalThis.fetch;
    await expect(loadExperimentData(createBrowserSource({ fetch: damaged, caches: storage }), request)).rejects.toThrow(
      /^train-00\.images\.bin is corrupt or truncated \(expected 1568000 bytes, got 1000\)$/,
    );
    expect([...buckets.get(DATA_CACHE)!.keys()].filter((k) => k.includes('train-00') && k.includes('images'))).toEqual([]);
  });
});
