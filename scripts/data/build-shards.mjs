#!/usr/bin/env node
// Builds the book's datasets as checksummed binary shards plus a manifest:
//
//   public/data/<dataset>/manifest.json
//   public/data/<dataset>/train-00.<sha256[0:12]>.images.bin   count×784 uint8, row-major 28×28
//   public/data/<dataset>/train-00.<sha256[0:12]>.labels.bin   count uint8 (class ids)
//
// Usage: npm run data [-- --force] [-- --only mnist] [-- --out some/dir]
//
// THE SHARD RULE (class-stratified order). Within each split, let L_c be class c's images in canonical
// order (see read-sources.mjs). The split is laid out round-robin over the classes:
//
//     L_0[0], L_1[0], …, L_9[0], L_0[1], L_1[1], …, L_9[1], L_0[2], …
//
// skipping a class once it has run out, and this sequence is cut into consecutive shards of 2000
// images (the last shard takes the remainder). So as long as every class still has images, shard k
// holds exactly images k·200 … k·200+199 of every class (200 per class), interleaved by class.
// Fashion-MNIST is balanced, so all 30 train shards and 5 test shards are exactly 200 per class.
// In MNIST the classes are unequal: once the smallest class runs out (digit 5: train shard 27,
// test shard 4), the later shards are filled round-robin from the classes that have images left,
// so the leftovers of the larger classes land in the final shards. The first shards always hold
// 200 images of every class, so a small subset needs only the first one or two shards.
//
// Incremental: when manifest.json records this format and the installed package's version, and every
// file it names exists with the right size, the dataset is left alone ("data up to date").
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PIXELS, readers, sourceVersions } from './read-sources.mjs';

/** Bump when the layout or the shard rule changes: every manifest with another format is rebuilt. */
export const FORMAT = 1;
export const SHARD_SIZE = 2000;
const DATASETS = ['fashion-mnist', 'mnist'];

/**
 * The stratified order described above.
 * @param {Uint8Array[][]} perClass  [class][i] = image
 * @returns {{ image: Uint8Array, label: number }[]}
 */
