/**
 * The build script (scripts/data/build-shards.mjs) and what it wrote to public/data: checksums,
 * the shard rule, label contents and incremental rebuilds. Runs the build first (fast when up to date).
 */
import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { stratifiedOrder } from '../../../scripts/data/build-shards.mjs';
import { locatePackage } from '../../../scripts/data/read-sources.mjs';
import { DATA_DIR, ensureData, readManifest, runBuild, sha256, tempCopy } from './helpers';

const DATASETS = ['fashion-mnist', 'mnist'] as const;

beforeAll(() => ensureData());

describe('manifest and files on disk', () => {
  it.each(DATASETS)('%s: every file exists and matches its size and sha256; no other files', async (dataset) => {
    const m = await readManifest(dataset);
    const named = new Set<string>();
    for (const split of ['train', 'test'] as const) {
      for (const shard of m.splits[split].shards) {
        for (const entry of [shard.images, shard.labels]) {
          const bytes = await readFile(join(DATA_DIR, dataset, entry.file));
          expect(bytes.byteLength, entry.file).toBe(entry.bytes);
          expect(sha256(bytes), entry.file).toBe(entry.sha256);
          // The name carries the first 12 hex digits of the checksum.
          expect(entry.file).toBe(
            `${split}-${String(shard.index).padStart(2, '0')}.${entry.sha256.slice(0, 12)}.${entry === shard.images ? 'images' : 'labels'}.bin`,
          );
          named.add(entry.file);
        }
      }
    }
    const onDisk = (await readdir(join(DATA_DIR, dataset))).filter((f) => f !== 'manifest.json');
    expect(onDisk.sort()).toEqual([...named].sort());
  });

  it('records the sources, licences and split sizes', async () => {
    const f = await readManifest('fashion-mnist');
    expect(f.classes[8]).toBe('Bag');
    expect(f.licence.data).toMatch(/MIT/);
    expect(f.source).toMatchObject({ package: 'fashion-mnist', version: locatePackage('fashion-mnist', 'package.json').version });
    expect([f.splits.train.count, f.splits.test.count]).toEqual([60000, 10000]);
    expect([f.splits.train.shards.length, f.splits.test.shards.length]).toEqual([30, 5]);
    expect(f.notes.join(' ')).toMatch(/empty entries/);
    const m = await readManifest('mnist');
    expect(m.licence.data).toMatch(/CC BY-SA 3\.0/);
    expect(m.splits.train.classCounts).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    expect(m.splits.test.classCounts).toEqual([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
  });
});

describe('labels follow the shard rule', () => {
  const labelsOf = async (dataset: string, file: string) => new Uint8Array(await readFile(join(DATA_DIR, dataset, file)));
  const counts = (y: Uint8Array) => Array.from({ length: 10 }, (_, c) => y.filter((v) => v === c).length);

  it('Fashion-MNIST: every shard of both splits holds 200 images of each class, interleaved by class', async () => {
    const m = await readManifest('fashion-mnist');
    for (const split of ['train', 'test'] as const) {
      for (const shard of m.splits[split].shards) {
        const y = await labelsOf('fashion-mnist', shard.labels.file);
        expect(counts(y), `${split} shard ${shard.index}`).toEqual(Array(10).fill(200));
        expect(Array.from(y.slice(0, 20))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      }
    }
  });

  it('MNIST: the leading shards are balanced and the label files agree with the manifest counts', async () => {
    const m = await readManifest('mnist');
    for (const split of ['train', 'test'] as const) {
      for (const shard of m.splits[split].shards) {
        const y = await labelsOf('mnist', shard.labels.file);
        expect(counts(y)).toEqual(shard.classCounts);
        if (shard.index < (split === 'train' ? 27 : 4)) expect(shard.classCounts).toEqual(Array(10).fill(200));
      }
    }
    // Digit 5 (the rarest) runs out in train shard 27; the larger classes' leftovers fill the last shards.
    expect(m.splits.train.shards[27].classCounts[5]).toBe(21);
    expect(m.splits.train.shards[29].classCounts[5]).toBe(0);
  });

  it('stratifiedOrder is round-robin over classes, skipping exhausted ones', () => {
    const img = (c: number, i: number) => Uint8Array.of(c, i);
    const perClass = [[img(0, 0), img(0, 1), img(0, 2)], [img(1, 0)], [img(2, 0), img(2, 1)]];
    const order = stratifiedOrder(perClass).map((e: { image: Uint8Array; label: number }) => [e.label, e.image[1]]);
    expect(order).toEqual([
      [0, 0],
      [1, 0],
      [2, 0],
      [0, 1],
      [2, 1],
      [0, 2],
    ]);
  });
});

describe('incremental build', () => {
  it('a second run of `npm run data` reports "data up to date"', () => {
    expect(runBuild()).toMatch(/^data up to date/);
  });

  it('rebuilds a damaged copy identically, removes stale files, then is up to date again', async () => {
    const { dir, cleanup } = await tempCopy('mnist');
    try {
      const args = ['--only', 'mnist', '--out', dir];
      expect(runBuild(args)).toMatch(/^data up to date/);
      const before = await readManifest('mnist', dir);
      await truncate(join(dir, 'mnist', before.splits.test.shards[2].images.file), 1000);
      await writeFile(join(dir, 'mnist', 'train-99.000000000000.images.bin'), 'stale');
      const out = runBuild(args);
      expect(out).toMatch(/mnist: wrote 30 train shards \(60000 images\) and 5 test shards \(10000 images\)/);
      expect(out).toMatch(/MB/);
      // Deterministic: the rebuilt manifest is the same as the one in public/data.
      expect(await readManifest('mnist', dir)).toEqual(await readManifest('mnist'));
      expect(await readdir(join(dir, 'mnist'))).not.toContain('train-99.000000000000.images.bin');
      expect(runBuild(args)).toMatch(/^data up to date/);
    } finally {
      await cleanup();
    }
  });

  it('names a missing npm package clearly', () => {
    expect(() => locatePackage('no-such-package-for-lc-tests', 'x')).toThrow(
      /Cannot find the npm package "no-such-package-for-lc-tests".*npm install/,
    );
  });
});
