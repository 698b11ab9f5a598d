/**
 * Exports an experiment as a runnable Python/Keras script (TensorFlow 2 / Keras 3), so a reader can
 * reproduce it in a notebook. Pure: no tfjs, no DOM.
 */
import { batchSizeOf, stepsPerEpoch } from './parse';
import type { ExperimentSpec, LayerSpec } from './schema';
import { expandLayers, inputShapeOf, summarize } from './summarize';

const CLASS_NAMES: Record<ExperimentSpec['data']['dataset'], string[]> = {
  'fashion-mnist': ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot'],
  mnist: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
};
const TITLES = { 'fashion-mnist': 'Fashion-MNIST', mnist: 'MNIST' } as const;
const LOADERS = { 'fashion-mnist': 'fashion_mnist', mnist: 'mnist' } as const;
const ALL = [...Array(10).keys()];
const OPTIMIZER_NAMES = { sgd: 'SGD', momentum: 'SGD with momentum', rmsprop: 'RMSprop', adam: 'Adam' } as const;

/** A number as a Python literal: JavaScript's shortest round-trip form (0.0075 stays "0.0075"). */
const num = (n: number) => String(n);
const list = (xs: number[]) => `[${xs.join(', ')}]`;
const pair = (v: number | [number, number]) => (typeof v === 'number' ? `(${v}, ${v})` : `(${v[0]}, ${v[1]})`);
const thousands = (n: number) => n.toLocaleString('en-US');

/** Python helpers that choose the subset the way the browser does (equal shares per class, seeded). */
const HELPERS = `def spread(total, classes, room):
    """Images per class: total spread as equally as possible over classes, at most room[c] of class c."""
    quota = np.zeros(10, dtype=int)
    left, active = total, [c for c in classes if room[c] > 0]
    while left > 0 and active:
        share = left // len(active)
        full = [c for c in active if room[c] - quota[c] <= share]
        for c in full:
            left -= room[c] - quota[c]
            quota[c] = room[c]
        if full:
            active = [c for c in active if quota[c] < room[c]]
            continue
        quota[active] += share
        left -= share * len(active)
        quota[rng.choice(active, size=left, replace=False)] += 1
        left = 0
    return quota


def pick(y, quota, exclude=None):
    """Random indexes of quota[c] images of each class c, none of them in exclude."""
    chosen = []
    for c in range(10):
        pool = np.flatnonzero(y == c)
        if exclude is not None:
            pool = np.setdiff1d(pool, exclude)
        chosen.append(rng.choice(pool, size=quota[c], replace=False))
    return np.sort(np.concatenate(chosen))`;

function classLabel(spec: ExperimentSpec, classes: number[]): string {
  const names = CLASS_NAMES[spec.data.dataset];
  const each = classes.map((c) => (names[c] === String(c) ? String(c) : `${c} (${names[c]})`));
  return `${classes.length === 1 ? 'class' : 'classes'} ${each.join(', ')}`;
}

/** Positives among `n` validation/test images: the training set's positive share, rounded; null if only Python knows it. */
function positivesOf(spec: ExperimentSpec, n: number): number | null {
  const c = spec.data.counts;
  return c ? Math.round(n * (c.positive / spec.data.train)) : null;
}

/** Header comment lines describing how the data was chosen. */
function describeData(spec: ExperimentSpec): string[] {
  const { data } = spec;
  const out = [`# Data: ${TITLES[data.dataset]}, ` + (data.task.kind === 'binary'
    ? `binary task: ${classLabel(spec, data.task.positive)} → 1, every other class → 0.`
    : '10-class task (labels 0–9).')];
  const binary = data.task.kind === 'binary';
  const share = (n: number) => {
    const p = positivesOf(spec, n);
    if (!binary) return 'spread equally over the 10 classes';
    return p === null ? "keeping the training set's positive share" : `keeping the training set's positive share: ${p} positives, ${n - p} negatives`;
  };
  out.push(`#   Training: ${data.train} images from the training split, ` + (data.counts
    ? `exactly ${data.counts.positive} positives and ${data.counts.negative} negatives.`
    : 'spread equally over the 10 classes.'));
  if (data.validation) out.push(`#   Validation: ${data.validation} other images from the training split, ${share(data.validation)}.`);
  if (data.test) out.push(`#   Test: ${data.test} images from the test split, ${share(data.test)}.`);
  return out;
}

