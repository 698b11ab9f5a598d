import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { toKeras } from '../../../src/engine/spec/keras';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../../src/engine/spec/schema';
import { courseCnn, denseOnly, lrPuzzle } from './fixtures';

const python = (args: string[], input: string, env: Record<string, string> = {}) =>
  spawnSync('python3', args, { input, encoding: 'utf8', env: { ...process.env, ...env } });
const hasPython = python(['-c', 'import ast'], '').status === 0;
const hasNumpy = hasPython && python(['-c', 'import numpy'], '').status === 0;

const lines = (code: string) => code.split('\n');
const keras = (input: ExperimentSpecInput) => toKeras(assertSpec(input));

/** A variant exercising validation, MNIST, several positives, dropout, iterations with mini-batches. */
const mnistBinary: ExperimentSpecInput = {
  ...courseCnn(),
  id: 'mnist-three-five',
  seed: 0,
  data: { dataset: 'mnist', task: { kind: 'binary', positive: [3, 5] }, train: 1000, validation: 100, test: 200, input: 'image' },
  model: {
    kind: 'layers',
    initializer: 'course',
    layers: [
      { type: 'conv2d', filters: 8, kernel: [5, 3], stride: 2, padding: 'same' },
      { type: 'averagePooling2d', pool: 3, stride: 1 },
      { type: 'flatten' },
      { type: 'dropout', rate: 0.25 },
      { type: 'dense', units: 1, activation: 'sigmoid' },
    ],
  },
  optimizer: { type: 'momentum', learningRate: 0.05, momentum: 0.95 },
  training: { batchSize: 64, duration: { iterations: 100 } },
};

