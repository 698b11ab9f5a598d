/**
 * A ShardSource that reads the built shards from a directory on disk (Node only): used by the tests,
 * benchmarks and scripts. The directory holds one folder per dataset, as written by `npm run data`.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataIntegrityError, displayName } from './integrity';
import { parseManifest, type FileEntry, type Manifest } from './manifest';
import type { ShardSource } from './source';

/** Reads `<dir>/<dataset>/manifest.json` and its files; `dir` defaults to public/data under the working directory. */
export function createNodeSource(dir = 'public/data'): ShardSource {
  const root = resolve(dir);
  return {
    async manifest(dataset: string): Promise<Manifest> {
      const path = join(root, dataset, 'manifest.json');
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new Error(`no data for ${dataset} at ${path}: run \`npm run data\` to build the shards`, { cause: err });
        }
        throw err;
      }
      return parseManifest(JSON.parse(text), `${dataset}/manifest.json`);
    },

    async file(dataset: string, entry: FileEntry, onProgress?: (loaded: number, total: number) => void): Promise<Uint8Array> {
      const path = join(root, dataset, entry.file);
      let buf: Buffer;
      try {
        buf = await readFile(path);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
          throw new DataIntegrityError(`${displayName(entry.file)} is missing (${path}): run \`npm run data\``, entry.file);
        }
        throw err;
      }
      const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      onProgress?.(bytes.byteLength, entry.bytes);
      return bytes;
    },
  };
}