/** Python lines that compute `<name>_quota` and `<name>_idx` for one part of the data. */
function partLines(spec: ExperimentSpec, name: 'train' | 'val' | 'test', n: number): string[] {
  const { data } = spec;
  const room = name === 'train' ? 'train_room' : name === 'val' ? 'train_room - train_quota' : 'test_room';
  const y = name === 'test' ? 'y_test_all' : 'y_train_all';
  const out: string[] = [];
  if (data.task.kind === 'multiclass' || (name === 'train' && !data.counts)) {
    out.push(`${name}_quota = spread(${n}, ALL, ${room})`);
  } else if (name === 'train') {
    const c = data.counts!;
    out.push(`${name}_quota = spread(${c.positive}, POSITIVE, ${room}) + spread(${c.negative}, NEGATIVE, ${room})`);
  } else {
    const p = positivesOf(spec, n);
    if (p === null) {
      out.push(`${name}_pos = int(np.floor(${n} * (train_pos / ${data.train}) + 0.5))  # the training set's positive share, rounded`);
      out.push(`${name}_quota = spread(${name}_pos, POSITIVE, ${room}) + spread(${n} - ${name}_pos, NEGATIVE, ${room})`);
    } else {
      out.push(`${name}_quota = spread(${p}, POSITIVE, ${room}) + spread(${n - p}, NEGATIVE, ${room})`);
    }
  }
  out.push(`${name}_idx = pick(${y}, ${name}_quota${name === 'val' ? ', exclude=train_idx' : ''})`);
  if (name === 'train' && data.task.kind === 'binary' && !data.counts) out.push('train_pos = int(train_quota[POSITIVE].sum())');
  return out;
}

function dataLines(spec: ExperimentSpec): string[] {
  const { data } = spec;
  const out = [
    `(x_train_all, y_train_all), (x_test_all, y_test_all) = keras.datasets.${LOADERS[data.dataset]}.load_data()`,
    'train_room = np.bincount(y_train_all, minlength=10)',
    'test_room = np.bincount(y_test_all, minlength=10)',
    `ALL = ${list(ALL)}`,
  ];
  if (data.task.kind === 'binary') {
    const pos = [...new Set(data.task.positive)].sort((a, b) => a - b);
    out.push(`POSITIVE = ${list(pos)}`, `NEGATIVE = ${list(ALL.filter((c) => !pos.includes(c)))}`);
  }
  out.push('', '', HELPERS, '', '');
  const reshape = data.input === 'image' ? '28, 28, 1' : '784';
  const label =
    data.task.kind === 'binary'
      ? `    y = np.isin(y, ${list(data.task.positive)}).astype("float32")  # 1 for ${classLabel(spec, data.task.positive)}, 0 otherwise`
      : '    y = y.astype("int32")  # class ids 0–9';
  out.push(
    'def prepare(x, y):',
    '    """Pixels scaled to [0, 1] and shaped for the model; labels as the task needs them."""',
    '    x = x.astype("float32") / 255.0',
    `    x = x.reshape(len(x), ${reshape})`,
    label,
    '    return x, y',
    '',
    '',
  );
  out.push(...partLines(spec, 'train', data.train), 'x_train, y_train = prepare(x_train_all[train_idx], y_train_all[train_idx])');
  if (data.validation) out.push(...partLines(spec, 'val', data.validation), 'x_val, y_val = prepare(x_train_all[val_idx], y_train_all[val_idx])');
  if (data.test) out.push(...partLines(spec, 'test', data.test), 'x_test, y_test = prepare(x_test_all[test_idx], y_test_all[test_idx])');
  return out;
}

/** One layer as a Keras constructor call. */
function layerLine(layer: LayerSpec, course: boolean): string {
  const init = course ? ', kernel_initializer=keras.initializers.RandomNormal(stddev=0.01), bias_initializer="zeros"' : '';
  switch (layer.type) {
    case 'conv2d':
      return `keras.layers.Conv2D(${layer.filters}, ${pair(layer.kernel)}, strides=${pair(layer.stride)}, padding="${layer.padding}", activation="${layer.activation}"${init})`;
    case 'maxPooling2d':
    case 'averagePooling2d': {
      const cls = layer.type === 'maxPooling2d' ? 'MaxPooling2D' : 'AveragePooling2D';
      return `keras.layers.${cls}(pool_size=${pair(layer.pool)}, strides=${pair(layer.stride ?? layer.pool)}, padding="${layer.padding}")`;
    }
    case 'flatten':
      return 'keras.layers.Flatten()';
    case 'dense':
      return `keras.layers.Dense(${layer.units}, activation="${layer.activation}"${init})`;
    case 'dropout':
      return `keras.layers.Dropout(${num(layer.rate)})`;
  }
}

