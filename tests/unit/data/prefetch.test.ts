/**
 * Fetching a page's data ahead for offline use: `data-needs.json` lists exactly the files each demo's own run
 * reads (checked against the real loader), and the prefetcher keeps those files, verified, in the worker's data
 * cache, skips what is kept already, stays within its byte budget, and never keeps a damaged file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createBrowserSource, DATA_CACHE } from '../../../src/engine/data/source-browser';
import { createNodeSource } from '../../../src/engine/data/source-node';
import { loadExperimentData, type ShardSource } from '../../../src/engine/data/source';
import { parseSpec } from '../../../src/engine/spec/parse';
import { dataNeeds, type DataNeeds } from '../../../src/components/site/data-needs';
import { prefetchData } from '../../../src/components/site/prefetch-data';
import { allDemos, allGalleries, allSweeps } from '../../../src/demos';
import { ensureData, fakeCaches, fakeServer } from './helpers';

let needs: DataNeeds;
beforeAll(async () => {
  ensureData();
  const node = createNodeSource('public/data');
  needs = await dataNeeds([...allDemos, ...allSweeps], allGalleries, (d) => node.manifest(d));
});

/** The files a demo's run really reads, by loading its data through a recording source. */
async function filesRead(id: string): Promise<string[]> {
  const demo = allDemos.find((d) => d.id === id)!;
  const parsed = parseSpec(demo.spec);
  if (!parsed.ok) throw new Error('invalid demo');
  const node = createNodeSource('public/data');
  const read: string[] = [];
  const recording: ShardSource = { manifest: (d) => node.manifest(d), file: (d, e, p) => (read.push(e.file), node.file(d, e, p)) };
  await loadExperimentData(recording, { ...parsed.spec.data, seed: parsed.spec.seed });
  return read.sort();
}

describe('data-needs.json', () => {
  it('lists every demo, sweep and gallery of the book', () => {
    for (const { id } of [...allDemos, ...allSweeps, ...allGalleries]) expect(Object.keys(needs.demos)).toContain(id);
  });

  it('names exactly the files a demo’s own run reads', async () => {
    for (const id of ['pool-with', 'lr-stuck', 'loss-overfit', 'depth-mlp']) {
      expect(needs.demos[id].flatMap((n) => n.files.map((f) => f.file)).sort(), id).toEqual(await filesRead(id));
    }
  });

  it('gives a gallery the files of the demos it compares', () => {
    const gallery = allGalleries.find((g) => g.id === 'pool-gallery')!;
    const names = (id: string) => needs.demos[id].flatMap((n) => n.files.map((f) => f.file));
    expect(new Set(names('pool-gallery'))).toEqual(new Set(gallery.demos!.flatMap(names)));
  });
});

/** The fake server, also answering data-needs.json. */
function site(damage?: Parameters<typeof fakeServer>[0]) {
  const server = fakeServer(damage);
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) =>
    String(input) === '/book/data-needs.json' ? new Response(JSON.stringify(needs)) : server.fetch(input, init)) as typeof globalThis.fetch;
  return { ...server, fetch };
}

describe('prefetchData', () => {
  it('keeps a page’s files, verified, where the worker looks; a second visit fetches nothing; the worker then reads no shard', async () => {
    const net = site();
    const { caches, buckets } = fakeCaches();
    const ids = ['pool-with', 'pool-without', 'no-such-demo', '__proto__'];
    const first = await prefetchData(ids, { baseUrl: '/book/', fetch: net.fetch, caches, maxBytes: Infinity });
    const files = [...new Set(['pool-with', 'pool-without'].flatMap((id) => needs.demos[id].flatMap((n) => n.files.map((f) => f.file))))];
    expect(first).toMatchObject({ fetched: files.length, kept: 0, left: [] });
    expect([...buckets.get(DATA_CACHE)!.keys()].sort()).toEqual(
      ['/book/data/fashion-mnist/manifest.json', ...files.map((f) => `/book/data/fashion-mnist/${f}`)].sort(),
    );

    const second = await prefetchData(ids, { baseUrl: '/book/', fetch: net.fetch, caches, maxBytes: Infinity });
    expect(second).toMatchObject({ fetched: 0, kept: files.length });
    expect(net.files()).toHaveLength(files.length);

    // The training worker's load of that demo's data: every shard from the cache.
    const before = net.files().length;
    const spec = parseSpec(allDemos.find((d) => d.id === 'pool-with')!.spec);
    if (!spec.ok) throw new Error('invalid demo');
    await loadExperimentData(createBrowserSource({ baseUrl: '/book/', fetch: net.fetch, caches }), {
      ...spec.spec.data,
      seed: spec.spec.seed,
    });
    expect(net.files()).toHaveLength(before);
  });

  it('stays within its byte budget and leaves the rest for a Train', async () => {
    const net = site();
    const { caches } = fakeCaches();
    const result = await prefetchData(['pool-with'], { baseUrl: '/book/', fetch: net.fetch, caches, maxBytes: 2_000_000 });
    expect(result.bytes).toBeLessThanOrEqual(2_000_000);
    expect(result.fetched).toBeGreaterThan(0);
    expect(result.left.length).toBeGreaterThan(0);
    expect(result.fetched + result.left.length).toBe(needs.demos['pool-with'][0].files.length);
  });

  it('never keeps a damaged file', async () => {
    const net = site((url, bytes) =>
      url.includes('train-00.') && url.endsWith('.images.bin') ? bytes.map((b, i) => (i === 100 ? b ^ 1 : b)) : bytes,
    );
    const { caches, buckets } = fakeCaches();
    const result = await prefetchData(['pool-with'], { baseUrl: '/book/', fetch: net.fetch, caches, maxBytes: Infinity });
    expect(result.left).toEqual([expect.stringMatching(/^train-00\.[0-9a-f]{12}\.images\.bin$/)]);
    expect([...buckets.get(DATA_CACHE)!.keys()].some((k) => /train-00\.[0-9a-f]+\.images/.test(k))).toBe(false);
  });
});
