/**
 * Shared helpers for the data tests. `ensureData()` runs the real build script (`npm run data`'s
 * command): it returns in a fraction of a second when public/data is up to date and builds it
 * otherwise, so these tests work on a fresh checkout too.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseManifest, type Manifest } from '../../../src/engine/data/manifest';

export const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
export const DATA_DIR = join(ROOT, 'public/data');
export const BUILD_SCRIPT = join(ROOT, 'scripts/data/build-shards.mjs');

/** Runs the build script with `args`; returns its stdout. Throws (with stderr) if it fails. */
export function runBuild(args: string[] = []): string {
  return execFileSync(process.execPath, [BUILD_SCRIPT, ...args], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Builds public/data if it is missing or stale. */
export function ensureData(): void {
  runBuild();
}

export async function readManifest(dataset: string, dir = DATA_DIR): Promise<Manifest> {
  return parseManifest(JSON.parse(await readFile(join(dir, dataset, 'manifest.json'), 'utf8')));
}

export const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A throwaway copy of public/data/<dataset> (so tests can damage files safely). Call the returned cleanup. */
export async function tempCopy(dataset: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'lc-data-'));
  await cp(join(DATA_DIR, dataset), join(dir, dataset), { recursive: true });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Serves `/book/data/...` from public/data as a stream of 64 KiB chunks; `damage` can alter a file. */
export function fakeServer(damage?: (path: string, bytes: Uint8Array) => Uint8Array) {
  const requests: string[] = [];
  const fetch = (async (input: RequestInfo | URL) => {
    const url = String(input);
    requests.push(url);
    const m = /^\/book\/data\/(.+)$/.exec(url);
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await readFile(join(DATA_DIR, m![1])));
    } catch {
      return new Response('not found', { status: 404, statusText: 'Not Found' });
    }
    if (damage) bytes = damage(url, bytes);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 65536) controller.enqueue(bytes.slice(i, i + 65536));
        controller.close();
      },
    });
    return new Response(body, { status: 200 });
  }) as typeof globalThis.fetch;
  return { fetch, requests, files: () => requests.filter((u) => u.endsWith('.bin')) };
}

/** Minimal in-memory CacheStorage: one bucket per name, entries keyed by URL. */
export function fakeCaches() {
  const buckets = new Map<string, Map<string, Uint8Array>>();
  const storage = {
    async open(name: string) {
      if (!buckets.has(name)) buckets.set(name, new Map());
      const b = buckets.get(name)!;
      return {
        async match(url: string) {
          const v = b.get(String(url));
          return v ? new Response(v.slice() as Uint8Array<ArrayBuffer>) : undefined;
        },
        async put(url: string, res: Response) {
          b.set(String(url), new Uint8Array(await res.arrayBuffer()));
        },
        async delete(url: string) {
          return b.delete(String(url));
        },
      };
    },
  };
  return { caches: storage as unknown as CacheStorage, buckets };
}
