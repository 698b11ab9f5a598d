/**
 * Reference results as committed data: each *.ref.ts writes src/reference/<chapter>.json with the setup it
 * ran under (engine commit, backend, device, Node and tfjs versions, date, and the run's own seeds and sizes) and
 * the figures the chapter quotes. The chapter's MDX reads them with <Ref k="…" /> (src/components/site/Ref.astro, src/reference/lookup.ts),
 * and tests/unit/chapters/reference.test.ts fails when the prose asks for a figure the data lacks.
 */
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface ReferenceSetup {
  engineCommit: string;
  backend: string;
  device: string;
  node: string;
  tfjs: string;
  date: string;
  [key: string]: unknown;
}

export function setupOf(own: { backend: string } & Record<string, unknown>): ReferenceSetup {
  const commit = execSync('git rev-parse --short HEAD').toString().trim();
  // What decides the numbers: the engine, the demos' specs and the reference scripts (not the prose or the data files).
  const dirty = execSync('git status --porcelain -- src/engine src/demos scripts/reference').toString().trim() !== '';
  return {
    engineCommit: dirty ? `${commit} (with uncommitted changes to the engine, demos or reference scripts)` : commit,
    device: `${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}`,
    node: process.version,
    tfjs: JSON.parse(readFileSync('node_modules/@tensorflow/tfjs/package.json', 'utf8')).version,
    date: new Date().toISOString().slice(0, 10),
    ...own,
  };
}

export function writeReference(chapter: string, data: { setup: ReferenceSetup } & Record<string, unknown>) {
  mkdirSync('src/reference', { recursive: true });
  const file = `src/reference/${chapter}.json`;
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  console.log(`wrote ${file}`);
}
