/** The manifest validator (src/engine/data/manifest.ts): accepts what the build writes, explains what is wrong. */
import { beforeAll, describe, expect, it } from 'vitest';
import { ManifestError, parseManifest } from '../../../src/engine/data/manifest';
import { DATA_DIR, ensureData } from './helpers';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

let raw: any;
beforeAll(async () => {
  ensureData();
  raw = JSON.parse(await readFile(join(DATA_DIR, 'fashion-mnist/manifest.json'), 'utf8'));
});

const broken = (patch: (m: any) => void) => {
  const m = structuredClone(raw);
  patch(m);
  return () => parseManifest(m);
};

describe('parseManifest', () => {
  it('accepts both built manifests', async () => {
    expect(parseManifest(raw).splits.train.shards).toHaveLength(30);
    const mnist = JSON.parse(await readFile(join(DATA_DIR, 'mnist/manifest.json'), 'utf8'));
    expect(parseManifest(mnist).classes).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('names the field of a malformed checksum or file name', () => {
    expect(broken((m) => (m.splits.train.shards[3].images.sha256 = 'abc'))).toThrow(
      'manifest.json is invalid: splits.train.shards[3].images.sha256: sha256 must be 64 lowercase hexadecimal digits',
    );
    expect(broken((m) => (m.splits.test.shards[0].labels.file = '../../secret'))).toThrow(
      /splits\.test\.shards\[0\]\.labels\.file: file must be a plain file name/,
    );
    expect(broken((m) => (m.format = 2))).toThrow(/format: format must be 1 \(rebuild the data with `npm run data`\)/);
    expect(broken((m) => delete m.splits.test)).toThrow(ManifestError);
  });

  it('checks that sizes and counts add up', () => {
    expect(broken((m) => (m.splits.test.shards[0].images.bytes = 1000))).toThrow(
      'splits.test.shards[0].images.bytes: is 1000, expected 2000 × 784 = 1568000',
    );
    expect(broken((m) => (m.splits.train.shards[1].classCounts[0] = 199))).toThrow(
      /splits\.train\.shards\[1\]\.classCounts: add up to 1999, but count is 2000/,
    );
    expect(broken((m) => m.splits.train.shards.pop())).toThrow(/splits\.train\.shards: hold 58000 images, but count is 60000/);
    expect(broken((m) => (m.splits.train.shards[2].index = 5))).toThrow(/index: is 5, expected 2/);
  });
});
