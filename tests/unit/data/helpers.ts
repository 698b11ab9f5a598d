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
