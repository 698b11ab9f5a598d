/**
 * Exports an experiment as a runnable Python/Keras script (TensorFlow 2 / Keras 3), so a reader can
 * reproduce it in a notebook. Pure: no tfjs, no DOM.
 */
import { dataLines, describeData } from './keras-data';
import { pretrainedLines, pretrainedNotes } from './keras-pretrained';
import { batchSizeOf, stepsPerEpoch } from './arithmetic';
import type { ExperimentSpec, LayerSpec } from './schema';
import { expandLayers, inputShapeOf, outputUnitsFor, summarize } from './summarize';
import { kerasInit } from '../layers/def';
import { weightEntries } from '../model/npz';
import { defOf } from '../layers/registry';

const OPTIMIZER_NAMES = { sgd: 'SGD', momentum: 'SGD with momentum', rmsprop: 'RMSprop', adam: 'Adam' } as const;

/** A number as a Python literal: JavaScript's shortest round-trip form (0.0075 stays "0.0075"). */
const num = (n: number) => String(n);
/** A Python float literal: Keras' optimisers reject an int learning rate or momentum (10 → "10.0"; 1e-7 stays). */
const float = (n: number) => (Number.isInteger(n) && !/e/.test(String(n)) ? `${n}.0` : String(n));
const thousands = (n: number) => n.toLocaleString('en-US');

/** One layer as a Keras constructor call. */
function layerLine(layer: LayerSpec, course: boolean, l2: number): string {
  return defOf(layer).keras(layer, kerasInit(course, l2));
}

function optimizerCall(spec: ExperimentSpec): string {
  const { type, learningRate, momentum } = spec.optimizer;
  const lr = `learning_rate=${float(learningRate)}`;
  if (type === 'sgd') return `keras.optimizers.SGD(${lr})`;
  if (type === 'momentum') return `keras.optimizers.SGD(${lr}, momentum=${float(momentum)})`;
  return `keras.optimizers.${type === 'adam' ? 'Adam' : 'RMSprop'}(${lr})`;
}

/**
 * The compile's loss, and any lines it needs first. Label smoothing: Keras' BinaryCrossentropy takes it; its
 * sparse categorical loss does not, so multiclass labels are made one-hot inside a small loss function.
 */
function lossOf(spec: ExperimentSpec): { loss: string; before: string[] } {
  const e = spec.training.labelSmoothing ?? 0;
  const binary = spec.data.task.kind === 'binary';
  if (!(e > 0)) return { loss: `"${binary ? 'binary_crossentropy' : 'sparse_categorical_crossentropy'}"`, before: [] };
  if (binary) return { loss: `keras.losses.BinaryCrossentropy(label_smoothing=${float(e)})`, before: [] };
  return {
    loss: 'smoothed_crossentropy',
    before: [
      `def smoothed_crossentropy(y_true, y_pred):  # label smoothing ${num(e)} on integer labels`,
      `    one_hot = keras.ops.one_hot(keras.ops.cast(keras.ops.reshape(y_true, (-1,)), "int32"), ${outputUnitsFor(spec.data)})`,
      `    return keras.losses.categorical_crossentropy(one_hot, y_pred, label_smoothing=${float(e)})`,
      '',
    ],
  };
}

/** Epochs Keras should run, and a comment explaining the conversion from iterations if there was one. */
function epochsOf(spec: ExperimentSpec): { epochs: number; note?: string } {
  const d = spec.training.duration;
  if ('epochs' in d) return { epochs: d.epochs };
  const steps = stepsPerEpoch(spec);
  const epochs = Math.ceil(d.iterations / steps);
  if (steps === 1)
    return { epochs, note: `# ${d.iterations} iterations of full-batch gradient descent = ${epochs} epochs (one step per epoch).` };
  const exact = epochs * steps === d.iterations;
  return {
    epochs,
    note: `# The browser runs ${d.iterations} steps; Keras counts whole epochs: ceil(${d.iterations} / ${steps} steps per epoch) = ${epochs} epochs${exact ? '' : ` (${epochs * steps} steps)`}.`,
  };
}

/** The fixed training subset the browser evaluates like validation, evaluated once at the end. */
function trainEvalLines(spec: ExperimentSpec): string[] {
  const n = spec.record.trainEval;
  if (!n) return [];
  return [
    '',
    `# The browser also evaluates a fixed subset of ${n} training images at each evaluation, in inference mode (no`,
    '# dropout, no augmentation), exactly like validation. Keras\' training "loss" is instead the running mean over',
    '# the epoch in training mode. The same comparison here, for the final model:',
    `train_eval_idx = np.sort(rng.choice(len(x_train), size=${n}, replace=False))`,
    'print(model.evaluate(x_train[train_eval_idx], y_train[train_eval_idx], return_dict=True, verbose=0))',
  ];
}

