/**
 * Loading an experiment's data from any ShardSource (disk in Node, fetch + Cache Storage in the
 * browser): fetch the manifest, plan the subset, download only the needed leading shards, verify
 * every file's length and SHA-256, pick the images and build the in-memory datasets.
 */
import { buildDataset, type InMemoryDataset, type RawSplit } from './dataset';
import { verifyFile } from './integrity';
import { shardFiles, type FileEntry, type Manifest, type SourceSplit } from './manifest';
import { planSubset, selectSubset, type Selection, type SubsetPlan, type SubsetRequest } from './subset';

/** Where shard files come from. Implementations: source-node.ts, source-browser.ts. */
export interface ShardSource {
  /** The validated manifest of `dataset`. */
  manifest(dataset: string): Promise<Manifest>;
  /**
   * The bytes of one file named in the manifest. May report progress while it loads. The loader
   * verifies the result, so a source may return damaged bytes (it need not throw itself).
   */
  file(dataset: string, entry: FileEntry, onProgress?: (loadedBytes: number, totalBytes: number) => void): Promise<Uint8Array>;
}

/** Overall progress across every file of a load. */
export interface LoadProgress {
  loadedBytes: number;
  totalBytes: number;
  /** loadedBytes / totalBytes, in [0, 1]. */
  fraction: number;
}

export interface ExperimentData {
  manifest: Manifest;
  plan: SubsetPlan;
  selection: Selection;
  train: InMemoryDataset;
  validation: InMemoryDataset;
  test: InMemoryDataset;
  /** Bytes of all files this load needed (downloaded or read from cache). */
  bytes: number;
}

/** The files a plan needs: for each split, its leading shards' images and labels. */
export function filesNeeded(manifest: Manifest, plan: SubsetPlan): { split: SourceSplit; entries: FileEntry[] }[] {
  return (['train', 'test'] as const).map((split) => ({ split, entries: shardFiles(manifest, split, plan.shards[split]) }));
}

/** Total bytes a plan downloads (e.g. to show "3.1 MB" before starting). */
export function bytesNeeded(manifest: Manifest, plan: SubsetPlan): number {
  return filesNeeded(manifest, plan).reduce((t, s) => t + s.entries.reduce((u, e) => u + e.bytes, 0), 0);
}

/** Concatenates byte arrays (returns the only one unchanged). */
function concat(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((t, p) => t + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Runs `tasks` with at most `limit` in flight; results keep the tasks' order. */
async function pooled<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * Loads the data of an experiment. Throws SubsetError (impossible request), ManifestError (bad
 * manifest) or DataIntegrityError (a file whose length or checksum does not match the manifest).
 */
export async function loadExperimentData(
  source: ShardSource,
  request: SubsetRequest,
  onProgress?: (progress: LoadProgress) => void,
): Promise<ExperimentData> {
  const manifest = await source.manifest(request.dataset);
  const plan = planSubset(manifest, request);
  const needed = filesNeeded(manifest, plan);
  const all = needed.flatMap((s) => s.entries);
  const totalBytes = all.reduce((t, e) => t + e.bytes, 0);
  const loaded = all.map(() => 0);
  const report = () => {
    if (!onProgress) return;
    const loadedBytes = Math.min(
      totalBytes,
      loaded.reduce((a, b) => a + b, 0),
    );
    onProgress({ loadedBytes, totalBytes, fraction: totalBytes > 0 ? loadedBytes / totalBytes : 1 });
  };
  report();

  const bytes = await pooled(
    all.map((entry, i) => async () => {
      const data = await source.file(manifest.dataset, entry, (n) => {
        loaded[i] = n;
        report();
      });
      await verifyFile(entry, data);
      loaded[i] = entry.bytes;
      report();
      return data;
    }),
    4,
  );

  // Reassemble per split: entries are [images, labels] per shard, in shard order.
  const raw = {} as Record<SourceSplit, RawSplit>;
  let at = 0;
  for (const { split, entries } of needed) {
    const files = bytes.slice(at, at + entries.length);
    at += entries.length;
    raw[split] = {
      images: concat(files.filter((_, j) => j % 2 === 0)),
      labels: concat(files.filter((_, j) => j % 2 === 1)),
    };
  }

  const selection = selectSubset(plan, { train: raw.train.labels, test: raw.test.labels });
  const make = (split: SourceSplit, indexes: Int32Array) => buildDataset(raw[split], indexes, plan.task, manifest.classes, plan.classes);
  return {
    manifest,
    plan,
    selection,
    train: make('train', selection.train),
    validation: make('train', selection.validation),
    test: make('test', selection.test),
    bytes: totalBytes,
  };
}
