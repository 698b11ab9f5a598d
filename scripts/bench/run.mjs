#!/usr/bin/env node
/**
 * Entry point of `npm run bench`: bundles the TypeScript bench with esbuild and runs it.
 *   npm run bench                      Node: CPU and WebGPU (Dawn; SwiftShader where there is no GPU)
 *   npm run bench -- --browser         also headless Chromium (needs `npm run build`): chapter run + workloads
 *   npm run bench -- --browser-only    only the Chromium part
 *   npm run bench -- --demos           every demo's and sweep's default run, timed on the CPU backend and extrapolated
 *                                      (scripts/reference/demo-costs.ref.ts: src/reference/demo-costs.json + a table here)
 *   --heavy  more steps, the CNN on CPU, batch 256 on software GPUs, every chapter backend
 * Other flags go to both parts (see node-main.ts and browser-main.ts). Results are appended to BENCHMARKS.md.
 */
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

if (process.argv.includes('--demos')) {
  const r = spawnSync('npx', ['vitest', 'run', '-c', 'scripts/reference/vitest.config.ts', 'scripts/reference/demo-costs.ref.ts'], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_MD: 'BENCHMARKS.md' },
    shell: process.platform === 'win32',
  });
  process.exit(r.status ?? 1);
}

const out = join('node_modules', '.cache', 'lc-bench');
const page = join(out, 'page');
mkdirSync(page, { recursive: true });
const args = process.argv.slice(2);
const browser = args.includes('--browser') || args.includes('--browser-only');
const nodePart = !args.includes('--browser-only');
const rest = args.filter((a) => a !== '--browser' && a !== '--browser-only');

const forNode = { bundle: true, platform: 'node', format: 'esm', target: 'node22', packages: 'external', logLevel: 'warning' };
await build({ ...forNode, entryPoints: ['scripts/bench/node-main.ts'], outfile: join(out, 'node-main.mjs') });
if (browser) {
  await build({ ...forNode, entryPoints: ['scripts/bench/browser-main.ts'], outfile: join(out, 'browser-main.mjs') });
  await build({
    entryPoints: ['scripts/bench/browser-entry.ts'],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    outfile: join(page, 'bench.js'),
    logLevel: 'warning',
    splitting: false,
  });
  writeFileSync(
    join(page, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>Learning Curves bench</title><script type="module" src="./bench.js"></script>\n',
  );
}
let status = 0;
const runPart = (file) => {
  const r = spawnSync(process.execPath, [join(out, file), ...rest], { stdio: 'inherit' });
  status ||= r.status ?? 1;
};
if (nodePart) runPart('node-main.mjs');
if (browser) runPart('browser-main.mjs');
process.exit(status);
