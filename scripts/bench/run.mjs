#!/usr/bin/env node
/**
 * Entry point of `npm run bench`: bundles the TypeScript bench with esbuild (dependencies stay external,
 * loaded from node_modules) and runs it; `--browser` also runs the headless-Chromium part.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = join('node_modules', '.cache', 'lc-bench');
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['scripts/bench/node-main.ts'],
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  outfile: join(out, 'node-main.mjs'),
  logLevel: 'warning',
});
const r = spawnSync(process.execPath, [join(out, 'node-main.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
