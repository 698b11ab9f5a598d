/** loadExperimentData end to end with the disk source (src/engine/data/source.ts, source-node.ts). */
import { readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DataIntegrityError } from '../../../src/engine/data/integrity';
import { createNodeSource } from '../../../src/engine/data/source-node';
import { loadExperimentData, type LoadProgress } from '../../../src/engine/data/source';
import type { SubsetRequest } from '../../../src/engine/data/subset';
import { DATA_DIR, ensureData, readManifest, tempCopy } from './helpers';

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
const SHARD_BYTES = 2000 * 784 + 2000;

describe('loading from disk', () => {
  it('returns datasets of the right shapes, pixels in [0, 1] and 0/1 targets; reads only the first shards', async () => {
    const progress: LoadProgress[] = [];
    const d = await loadExperimentData(createNodeSource(DATA_DIR), bags, (p) => progress.push(p));
    expect([d.train.n, d.validation.n, d.test.n]).toEqual([209, 100, 50]);
    expect(d.train.x).toHaveLength(209 * 784);
    expect(d.test.x).toHaveLength(50 * 784);
    expect(d.train.y).toHaveLength(209);
    const xs = d.train.x;
    expect(xs.reduce((a, b) => Math.min(a, b), Infinity)).toBe(0);
    expect(xs.reduce((a, b) => Math.max(a, b), -Infinity)).toBe(1);
    expect(xs.some((v) => v > 0 && v < 1)).toBe(true);
    expect(new Set(d.train.labels)).toEqual(new Set([0, 1]));
    expect(d.train.labels.reduce((a, b) => a + b)).toBe(72);
    for (let i = 0; i < d.train.n; i++) expect(d.train.labels[i]).toBe(d.train.y[i] === 8 ? 1 : 0);
    expect(d.train.classes[8]).toBe('Bag');
    // One shard (images + labels) per split: 3.14 MB.
    expect(d.bytes).toBe(2 * SHARD_BYTES);
    expect(progress.at(-1)).toEqual({ loadedBytes: 2 * SHARD_BYTES, totalBytes: 2 * SHARD_BYTES, fraction: 1 });
    expect(progress.every((p, i) => i === 0 || p.loadedBytes >= progress[i - 1].loadedBytes)).toBe(true);
  });

  it('puts the right pixels with the right example', async () => {
    const d = await loadExperimentData(createNodeSource(DATA_DIR), bags);
    const m = await readManifest('fashion-mnist');
    const images = await readFile(join(DATA_DIR, 'fashion-mnist', m.splits.test.shards[0].images.file));
    const labels = await readFile(join(DATA_DIR, 'fashion-mnist', m.splits.test.shards[0].labels.file));
    const k = 7;
    const src = d.selection.test[k];
    expect(d.test.y[k]).toBe(labels[src]);
    const row = Array.from(d.test.x.subarray(k * 784, (k + 1) * 784), (v) => Math.round(v * 255));
    expect(row).toEqual(Array.from(images.subarray(src * 784, (src + 1) * 784)));
  });

  it('multiclass MNIST: targets are the class ids', async () => {
    const d = await loadExperimentData(createNodeSource(DATA_DIR), {
      dataset: 'mnist',
      task: { kind: 'multiclass' },
      train: 500,
      validation: 0,
      test: 100,
      seed: 5,
    });
    expect(Array.from(d.train.labels)).toEqual(Array.from(d.train.y));
    expect(d.validation.n).toBe(0);
    expect(Array.from({ length: 10 }, (_, c) => d.train.y.filter((v) => v === c).length)).toEqual(Array(10).fill(50));
  });
});

describe('damaged files', () => {
  const load = (dir: string) => loadExperimentData(createNodeSource(dir), bags);
  const withCopy = async (damage: (dir: string, file: string) => Promise<void>) => {
    const { dir, cleanup } = await tempCopy('fashion-mnist');
    try {
      const m = await readManifest('fashion-mnist', dir);
      await damage(join(dir, 'fashion-mnist'), m.splits.train.shards[0].images.file);
      return await load(dir).then(
        () => null,
        (e: unknown) => e as Error,
      );
    } finally {
      await cleanup();
    }
  };

  it('a truncated file is a DataIntegrityError naming the file and both sizes', async () => {
    const e = await withCopy((d, f) => truncate(join(d, f), 1000));
    expect(e).toBeInstanceOf(DataIntegrityError);
    expect(e!.message).toBe('train-00.images.bin is corrupt or truncated (expected 1568000 bytes, got 1000)');
  });

  it('a corrupt file of the right length fails its checksum', async () => {
    const e = await withCopy(async (d, f) => {
      const bytes = await readFile(join(d, f));
      bytes[12345] ^= 0xff;
      await writeFile(join(d, f), bytes);
    });
    expect(e).toBeInstanceOf(DataIntegrityError);
    expect(e!.message).toMatch(/^train-00\.images\.bin is corrupt \(its SHA-256 is [0-9a-f]{12}…, expected [0-9a-f]{12}…\)$/);
  });

  it('a missing file or manifest says to run `npm run data`', async () => {
    const e = await withCopy((d, f) => rm(join(d, f)));
    expect(e).toBeInstanceOf(DataIntegrityError);
    expect(e!.message).toMatch(/^train-00\.images\.bin is missing .*npm run data/);
    await expect(loadExperimentData(createNodeSource('/nonexistent-dir'), bags)).rejects.toThrow(
      /no data for fashion-mnist .*run `npm run data`/,
    );
  });
});
