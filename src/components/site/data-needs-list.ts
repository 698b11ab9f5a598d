/**
 * The format of `data-needs.json` (written at build time by data-needs.ts, read by the page's prefetch), and how
 * lists of files are merged. Kept apart from data-needs.ts so that the page's prefetch loads no spec parser.
 */
import type { FileEntry } from '../../engine/data/manifest';

/** Files of one dataset, as its manifest lists them (name, bytes, SHA-256: enough to fetch and verify each). */
export interface DatasetFiles {
  dataset: string;
  files: FileEntry[];
}

/** What `data-needs.json` holds: every demo, sweep and gallery id with the files its default runs read. */
export interface DataNeeds {
  demos: Record<string, DatasetFiles[]>;
}

/** Merges file lists by dataset, keeping each file once (by name), in first-seen order. */
export function mergeNeeds(lists: DatasetFiles[][]): DatasetFiles[] {
  const byDataset = new Map<string, Map<string, FileEntry>>();
  for (const { dataset, files } of lists.flat()) {
    const byName = byDataset.get(dataset) ?? new Map<string, FileEntry>();
    for (const f of files) if (!byName.has(f.file)) byName.set(f.file, f);
    byDataset.set(dataset, byName);
  }
  return [...byDataset].map(([dataset, files]) => ({ dataset, files: [...files.values()] }));
}