/** Augmentation layers at the model's start (Keras applies them only in training), or nothing. */
function augmentLines(spec: ExperimentSpec): string[] {
  const { shift, flip } = spec.training.augment;
  if (!shift && !flip) return [];
  const flat = spec.data.input === 'flat';
  const out = ['    # Data augmentation: Keras applies these layers only while training, never in evaluate() or predict().'];
  if (flat) out.push('    keras.layers.Reshape((28, 28, 1)),  # the augmentation layers work on images');
  if (shift) {
    out.push(
      `    # Shifts of up to ${shift} pixel${shift === 1 ? '' : 's'} each way, vacated pixels 0 (the browser draws whole pixels -${shift}..${shift}).`,
      `    keras.layers.RandomTranslation(${shift} / 28, ${shift} / 28, fill_mode="constant", fill_value=0.0, interpolation="nearest", seed=SEED),`,
    );
  }
  if (flip) out.push('    keras.layers.RandomFlip("horizontal", seed=SEED),  # mirrors half of the images left-right');
  if (flat) out.push('    keras.layers.Reshape((784,)),');
  return out;
}

/** Header lines on regularisation, augmentation, early stopping and the training subset, if any. */
function extrasNotes(spec: ExperimentSpec): string[] {
  const { model, training, record } = spec;
  const out: string[] = [];
  const regs: string[] = [];
  if (model.kind === 'mlp' && model.dropout > 0) regs.push(`dropout ${num(model.dropout)} after each hidden layer`);
  if (model.l2 > 0) regs.push(`L2 weight decay ${num(model.l2)} on every kernel (adds ${num(model.l2)} · Σ w² to the loss)`);
  if (regs.length) out.push(`# Regularisation: ${regs.join('; ')}.`);
  if (model.l2 > 0) {
    out.push(
      "#   Keras reports loss and val_loss with the penalty included. The browser's training cost includes it",
      '#   too; its evaluations (validation, test, training subset) report the cross-entropy alone.',
    );
  }
  const { shift, flip } = training.augment;
  if (shift || flip) {
    const what = [shift ? `random shifts of up to ${shift} pixels` : '', flip ? 'random horizontal flips' : '']
      .filter(Boolean)
      .join(' and ');
    out.push(`# Augmentation: ${what} of each training batch (never of evaluation data).`);
  }
  const smoothing = training.labelSmoothing ?? 0;
  if (smoothing > 0) {
    const k = spec.data.task.kind === 'binary' ? 2 : outputUnitsFor(spec.data);
    out.push(
      `# Label smoothing ${num(smoothing)}: the training loss aims at y · (1 − ${num(smoothing)}) + ${num(smoothing)}/${k} instead of the 0/1 label.`,
      "#   Keras reports loss and val_loss against the smoothed labels; the browser's evaluations (validation, test,",
      '#   training subset) report the cross-entropy against the true labels.',
    );
  }
  const notes = new Set(expandLayers(model).flatMap((l) => defOf(l).kerasNote?.(l) ?? []));
  out.push(...notes);
  const es = training.earlyStopping;
  if (es) {
    out.push(
      `# Early stopping: after ${es.patience} evaluations without a lower validation loss${es.restoreBest ? ', restoring the best weights' : ''}.`,
    );
    if (record.evaluate !== 'epoch') {
      out.push(
        `#   The browser evaluates every ${record.evaluate.steps} steps; Keras checks val_loss at the end of each epoch, so patience counts epochs here.`,
      );
    }
  }
  return out;
}

/**
 * Lines that load a .npz of the weights trained in the browser ("Download weights (.npz)"), layer by layer: its
 * arrays are in each layer's Keras weight order and Keras' layouts. Layer by layer rather than one
 * model.set_weights(), whose list would also need the augmentation layers' own state.
 */
function weightsLines(spec: ExperimentSpec, file: string): string[] {
  const total = expandLayers(spec.model).length;
  const byLayer = new Map<number, string[]>();
  for (const e of weightEntries(spec)) byLayer.set(e.layerIndex, [...(byLayer.get(e.layerIndex) ?? []), e.name]);
  return [
    '',
    `# The weights trained in the browser: "${file}" ("Download weights (.npz)" under the demo), next to this script.`,
    "# Its arrays are named by layer, in Keras' weight order and layouts (the browser's).",
    `weights = np.load(${JSON.stringify(file)})`,
    `layers = model.layers[len(model.layers) - ${total}:]  # the experiment's layers, after any augmentation layers`,
    ...[...byLayer].map(([i, names]) => `layers[${i}].set_weights([${names.map((n) => `weights["${n}"]`).join(', ')}])`),
  ];
}

