/**
 * The data section of the Keras export (keras.ts): header comments saying how the subset was chosen, and
 * numpy code that chooses it the same way (equal shares per class, seeded, only the listed classes) and
 * shapes pixels and labels as the task needs them. Pure: no tfjs, no DOM.
 */
import { binaryGroups, CLASS_NAMES, classesInUse } from './labels';
import type { ExperimentSpec } from './schema';

const TITLES = { 'fashion-mnist': 'Fashion-MNIST', mnist: 'MNIST' } as const;
const LOADERS = { 'fashion-mnist': 'fashion_mnist', mnist: 'mnist' } as const;
const ALL = [...Array(10).keys()];

const list = (xs: number[]) => `[${xs.join(', ')}]`;

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

/** "class 8 (Bag)", "classes 0 (T-shirt/top), 6 (Shirt)", "classes 3, 5". */
export function classLabel(spec: ExperimentSpec, classes: number[]): string {
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
export function describeData(spec: ExperimentSpec): string[] {
  const { data } = spec;
  const used = classesInUse(data);
  const over = `spread equally over the ${used.length} ${data.classes ? 'listed ' : ''}classes`;
  let task: string;
  if (data.task.kind === 'binary') {
    const { positive, negative } = binaryGroups(data);
    task = data.classes
      ? `binary task on ${classLabel(spec, used)} only: ${classLabel(spec, positive)} → 1, ${classLabel(spec, negative)} → 0.`
      : `binary task: ${classLabel(spec, positive)} → 1, every other class → 0.`;
  } else {
    task = data.classes
      ? `${used.length}-class task on ${classLabel(spec, used)} only; labels 0–${used.length - 1} in that order.`
      : '10-class task (labels 0–9).';
  }
  const out = [`# Data: ${TITLES[data.dataset]}, ${task}`];
  const binary = data.task.kind === 'binary';
  const share = (n: number) => {
    const p = positivesOf(spec, n);
    if (!binary) return over;
    return p === null
      ? "keeping the training set's positive share"
      : `keeping the training set's positive share: ${p} positives, ${n - p} negatives`;
  };
  out.push(
    `#   Training: ${data.train} images from the training split, ` +
      (data.counts ? `exactly ${data.counts.positive} positives and ${data.counts.negative} negatives.` : `${over}.`),
  );
  if (data.validation) out.push(`#   Validation: ${data.validation} other images from the training split, ${share(data.validation)}.`);
  if (data.test) out.push(`#   Test: ${data.test} images from the test split, ${share(data.test)}.`);
  return out;
}

/** Python lines that compute `<name>_quota` and `<name>_idx` for one part of the data. */
function partLines(spec: ExperimentSpec, name: 'train' | 'val' | 'test', n: number): string[] {
  const { data } = spec;
  const used = data.classes ? 'CLASSES' : 'ALL';
  const room = name === 'train' ? 'train_room' : name === 'val' ? 'train_room - train_quota' : 'test_room';
  const y = name === 'test' ? 'y_test_all' : 'y_train_all';
  const out: string[] = [];
  if (data.task.kind === 'multiclass' || (name === 'train' && !data.counts)) {
    out.push(`${name}_quota = spread(${n}, ${used}, ${room})`);
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

/** The task's labels in Python, inside prepare(). */
function labelLines(spec: ExperimentSpec): string[] {
  const { data } = spec;
  const out: string[] = [];
  if (data.classes) out.push('    assert np.isin(y, CLASSES).all()  # only the listed classes were picked');
  if (data.task.kind === 'binary') {
    const { positive, negative } = binaryGroups(data);
    const zero = data.classes ? classLabel(spec, negative) : 'otherwise';
    out.push(
      `    y = np.isin(y, ${list(data.task.positive)}).astype("float32")  # 1 for ${classLabel(spec, positive)}, 0 ${data.classes ? `for ${zero}` : zero}`,
    );
  } else if (data.classes) {
    out.push(`    y = LABEL_OF[y]  # class CLASSES[k] → label k (0–${data.classes.length - 1})`);
  } else {
    out.push('    y = y.astype("int32")  # class ids 0–9');
  }
  return out;
}

/** Loads the dataset, picks the subset and prepares x/y for training, validation and test. */
export function dataLines(spec: ExperimentSpec): string[] {
  const { data } = spec;
  const out = [
    `(x_train_all, y_train_all), (x_test_all, y_test_all) = keras.datasets.${LOADERS[data.dataset]}.load_data()`,
    'train_room = np.bincount(y_train_all, minlength=10)',
    'test_room = np.bincount(y_test_all, minlength=10)',
    `ALL = ${list(ALL)}`,
  ];
  if (data.classes) out.push(`CLASSES = ${list(data.classes)}  # only these classes are used; every other class is left out`);
  if (data.classes && data.task.kind === 'multiclass') {
    out.push(
      'LABEL_OF = np.full(10, -1, dtype="int32")',
      'LABEL_OF[CLASSES] = np.arange(len(CLASSES))  # the label of each class: its position in CLASSES',
    );
  }
  if (data.task.kind === 'binary') {
    const { positive, negative } = binaryGroups(data);
    out.push(`POSITIVE = ${list(positive)}`, `NEGATIVE = ${list(negative)}`);
  }
  out.push('', '', HELPERS, '', '');
  const reshape = data.input === 'image' ? '28, 28, 1' : '784';
  out.push(
    'def prepare(x, y):',
    '    """Pixels scaled to [0, 1] and shaped for the model; labels as the task needs them."""',
    '    x = x.astype("float32") / 255.0',
    `    x = x.reshape(len(x), ${reshape})`,
    ...labelLines(spec),
    '    return x, y',
    '',
    '',
  );
  out.push(...partLines(spec, 'train', data.train), 'x_train, y_train = prepare(x_train_all[train_idx], y_train_all[train_idx])');
  if (data.validation)
    out.push(...partLines(spec, 'val', data.validation), 'x_val, y_val = prepare(x_train_all[val_idx], y_train_all[val_idx])');
  if (data.test) out.push(...partLines(spec, 'test', data.test), 'x_test, y_test = prepare(x_test_all[test_idx], y_test_all[test_idx])');
  return out;
}