function optimizerCall(spec: ExperimentSpec): string {
  const { type, learningRate, momentum } = spec.optimizer;
  const lr = `learning_rate=${num(learningRate)}`;
  if (type === 'sgd') return `keras.optimizers.SGD(${lr})`;
  if (type === 'momentum') return `keras.optimizers.SGD(${lr}, momentum=${num(momentum)})`;
  return `keras.optimizers.${type === 'adam' ? 'Adam' : 'RMSprop'}(${lr})`;
}

/** Epochs Keras should run, and a comment explaining the conversion from iterations if there was one. */
function epochsOf(spec: ExperimentSpec): { epochs: number; note?: string } {
  const d = spec.training.duration;
  if ('epochs' in d) return { epochs: d.epochs };
  const steps = stepsPerEpoch(spec);
  const epochs = Math.ceil(d.iterations / steps);
  if (steps === 1) return { epochs, note: `# ${d.iterations} iterations of full-batch gradient descent = ${epochs} epochs (one step per epoch).` };
  const exact = epochs * steps === d.iterations;
  return {
    epochs,
    note: `# The browser runs ${d.iterations} steps; Keras counts whole epochs: ceil(${d.iterations} / ${steps} steps per epoch) = ${epochs} epochs${exact ? '' : ` (${epochs * steps} steps)`}.`,
  };
}

/**
 * Returns a runnable Python/Keras script reproducing `spec` (a parsed ExperimentSpec): data subset,
 * seeded model with the same layers and initialiser, optimiser, loss and training schedule.
 */
export function toKeras(spec: ExperimentSpec): string {
  const { data, model } = spec;
  const binary = data.task.kind === 'binary';
  const summary = summarize(spec);
  const batch = batchSizeOf(spec);
  const { epochs, note } = epochsOf(spec);
  const shape = inputShapeOf(data);
  const arch = model.kind === 'mlp' ? model.sizes.join(' → ') : `${summary.layers.length} layers`;
  const valData = data.validation ? '(x_val, y_val)' : data.test ? '(x_test, y_test)' : null;
  const lines = [
    `# Learning Curves experiment "${spec.id}", exported to Keras (TensorFlow 2 / Keras 3).`,
    `# Seed: ${spec.seed} (drives the subset choice, the initial weights and the shuffling).`,
    ...describeData(spec),
    `# Model: ${arch}, ${thousands(summary.totalParams)} parameters. Optimiser: ${OPTIMIZER_NAMES[spec.optimizer.type]}, learning rate ${num(spec.optimizer.learningRate)}.`,
    `# Training: ${spec.training.batchSize === 'full' ? `full batch (${batch} examples per step)` : `batches of ${batch}`}, ${epochs} epochs.`,
    '#',
    "# The browser picks its subset and initial weights with its own seeded generator, so the exact",
    '# images and starting weights differ from this script; the recipe and the class counts are the same.',
    '',
    'import numpy as np',
    'from tensorflow import keras',
    '',
    `SEED = ${spec.seed}`,
    'keras.utils.set_random_seed(SEED)  # seeds Python, NumPy and TensorFlow',
    'rng = np.random.default_rng(SEED)',
    '',
    ...dataLines(spec),
    '',
    'model = keras.Sequential([',
    `    keras.Input(shape=(${shape.join(', ')}${shape.length === 1 ? ',' : ''})),`,
    ...expandLayers(model).map((l) => `    ${layerLine(l, model.initializer === 'course')},`),
    '])',
    'model.compile(',
    `    optimizer=${optimizerCall(spec)},`,
    `    loss="${binary ? 'binary_crossentropy' : 'sparse_categorical_crossentropy'}",`,
    '    metrics=["accuracy"],',
    ')',
    `model.summary()  # ${thousands(summary.totalParams)} parameters in total, as in the browser`,
    '',
    ...(note ? [note] : []),
    'history = model.fit(',
    '    x_train,',
    '    y_train,',
    `    batch_size=${batch},`,
    `    epochs=${epochs},`,
    ...(valData ? [`    validation_data=${valData},`] : []),
    '    shuffle=True,',
    `    verbose=${epochs > 100 ? '0,  # many epochs: print nothing; history.history holds every epoch' : '2,'}`,
    ')',
    'print({name: values[-1] for name, values in history.history.items()})  # the last epoch',
    ...(data.test ? ['print(model.evaluate(x_test, y_test, return_dict=True, verbose=0))'] : []),
  ];
  return `${lines.join('\n')}\n`;
}
