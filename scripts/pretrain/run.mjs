#!/usr/bin/env node
/**
 * Entry point of the pretraining script: bundles scripts/pretrain/main.ts (TypeScript, importing the engine)
 * with esbuild and runs it with this Node. Flags go to main.ts (--check). Needs `npm run data` first.
 * `node scripts/pretrain/run.mjs chapter-runs …` runs chapter-runs.ts instead (the chapter's reference runs).
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const entry = process.argv[2] === 'chapter-runs' ? 'chapter-runs' : 'main';
const rest = process.argv.slice(entry === 'main' ? 2 : 3);
const out = join('node_modules', '.cache', 'lc-pretrain', `${entry}.mjs`);
await build({
  entryPoints: [`scripts/pretrain/${entry}.ts`],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  outfile: out,
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [out, ...rest], { stdio: 'inherit' });
process.exit(r.status ?? 1);
