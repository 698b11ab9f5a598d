/**
 * The manifest that describes one dataset's binary shards (written by scripts/data/build-shards.mjs),
 * and its validator. A manifest is fetched over the network, so everything the loader relies on is
 * checked here: file names, byte sizes that match the counts, checksums that look like checksums,
 * class counts that add up.
 */
import { z } from '../spec/zod';

/** The manifest format this code reads. The build script writes the same number. */
export const MANIFEST_FORMAT = 1;

/** Bytes per image: 28 × 28 × 1 uint8. */
export const PIXELS = 28 * 28;

const fileEntrySchema = z.object({
  /** File name beside manifest.json, e.g. "train-00.3fa2c1d9e0b1.images.bin". */
  file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, { error: 'file must be a plain file name (letters, digits, ".", "_", "-")' }),
  bytes: z.number().int().nonnegative(),
  /** Full lowercase hex SHA-256 of the file. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: 'sha256 must be 64 lowercase hexadecimal digits' }),
});

const classCounts = z.array(z.number().int().nonnegative());

const shardSchema = z.object({
  index: z.number().int().nonnegative(),
  count: z.number().int().positive(),
  classCounts,
  images: fileEntrySchema,
  labels: fileEntrySchema,
});

const splitSchema = z.object({
  count: z.number().int().nonnegative(),
  classCounts,
  shards: z.array(shardSchema),
});

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT, { error: `format must be ${MANIFEST_FORMAT} (rebuild the data with \`npm run data\`)` }),
  dataset: z.string().min(1),
  title: z.string().min(1),
  classes: z.array(z.string()).min(2),
  imageShape: z.tuple([z.literal(28), z.literal(28), z.literal(1)], { error: 'imageShape must be [28, 28, 1]' }),
  source: z.object({ package: z.string(), version: z.string(), url: z.string().optional() }),
  licence: z.object({ data: z.string(), code: z.string() }),
  attribution: z.string(),
  splits: z.object({ train: splitSchema, test: splitSchema }),
  notes: z.array(z.string()).default([]),
});

export type FileEntry = z.infer<typeof fileEntrySchema>;
export type ShardEntry = z.infer<typeof shardSchema>;
export type SplitEntry = z.infer<typeof splitSchema>;
export type Manifest = z.infer<typeof manifestSchema>;
/** A file split of the dataset as published (validation images are drawn from 'train'); see split.ts for `Split`. */
export type SourceSplit = keyof Manifest['splits'];
export const SOURCE_SPLITS: readonly SourceSplit[] = ['train', 'test'];

/** A manifest that does not describe its files consistently. */
export class ManifestError extends Error {
  override name = 'ManifestError';
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** Consistency checks that span several fields; returns "path: message" strings. */
function crossCheck(m: Manifest): string[] {
  const problems: string[] = [];
  const k = m.classes.length;
  for (const split of SOURCE_SPLITS) {
    const s = m.splits[split];
    const at = `splits.${split}`;
    if (s.classCounts.length !== k) problems.push(`${at}.classCounts: has ${s.classCounts.length} entries for ${k} classes`);
    if (sum(s.classCounts) !== s.count) problems.push(`${at}.classCounts: add up to ${sum(s.classCounts)}, but count is ${s.count}`);
    const shardTotal = sum(s.shards.map((sh) => sh.count));
    if (shardTotal !== s.count) problems.push(`${at}.shards: hold ${shardTotal} images, but count is ${s.count}`);
    s.shards.forEach((sh, i) => {
      const p = `${at}.shards[${i}]`;
      if (sh.index !== i) problems.push(`${p}.index: is ${sh.index}, expected ${i} (shards must be listed in order)`);
      if (sh.classCounts.length !== k) problems.push(`${p}.classCounts: has ${sh.classCounts.length} entries for ${k} classes`);
      if (sum(sh.classCounts) !== sh.count) problems.push(`${p}.classCounts: add up to ${sum(sh.classCounts)}, but count is ${sh.count}`);
      if (sh.images.bytes !== sh.count * PIXELS)
        problems.push(`${p}.images.bytes: is ${sh.images.bytes}, expected ${sh.count} × ${PIXELS} = ${sh.count * PIXELS}`);
      if (sh.labels.bytes !== sh.count)
        problems.push(`${p}.labels.bytes: is ${sh.labels.bytes}, expected ${sh.count} (one byte per image)`);
    });
    for (let c = 0; c < k; c++) {
      const perShard = sum(s.shards.map((sh) => sh.classCounts[c] ?? 0));
      if (perShard !== s.classCounts[c]) problems.push(`${at}.classCounts[${c}]: is ${s.classCounts[c]}, but the shards hold ${perShard}`);
    }
  }
  return problems;
}

/**
 * Validates a parsed manifest.json. Throws a ManifestError listing every problem as
 * "field.path: what is wrong", e.g. "splits.train.shards[3].images.sha256: sha256 must be 64 …".
 */
export function parseManifest(json: unknown, what = 'manifest.json'): Manifest {
  const r = manifestSchema.safeParse(json);
  if (!r.success) {
    const lines = r.error.issues.map(
      (i) =>
        `${
          i.path
            .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
            .join('')
            .replace(/^\./, '') || '(root)'
        }: ${i.message}`,
    );
    throw new ManifestError(`${what} is invalid: ${lines.join('; ')}`);
  }
  const problems = crossCheck(r.data);
  if (problems.length) throw new ManifestError(`${what} is inconsistent: ${problems.join('; ')}`);
  return r.data;
}

/** Every file of a split's first `shards` shards, images then labels per shard. */
export function shardFiles(manifest: Manifest, split: SourceSplit, shards: number): FileEntry[] {
  return manifest.splits[split].shards.slice(0, shards).flatMap((sh) => [sh.images, sh.labels]);
}
