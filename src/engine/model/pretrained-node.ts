/** Model files from disk (Node only: tests and scripts): `<dir>/<name>/<file>`, dir defaulting to public/models. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ModelSource } from './pretrained';

export function createNodeModelSource(dir = 'public/models'): ModelSource {
  const root = resolve(dir);
  return {
    text: (name, file) => readFile(join(root, name, file), 'utf8'),
    bytes: async (name, file) => {
      const buf = await readFile(join(root, name, file));
      return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
    },
  };
}