describe('toKeras', () => {
  it('exports the learning-rate puzzle', () => {
    const code = keras(lrPuzzle);
    const l = lines(code);
    expect(l[0]).toBe('# Learning Curves experiment "lr-puzzle", exported to Keras (TensorFlow 2 / Keras 3).');
    expect(code).toContain('# Seed: 9 ');
    expect(l).toContain('#   Training: 209 images from the training split, exactly 72 positives and 137 negatives.');
    expect(l).toContain("#   Test: 50 images from the test split, keeping the training set's positive share: 17 positives, 33 negatives.");
    expect(code).toMatch(/subset and initial weights with its own seeded generator/);
    expect(l).toContain('from tensorflow import keras');
    expect(l).toContain('keras.utils.set_random_seed(SEED)  # seeds Python, NumPy and TensorFlow');
    expect(l).toContain('(x_train_all, y_train_all), (x_test_all, y_test_all) = keras.datasets.fashion_mnist.load_data()');
    expect(l).toContain('    x = x.astype("float32") / 255.0');
    expect(l).toContain('    x = x.reshape(len(x), 784)');
    expect(l).toContain('    y = np.isin(y, [8]).astype("float32")  # 1 for class 8 (Bag), 0 otherwise');
    expect(l).toContain('train_quota = spread(72, POSITIVE, train_room) + spread(137, NEGATIVE, train_room)');
    expect(l).toContain('test_quota = spread(17, POSITIVE, test_room) + spread(33, NEGATIVE, test_room)');
    expect(l).toContain('    keras.Input(shape=(784,)),');
    const init = 'kernel_initializer=keras.initializers.RandomNormal(stddev=0.01), bias_initializer="zeros"';
    expect(l).toContain(`    keras.layers.Dense(7, activation="relu", ${init}),`);
    expect(l).toContain(`    keras.layers.Dense(1, activation="sigmoid", ${init}),`);
    expect(l).toContain('    optimizer=keras.optimizers.SGD(learning_rate=0.0075),');
    expect(l).toContain('    loss="binary_crossentropy",');
    expect(l).toContain('    metrics=["accuracy"],');
    expect(l).toContain('# 2500 iterations of full-batch gradient descent = 2500 epochs (one step per epoch).');
    expect(l).toContain('    batch_size=209,');
    expect(l).toContain('    epochs=2500,');
    expect(l).toContain('    validation_data=(x_test, y_test),');
    expect(l).toContain('    shuffle=True,');
    expect(code).not.toMatch(/\t|true|false|undefined|NaN/);
  });

  it('exports the course CNN', () => {
    const l = lines(keras(courseCnn()));
    expect(l).toContain('    keras.Input(shape=(28, 28, 1)),');
    expect(l).toContain('    x = x.reshape(len(x), 28, 28, 1)');
    expect(l).toContain('    y = y.astype("int32")  # class ids 0–9');
    expect(l).toContain('train_quota = spread(1000, ALL, train_room)');
    const body = l.slice(l.indexOf('model = keras.Sequential(['), l.indexOf('])') + 1);
    expect(body).toEqual([
      'model = keras.Sequential([',
      '    keras.Input(shape=(28, 28, 1)),',
      '    keras.layers.Conv2D(32, (3, 3), strides=(1, 1), padding="valid", activation="relu"),',
      '    keras.layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2), padding="valid"),',
      '    keras.layers.Conv2D(32, (3, 3), strides=(1, 1), padding="valid", activation="relu"),',
      '    keras.layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2), padding="valid"),',
      '    keras.layers.Flatten(),',
      '    keras.layers.Dense(128, activation="relu"),',
      '    keras.layers.Dense(10, activation="softmax"),',
      '])',
    ]);
    expect(l).toContain('    optimizer=keras.optimizers.Adam(learning_rate=0.001),');
    expect(l).toContain('    loss="sparse_categorical_crossentropy",');
    expect(l).toContain('    batch_size=64,');
    expect(l).toContain('    epochs=1,');
    expect(l).toContain('model.summary()  # 113,386 parameters in total, as in the browser');
    expect(l.some((x) => x.includes('validation_data'))).toBe(false);
  });

  it('exports validation sets, MNIST, momentum, dropout and iteration counts', () => {
    const code = keras(mnistBinary);
    const l = lines(code);
    expect(l).toContain('(x_train_all, y_train_all), (x_test_all, y_test_all) = keras.datasets.mnist.load_data()');
    expect(l).toContain('SEED = 0');
    expect(l).toContain('    y = np.isin(y, [3, 5]).astype("float32")  # 1 for classes 3, 5, 0 otherwise');
    expect(l).toContain('val_idx = pick(y_train_all, val_quota, exclude=train_idx)');
    expect(l).toContain(
      '    keras.layers.Conv2D(8, (5, 3), strides=(2, 2), padding="same", activation="relu", kernel_initializer=keras.initializers.RandomNormal(stddev=0.01), bias_initializer="zeros"),',
    );
    expect(l).toContain('    keras.layers.AveragePooling2D(pool_size=(3, 3), strides=(1, 1), padding="valid"),');
    expect(l).toContain('    keras.layers.Dropout(0.25),');
    expect(l).toContain('    optimizer=keras.optimizers.SGD(learning_rate=0.05, momentum=0.95),');
    expect(l).toContain('# The browser runs 100 steps; Keras counts whole epochs: ceil(100 / 16 steps per epoch) = 7 epochs (112 steps).');
    expect(l).toContain('    epochs=7,');
    expect(l).toContain('    validation_data=(x_val, y_val),');
  });

  it('prints optimizers and numbers exactly', () => {
    const withOpt = (type: string, learningRate: number) => keras({ ...denseOnly, optimizer: { type: type as 'sgd', learningRate } });
    expect(withOpt('rmsprop', 0.1 + 0.2)).toContain('keras.optimizers.RMSprop(learning_rate=0.30000000000000004)');
    expect(withOpt('adam', 1e-7)).toContain('keras.optimizers.Adam(learning_rate=1e-7)');
    expect(withOpt('sgd', 2)).toContain('keras.optimizers.SGD(learning_rate=2)');
    const full = keras({ ...denseOnly, training: { batchSize: 'full', duration: { epochs: 3 } } });
    expect(full).toContain('    batch_size=1000,\n    epochs=3,');
  });

  const specs = { lrPuzzle, courseCnn: courseCnn(), noPools: courseCnn(false), denseOnly, mnistBinary };

  it.runIf(hasPython)('generates Python that parses', () => {
    for (const [name, spec] of Object.entries(specs)) {
      const r = python(['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], keras(spec));
      expect(r.stderr, name).toBe('');
      expect(r.status, name).toBe(0);
    }
  });

  // Runs the data section for real with numpy, against a stub `tensorflow` module (not installed here).
  const stubDir = mkdtempSync(join(tmpdir(), 'keras-stub-'));
  afterAll(() => rmSync(stubDir, { recursive: true, force: true }));
  it.runIf(hasNumpy)('chooses exactly the requested class counts', () => {
    mkdirSync(join(stubDir, 'tensorflow'));
    writeFileSync(
      join(stubDir, 'tensorflow', '__init__.py'),
      `import numpy as np, types
_r = np.random.default_rng(0)
_split = lambda n: (_r.integers(0, 256, (n, 28, 28), dtype=np.uint8), _r.integers(0, 10, n).astype(np.uint8))
_data = types.SimpleNamespace(load_data=lambda: (_split(60000), _split(10000)))
class _Any:
    def __init__(self, *a, **k): pass
    def __call__(self, *a, **k): return _Any()
    def __getattr__(self, n): return _Any()
class _Model:
    def __init__(self, layers): pass
    def compile(self, **k): pass
    def summary(self): pass
    def evaluate(self, *a, **k): return {}
    def fit(self, x, y, **k):
        print("FIT", list(x.shape), str(y.dtype), int(y.sum()), k["batch_size"], k["epochs"], k["shuffle"])
        return types.SimpleNamespace(history={"loss": [0.5]})
keras = types.SimpleNamespace(datasets=types.SimpleNamespace(mnist=_data, fashion_mnist=_data),
    utils=types.SimpleNamespace(set_random_seed=lambda s: None), Sequential=_Model, Input=_Any(),
    layers=_Any(), initializers=_Any(), optimizers=_Any())
`,
    );
    const check = `
import runpy
g = runpy.run_path("/dev/stdin")
if "test_quota" in g: print("TEST", g["test_quota"].tolist())
if "val_idx" in g: print("OVERLAP", len(set(g["val_idx"]) & set(g["train_idx"])), int(g["y_val"].sum()))
`;
    const run = (spec: ExperimentSpecInput) => {
      const dir = mkdtempSync(join(stubDir, 'run-'));
      writeFileSync(join(dir, 'script.py'), keras(spec));
      const r = python(['-c', check.replace('/dev/stdin', join(dir, 'script.py'))], '', { PYTHONPATH: stubDir });
      expect(r.stderr).toBe('');
      return r.stdout;
    };
    const lr = run(lrPuzzle);
    expect(lr).toContain('FIT [209, 784] float32 72 209 2500 True');
    expect(lr).toMatch(/TEST \[(\d+, ){8}17, \d+\]/);
    const mnist = run(mnistBinary);
    expect(mnist).toContain('FIT [1000, 28, 28, 1] float32 200 64 7 True');
    expect(mnist).toContain('OVERLAP 0 20');
    expect(run(courseCnn())).toMatch(/^FIT \[1000, 28, 28, 1\] int32 \d+ 64 1 True$/m);
  });
});
