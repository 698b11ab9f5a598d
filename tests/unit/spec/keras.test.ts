import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { explodeDemo } from '../../../src/demos/learning-rate';
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

/** Shirt vs T-shirt/top (the loss-vs-accuracy chapter) with every regularisation option. */
const shirts: ExperimentSpecInput = {
  id: 'shirts',
  seed: 5,
  data: { dataset: 'fashion-mnist', classes: [0, 6], task: { kind: 'binary', positive: [6] }, train: 308, validation: 52, test: 154 },
  model: { kind: 'mlp', sizes: [784, 64, 16, 1], dropout: 0.3, l2: 0.001 },
  optimizer: { type: 'adam', learningRate: 0.001 },
  training: { batchSize: 2, duration: { epochs: 40 }, augment: { shift: 2, flip: true }, earlyStopping: { patience: 3 } },
  record: { trainEval: 100 },
};

/** Three listed classes in a non-sorted order, image input, flips only, no restoring. */
const threeClasses: ExperimentSpecInput = {
  ...courseCnn(),
  id: 'three-classes',
  data: { dataset: 'fashion-mnist', classes: [6, 0, 2], train: 300, validation: 30, test: 60, input: 'image' },
  model: {
    kind: 'layers',
    l2: 0.0005,
    layers: [
      { type: 'conv2d', filters: 4, kernel: 3 },
      { type: 'maxPooling2d', pool: 2 },
      { type: 'flatten' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ],
  },
  training: { batchSize: 32, duration: { epochs: 5 }, augment: { flip: true }, earlyStopping: { patience: 2, restoreBest: false } },
  record: { evaluate: { steps: 5 } },
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

  it('exports listed classes, L2, MLP dropout, augmentation, early stopping and the training subset', () => {
    const code = keras(shirts);
    const l = lines(code);
    expect(l).toContain(
      '# Data: Fashion-MNIST, binary task on classes 0 (T-shirt/top), 6 (Shirt) only: class 6 (Shirt) → 1, class 0 (T-shirt/top) → 0.',
    );
    expect(l).toContain('#   Training: 308 images from the training split, spread equally over the 2 listed classes.');
    expect(l).toContain(
      '# Regularisation: dropout 0.3 after each hidden layer; L2 weight decay 0.001 on every kernel (adds 0.001 · Σ w² to the loss).',
    );
    expect(l).toContain(
      '# Augmentation: random shifts of up to 2 pixels and random horizontal flips of each training batch (never of evaluation data).',
    );
    expect(l).toContain('# Early stopping: after 3 evaluations without a lower validation loss, restoring the best weights.');
    expect(l).toContain('CLASSES = [0, 6]  # only these classes are used; every other class is left out');
    expect(l).toContain('POSITIVE = [6]');
    expect(l).toContain('NEGATIVE = [0]');
    expect(code).not.toContain('LABEL_OF');
    expect(l).toContain('train_quota = spread(308, CLASSES, train_room)');
    expect(l).toContain('    y = np.isin(y, [6]).astype("float32")  # 1 for class 6 (Shirt), 0 for class 0 (T-shirt/top)');
    const body = l.slice(l.indexOf('model = keras.Sequential(['), l.indexOf('])') + 1);
    const reg = 'kernel_regularizer=keras.regularizers.L2(0.001)';
    expect(body).toEqual([
      'model = keras.Sequential([',
      '    keras.Input(shape=(784,)),',
      '    # Data augmentation: Keras applies these layers only while training, never in evaluate() or predict().',
      '    keras.layers.Reshape((28, 28, 1)),  # the augmentation layers work on images',
      '    # Shifts of up to 2 pixels each way, vacated pixels 0 (the browser draws whole pixels -2..2).',
      '    keras.layers.RandomTranslation(2 / 28, 2 / 28, fill_mode="constant", fill_value=0.0, interpolation="nearest", seed=SEED),',
      '    keras.layers.RandomFlip("horizontal", seed=SEED),  # mirrors half of the images left-right',
      '    keras.layers.Reshape((784,)),',
      `    keras.layers.Dense(64, activation="relu", ${reg}),`,
      '    keras.layers.Dropout(0.3),',
      `    keras.layers.Dense(16, activation="relu", ${reg}),`,
      '    keras.layers.Dropout(0.3),',
      `    keras.layers.Dense(1, activation="sigmoid", ${reg}),`,
      '])',
    ]);
    expect(l).toContain('    callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=3, restore_best_weights=True)],');
    expect(l).toContain('train_eval_idx = np.sort(rng.choice(len(x_train), size=100, replace=False))');
    expect(code).not.toMatch(/\t|true|false|undefined|NaN/);
  });

  it('exports a multiclass task on listed classes with labels in the listed order', () => {
    const l = lines(keras(threeClasses));
    expect(l).toContain(
      '# Data: Fashion-MNIST, 3-class task on classes 6 (Shirt), 0 (T-shirt/top), 2 (Pullover) only; labels 0–2 in that order.',
    );
    expect(l).toContain('CLASSES = [6, 0, 2]  # only these classes are used; every other class is left out');
    expect(l).toContain('LABEL_OF[CLASSES] = np.arange(len(CLASSES))  # the label of each class: its position in CLASSES');
    expect(l).toContain('    y = LABEL_OF[y]  # class CLASSES[k] → label k (0–2)');
    expect(l).toContain(
      '    keras.layers.Conv2D(4, (3, 3), strides=(1, 1), padding="valid", activation="relu", kernel_regularizer=keras.regularizers.L2(0.0005)),',
    );
    expect(l).toContain('    keras.layers.RandomFlip("horizontal", seed=SEED),  # mirrors half of the images left-right');
    expect(l.some((x) => x.includes('Reshape'))).toBe(false);
    expect(l).toContain('    callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=2, restore_best_weights=False)],');
    expect(l).toContain(
      '#   The browser evaluates every 5 steps; Keras checks val_loss at the end of each epoch, so patience counts epochs here.',
    );
  });

  it('prints optimizers and numbers exactly', () => {
    const withOpt = (type: string, learningRate: number) => keras({ ...denseOnly, optimizer: { type: type as 'sgd', learningRate } });
    expect(withOpt('rmsprop', 0.1 + 0.2)).toContain('keras.optimizers.RMSprop(learning_rate=0.30000000000000004)');
    expect(withOpt('adam', 1e-7)).toContain('keras.optimizers.Adam(learning_rate=1e-7)');
    // Keras 3 rejects an int learning rate or momentum ("should be float"): whole numbers get a ".0".
    expect(withOpt('sgd', 2)).toContain('keras.optimizers.SGD(learning_rate=2.0)');
    expect(withOpt('adam', 1)).toContain('keras.optimizers.Adam(learning_rate=1.0)');
    expect(keras({ ...denseOnly, optimizer: { type: 'momentum', learningRate: 10, momentum: 0 } })).toContain(
      '    optimizer=keras.optimizers.SGD(learning_rate=10.0, momentum=0.0),',
    );
    // The learning-rate chapter's exploding run (learning rate 10): its export failed on Keras 3 before.
    expect(lines(keras(explodeDemo.spec))).toContain('    optimizer=keras.optimizers.SGD(learning_rate=10.0),');
    const full = keras({ ...denseOnly, training: { batchSize: 'full', duration: { epochs: 3 } } });
    expect(full).toContain('    batch_size=1000,\n    epochs=3,');
  });

  const specs = { lrPuzzle, courseCnn: courseCnn(), noPools: courseCnn(false), denseOnly, mnistBinary, shirts, threeClasses };

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
        print("LABELS", sorted(set(np.asarray(y).astype(int).tolist())), len(k.get("callbacks", [])))
        return types.SimpleNamespace(history={"loss": [0.5]})
keras = types.SimpleNamespace(datasets=types.SimpleNamespace(mnist=_data, fashion_mnist=_data),
    utils=types.SimpleNamespace(set_random_seed=lambda s: None), Sequential=_Model, Input=_Any(),
    layers=_Any(), initializers=_Any(), optimizers=_Any(), regularizers=_Any(), callbacks=_Any())
`,
    );
    const check = `
import runpy
g = runpy.run_path("/dev/stdin")
if "test_quota" in g: print("TEST", g["test_quota"].tolist())
if "val_idx" in g: print("OVERLAP", len(set(g["val_idx"]) & set(g["train_idx"])), int(g["y_val"].sum()))
for part, y in (("train", "y_train_all"), ("val", "y_train_all"), ("test", "y_test_all")):
    if part + "_idx" in g: print("CLASSES", part, g["np"].bincount(g[y][g[part + "_idx"]], minlength=10).tolist())
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
    // Listed classes: exactly the thread's class counts, 0/1 labels, one callback (early stopping).
    const sh = run(shirts);
    expect(sh).toContain('FIT [308, 784] float32 154 2 40 True');
    expect(sh).toContain('LABELS [0, 1] 1');
    expect(sh).toContain('CLASSES train [154, 0, 0, 0, 0, 0, 154, 0, 0, 0]');
    expect(sh).toContain('CLASSES val [26, 0, 0, 0, 0, 0, 26, 0, 0, 0]');
    expect(sh).toContain('CLASSES test [77, 0, 0, 0, 0, 0, 77, 0, 0, 0]');
    expect(sh).toContain('OVERLAP 0 26');
    // Multiclass on [6, 0, 2]: labels 0–2, 100 of each class.
    const three = run(threeClasses);
    expect(three).toContain('LABELS [0, 1, 2] 1');
    expect(three).toContain('CLASSES train [100, 0, 100, 0, 0, 0, 100, 0, 0, 0]');
    expect(three).toMatch(/^FIT \[300, 28, 28, 1\] int32 300 32 5 True$/m);
  });
});
