/**
 * The browser ShardSource (src/engine/data/source-browser.ts) in Node, with a fake server (serving
 * public/data in small chunks) and an in-memory Cache Storage.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DataIntegrityError } from '../../../src/engine/data/integrity';
import { createBrowserSource, DATA_CACHE } from '../../../src/engine/data/source-browser';
import { loadExperimentData, type LoadProgress } from '../../../src/engine/data/source';
import type { SubsetRequest } from '../../../src/engine/data/subset';
import { ensureData, fakeCaches, fakeServer } from './helpers';

beforeAll(() => ensureData());

const bags: SubsetRequest = {
  dataset: 'fashion-mnist',
  task: { kind: 'binary', positive: [8] },
  train: 209,
  validation: 100,
  test: 50,
  counts: { positive: 72, negative: 137 },
  seed: 1,
};

describe('browser source', () => {
  it('streams with progress, caches verified files, and a second visit downloads no shard', async () => {
    const server = fakeServer();
    const { caches, buckets } = fakeCaches();
    const progress: LoadProgress[] = [];
    const first = await loadExperimentData(createBrowserSource({ baseUrl: '/book', fetch: server.fetch, caches }), bags, (p) =>
      progress.push(p),
    );
    expect(server.files()).toHaveLength(4);
    expect(server.files().every((u) => /^\/book\/data\/fashion-mnist\/(train|test)-00\.[0-9a-f]{12}\.(images|labels)\.bin$/.test(u))).toBe(
      true,
    );
    // 1.57 MB files in 64 KiB chunks: many intermediate reports, ending at exactly 1.
    expect(progress.filter((p) => p.fraction > 0 && p.fraction < 1).length).toBeGreaterThan(20);
    expect(progress.at(-1)!.fraction).toBe(1);
    expect([...buckets.get(DATA_CACHE)!.keys()].filter((k) => k.endsWith('.bin'))).toHaveLength(4);

    const again = await loadExperimentData(createBrowserSource({ baseUrl: '/book/', fetch: server.fetch, caches }), bags);
    expect(server.files()).toHaveLength(4); // nothing new downloaded
    expect(again.selection).toEqual(first.selection);
    expect(again.train.x).toEqual(first.train.x);
  });

  it('deletes a damaged cache entry and fetches that file again, once', async () => {
    const server = fakeServer();
    const { caches, buckets } = fakeCaches();
    const source = () => createBrowserSource({ baseUrl: '/book/', fetch: server.fetch, caches });
    await loadExperimentData(source(), bags);
    const bucket = buckets.get(DATA_CACHE)!;
    const key = [...bucket.keys()].find((k) => /train-00\..*\.images\.bin$/.test(k))!;
    bucket.set(key, bucket.get(key)!.subarray(0, 1000));
    await loadExperimentData(source(), bags);
    expect(server.files()).toHaveLength(5);
    expect(server.files()[4]).toBe(key);
    expect(bucket.get(key)!.byteLength).toBe(2000 * 784); // repaired
  });

  it('reports a file damaged on the server as a DataIntegrityError and does not cache it', async () => {
    const server = fakeServer((url, b) => (url.includes('test-00') && url.endsWith('.images.bin') ? b.subarray(0, 1000) : b));
    const { caches, buckets } = fakeCaches();
    const e = await loadExperimentData(createBrowserSource({ fetch: server.fetch, caches, baseUrl: '/book/' }), bags).catch(
      (x: unknown) => x,
    );
    expect(e).toBeInstanceOf(DataIntegrityError);
    expect((e as Error).message).toBe('test-00.images.bin is corrupt or truncated (expected 1568000 bytes, got 1000)');
    expect([...buckets.get(DATA_CACHE)!.keys()].some((k) => k.includes('test-00') && k.endsWith('.images.bin'))).toBe(false);
  });

  it('works without Cache Storage, and explains HTTP errors', async () => {
    const server = fakeServer();
    const d = await loadExperimentData(createBrowserSource({ baseUrl: '/book/', fetch: server.fetch, caches: null }), bags);
    expect(d.train.n).toBe(209);
    await loadExperimentData(createBrowserSource({ baseUrl: '/book/', fetch: server.fetch, caches: null }), bags);
    expect(server.files()).toHaveLength(8); // no cache: downloaded twice
    await expect(
      loadExperimentData(createBrowserSource({ baseUrl: '/elsewhere/', fetch: server.fetch, caches: null }), bags),
    ).rejects.toThrow('could not download the fashion-mnist manifest: the server answered 404 Not Found');
  });
});