export function stratifiedOrder(perClass) {
  const out = [];
  const longest = Math.max(...perClass.map((l) => l.length));
  for (let i = 0; i < longest; i++) {
    for (let c = 0; c < perClass.length; c++) if (i < perClass[c].length) out.push({ image: perClass[c][i], label: c });
  }
  return out;
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

/** Checks the existing manifest and files against the installed package, cheaply (no hashing). */
export function upToDate(dir, dataset) {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return false;
  try {
    const m = JSON.parse(readFileSync(path, 'utf8'));
    if (m.format !== FORMAT || m.dataset !== dataset || m.source?.version !== sourceVersions[dataset]()) return false;
    for (const split of Object.values(m.splits)) {
      for (const shard of split.shards) {
        for (const f of [shard.images, shard.labels]) {
          const p = join(dir, f.file);
          if (!existsSync(p) || statSync(p).size !== f.bytes) return false;
        }
      }
    }
    return true;
  } catch (err) {
    if (/Cannot find the npm package/.test(String(err))) throw err;
    return false; // unreadable manifest: rebuild
  }
}

/**
 * Writes a file atomically (temporary name, then rename), so a reader, or a second build running at
 * the same time (parallel test workers), never sees a half-written file.
 */
async function writeAtomic(path, data) {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** Writes one file named after its checksum; returns its manifest entry. */
async function writeShardFile(dir, stem, kind, bytes) {
  const hash = sha256(bytes);
  const file = `${stem}.${hash.slice(0, 12)}.${kind}.bin`;
  await writeAtomic(join(dir, file), bytes);
  return { file, bytes: bytes.byteLength, sha256: hash };
}

/** Writes the shards of one split; returns the split's manifest entry. */
async function writeSplit(dir, split, perClass) {
  const order = stratifiedOrder(perClass);
  const nClasses = perClass.length;
  const shards = [];
  for (let start = 0, index = 0; start < order.length; start += SHARD_SIZE, index++) {
    const items = order.slice(start, start + SHARD_SIZE);
    const images = new Uint8Array(items.length * PIXELS);
    const labels = new Uint8Array(items.length);
    const classCounts = new Array(nClasses).fill(0);
    items.forEach((it, i) => {
      images.set(it.image, i * PIXELS);
      labels[i] = it.label;
      classCounts[it.label]++;
    });
    const stem = `${split}-${String(index).padStart(2, '0')}`;
    shards.push({
      index,
      count: items.length,
      classCounts,
      images: await writeShardFile(dir, stem, 'images', images),
      labels: await writeShardFile(dir, stem, 'labels', labels),
    });
  }
  return { count: order.length, classCounts: perClass.map((l) => l.length), shards };
}

/** Reads one source package and writes its shards and manifest into `dir`; returns bytes written. */
export async function buildDataset(dir, dataset) {
  const src = await readers[dataset]();
  await mkdir(dir, { recursive: true });
  const splits = {
    train: await writeSplit(dir, 'train', src.perClass.train),
    test: await writeSplit(dir, 'test', src.perClass.test),
  };
  const manifest = {
    format: FORMAT,
    dataset,
    title: src.title,
    classes: src.classes,
    imageShape: [28, 28, 1],
    source: src.source,
    licence: src.licence,
    attribution: src.attribution,
    splits,
    notes: [
      ...src.notes,
      `Shards of ${SHARD_SIZE} images, class-stratified: each split is laid out round-robin over the classes (image 0 of every class, then image 1 of every class, …) and cut into consecutive shards, so shard k holds images k·200…k·200+199 of every class while all classes last.`,
      'Files: <split>-<NN>.<first 12 hex digits of sha256>.images.bin (count×784 uint8, row-major 28×28, 0 = background) and .labels.bin (count uint8 class ids).',
    ],
  };
  // Remove files of earlier builds that this manifest no longer names, then write the manifest last.
  const keep = new Set(Object.values(splits).flatMap((s) => s.shards.flatMap((sh) => [sh.images.file, sh.labels.file])));
  for (const f of await readdir(dir)) if (f.endsWith('.bin') && !keep.has(f)) await rm(join(dir, f));
  await writeAtomic(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const bytes = Object.values(splits).reduce((t, s) => t + s.shards.reduce((u, sh) => u + sh.images.bytes + sh.labels.bytes, 0), 0);
  return { manifest, bytes };
}

function parseArgs(argv) {
  const opts = { out: 'public/data', only: null, force: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--force') opts.force = true;
    else if (a === '--out') opts.out = argv[++i];
    else if (a === '--only') opts.only = argv[++i];
    else throw new Error(`unknown option ${a} (options: --force, --only <${DATASETS.join('|')}>, --out <dir>)`);
  }
  if (opts.only && !DATASETS.includes(opts.only)) throw new Error(`--only must be one of ${DATASETS.join(', ')}, got ${opts.only}`);
  if (!opts.out) throw new Error('--out needs a directory');
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const root = resolve(opts.out);
  const shown = relative(process.cwd(), root) || '.';
  const todo = opts.only ? [opts.only] : DATASETS;
  const stale = todo.filter((d) => opts.force || !upToDate(join(root, d), d));
  if (stale.length === 0) {
    console.log(`data up to date (${todo.join(', ')} in ${shown})`);
    return;
  }
  const t0 = performance.now();
  let total = 0;
  for (const d of todo) {
    if (!stale.includes(d)) {
      console.log(`${d}: up to date`);
      continue;
    }
    const { manifest, bytes } = await buildDataset(join(root, d), d);
    total += bytes;
    const s = manifest.splits;
    console.log(
      `${d}: wrote ${s.train.shards.length} train shards (${s.train.count} images) and ${s.test.shards.length} test shards (${s.test.count} images), ${(bytes / 1e6).toFixed(1)} MB, to ${join(shown, d)}`,
    );
  }
  console.log(`done: ${(total / 1e6).toFixed(1)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}

// Run only when executed directly (the tests import the helpers).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`build-shards: ${err.message}`);
    process.exit(1);
  });
}