/** Options of the export. */
export interface KerasOptions {
  /** A .npz of trained weights (from "Download weights (.npz)") to load into the model, e.g. "weights.npz". */
  weightsFile?: string;
}

/**
 * Returns a runnable Python/Keras script reproducing `spec` (a parsed ExperimentSpec): data subset,
 * seeded model with the same layers and initialiser, optimiser, loss and training schedule. With `weightsFile`,
 * it loads those weights first and trains only when TRAIN is set.
 */
export function toKeras(spec: ExperimentSpec, options: KerasOptions = {}): string {
  const { data, model } = spec;
  const summary = summarize(spec);
  const batch = batchSizeOf(spec);
  const { epochs, note } = epochsOf(spec);
  const shape = inputShapeOf(data);
  const arch = model.kind === 'mlp' ? model.sizes.join(' → ') : `${summary.layers.length} layers`;
  const valData = data.validation ? '(x_val, y_val)' : data.test ? '(x_test, y_test)' : null;
  const es = spec.training.earlyStopping;
  const loss = lossOf(spec);
  const weights = options.weightsFile;
  const fit = [
    ...(note ? [note] : []),
    'history = model.fit(',
    '    x_train,',
    '    y_train,',
    `    batch_size=${batch},`,
    `    epochs=${epochs},`,
    ...(valData ? [`    validation_data=${valData},`] : []),
    ...(es
      ? [
          `    callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=${es.patience}, restore_best_weights=${es.restoreBest ? 'True' : 'False'})],`,
        ]
      : []),
    '    shuffle=True,',
    `    verbose=${epochs > 100 ? '0,  # many epochs: print nothing; history.history holds every epoch' : '2,'}`,
    ')',
    'print({name: values[-1] for name, values in history.history.items()})  # the last epoch',
  ];
  const evaluateLast = data.test
    ? ['print(model.evaluate(x_test, y_test, return_dict=True, verbose=0))']
    : weights
      ? [`print(model.evaluate(${data.validation ? 'x_val, y_val' : 'x_train, y_train'}, return_dict=True, verbose=0))`]
      : [];
  const lines = [
    `# Learning Curves experiment "${spec.id}", exported to Keras (TensorFlow 2 / Keras 3).`,
    `# Seed: ${spec.seed} (drives the subset choice, the initial weights and the shuffling).`,
    ...describeData(spec),
    `# Model: ${arch}, ${thousands(summary.totalParams)} parameters. Optimiser: ${OPTIMIZER_NAMES[spec.optimizer.type]}, learning rate ${num(spec.optimizer.learningRate)}.`,
    `# Training: ${spec.training.batchSize === 'full' ? `full batch (${batch} examples per step)` : `batches of ${batch}`}, ${epochs} epochs.`,
    ...extrasNotes(spec),
    ...pretrainedNotes(spec),
    '#',
    '# The browser picks its subset and initial weights with its own seeded generator, so the exact',
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
    ...augmentLines(spec),
    // Frozen pretrained layers get their weights from the file and no penalty (the browser penalises only trained kernels).
    ...expandLayers(model).map((l, i) => {
      const frozen = !!model.pretrained?.freeze && i < model.pretrained.layers;
      return `    ${layerLine(l, !frozen && model.initializer === 'course', frozen ? 0 : model.l2)},`;
    }),
    '])',
    ...pretrainedLines(spec),
    ...(loss.before.length ? ['', ...loss.before] : []),
    'model.compile(',
    `    optimizer=${optimizerCall(spec)},`,
    `    loss=${loss.loss},`,
    '    metrics=["accuracy"],',
    ')',
    `model.summary()  # ${thousands(summary.totalParams)} parameters in total, as in the browser${summary.frozenParams ? ` (${thousands(summary.frozenParams)} of them frozen)` : ''}`,
    ...(weights ? weightsLines(spec, weights) : []),
    '',
    ...(weights ? ["TRAIN = False  # True: train further from the browser's weights", 'if TRAIN:', ...fit.map((l) => `    ${l}`)] : fit),
    ...evaluateLast,
    ...trainEvalLines(spec),
  ];
  return `${lines.join('\n')}\n`;
}
