/**
 * Exports an experiment as a runnable PyTorch script (torch 2 + torchvision): the data subset chosen as the Keras
 * export chooses it, the model as an nn.Sequential of the same layers (channels first, with the browser's flatten
 * order kept), the same initialisation scheme, Keras' optimiser settings, L2, label smoothing, augmentation, early
 * stopping, the training loop and the evaluations. Each layer type writes its own modules (`torch()` in
 * engine/layers/). With `weightsFile`, the script loads a .npz of the weights trained in the browser. Pure: no
 * tfjs, no DOM.
 */
import { describeData } from './keras-data';
import { augmentLines, pretrainedLines, pretrainedNotes, torchDataLines, weightsLines } from './pytorch-data';
import { EVALUATE, lossLines, loopLines, optimizerLine, penaltyLines } from './pytorch-train';
import { batchSizeOf, stepsPerEpoch } from './arithmetic';
import type { ExperimentSpec, LayerSpec } from './schema';
import { expandLayers, summarize } from './summarize';
import { defOf } from '../layers/registry';

export interface TorchOptions {
  /** A .npz of trained weights (from "Download weights (.npz)") to load into the model, e.g. "weights.npz". */
  weightsFile?: string;
}

const OPTIMIZER_NAMES = { sgd: 'SGD', momentum: 'SGD with momentum', rmsprop: 'RMSprop', adam: 'Adam' } as const;
const num = (n: number) => String(n);
const thousands = (n: number) => n.toLocaleString('en-US');
const indent = (lines: string[]) => lines.map((l) => (l ? `    ${l}` : l));

/** Epochs to run, the exact step count where the browser counts iterations, and a comment on the conversion. */
function scheduleOf(spec: ExperimentSpec): { epochs: number; steps?: number; note?: string } {
  const d = spec.training.duration;
  if ('epochs' in d) return { epochs: d.epochs };
  const per = stepsPerEpoch(spec);
  const epochs = Math.ceil(d.iterations / per);
  if (per === 1)
    return { epochs, note: `# ${d.iterations} iterations of full-batch gradient descent = ${epochs} epochs (one step per epoch).` };
  if (epochs * per === d.iterations) return { epochs, note: `# The browser runs ${d.iterations} steps: ${epochs} epochs of ${per} steps.` };
  return {
    epochs,
    steps: d.iterations,
    note: `# The browser runs ${d.iterations} steps: ${epochs} epochs of ${per} steps, the last one cut short at step ${d.iterations}.`,
  };
}

/** The model: each layer's modules, named after the layer's Keras name (model.conv2d_1, model.conv2d_1_relu, …). */
function modelLines(spec: ExperimentSpec): { lines: string[]; helpers: string[] } {
  const summary = summarize(spec);
  const layers = expandLayers(spec.model);
  const helpers = new Set<string>();
  const lines = layers.flatMap((layer, i) => {
    const last = i === layers.length - 1;
    const input = i === 0 ? summary.inputShape : summary.layers[i - 1].outputShape;
    // The output layer gives logits: its sigmoid or softmax is in the loss, as in the browser.
    const code = defOf(layer).torch(last ? ({ ...layer, activation: 'linear' } as LayerSpec) : layer, input);
    code.helpers?.forEach((h) => helpers.add(h));
    const name = summary.layers[i].name;
    return code.modules.map((m) => {
      const note =
        last && m.part === '' ? `logits: the ${spec.data.task.kind === 'binary' ? 'sigmoid' : 'softmax'} is in the loss` : m.note;
      return `    ("${m.part ? `${name}_${m.part}` : name}", ${m.code}),${note ? `  # ${note}` : ''}`;
    });
  });
  return { lines: ['model = nn.Sequential(OrderedDict([', ...lines, ']))'], helpers: [...helpers] };
}

function initLines(spec: ExperimentSpec): string[] {
  const course = spec.model.initializer === 'course';
  return [
    'def init_weights(module):',
    course
      ? '    """The course\'s initialisation: every kernel N(0, 1) · 0.01 (np.random.randn(...) * 0.01), biases 0."""'
      : '    """Keras\' glorot_uniform: U(−a, a), a = √(6 / (fan_in + fan_out)), with Keras\' fans (channels × kernel area;\n    PyTorch\'s xavier_uniform_ computes the same ones); biases 0. (PyTorch\'s own default initialisation differs.)"""',
    '    if isinstance(module, (nn.Conv2d, nn.Linear)):',
    course ? '        nn.init.normal_(module.weight, std=0.01)' : '        nn.init.xavier_uniform_(module.weight)',
    '        nn.init.zeros_(module.bias)',
    '',
    '',
    'model.apply(init_weights)',
  ];
}

/** Header lines on regularisation, augmentation, smoothing, layers worth a word, early stopping. */
function extrasNotes(spec: ExperimentSpec): string[] {
  const { model, training, record } = spec;
  const out: string[] = [];
  if (model.kind === 'mlp' && model.dropout > 0) out.push(`# Dropout ${num(model.dropout)} after each hidden layer.`);
  if (model.l2 > 0)
    out.push(`# L2 ${num(model.l2)} on every trained kernel: ${num(model.l2)} · Σ w² added to the training loss (see penalty()).`);
  const { shift, flip } = training.augment;
  if (shift || flip) {
    const what = [shift ? `random shifts of up to ${shift} pixels` : '', flip ? 'random horizontal flips' : '']
      .filter(Boolean)
      .join(' and ');
    out.push(`# Augmentation: ${what} of each training batch (never of evaluation data).`);
  }
  out.push(...new Set(expandLayers(model).flatMap((l) => defOf(l).torchNote?.(l) ?? [])));
  const es = training.earlyStopping;
  if (es) {
    out.push(
      `# Early stopping: after ${es.patience} evaluations without a lower validation loss${es.restoreBest ? ', restoring the best weights' : ''}.`,
    );
    if (record.evaluate !== 'epoch')
      out.push(
        `#   The browser evaluates every ${record.evaluate.steps} steps; this script at the end of each epoch, so patience counts epochs here.`,
      );
  }
  return out;
}

/** A runnable PyTorch script reproducing `spec` (a parsed ExperimentSpec); with `weightsFile`, loading those weights. */
export function toPyTorch(spec: ExperimentSpec, options: TorchOptions = {}): string {
  const { data, model, training } = spec;
  const summary = summarize(spec);
  const batch = batchSizeOf(spec);
  const { epochs, steps, note } = scheduleOf(spec);
  const es = training.earlyStopping;
  const weights = options.weightsFile;
  const built = modelLines(spec);
  const loop = loopLines(spec, epochs, steps);
  const frozen = summary.frozenParams ?? 0;
  const lines = [
    `# Learning Curves experiment "${spec.id}", exported to PyTorch (torch 2 and torchvision).`,
    `# Seed: ${spec.seed} (drives the subset choice, the initial weights and the shuffling).`,
    ...describeData(spec),
    `# Model: ${model.kind === 'mlp' ? model.sizes.join(' → ') : `${summary.layers.length} layers`}, ${thousands(summary.totalParams)} parameters. Optimiser: ${OPTIMIZER_NAMES[spec.optimizer.type]}, learning rate ${num(spec.optimizer.learningRate)}.`,
    `# Training: ${training.batchSize === 'full' ? `full batch (${batch} examples per step)` : `batches of ${batch}`}, ${epochs} epoch${epochs === 1 ? '' : 's'}.`,
    `# Initialisation: ${model.initializer === 'course' ? "the course's N(0, 1) · 0.01 for every kernel" : "Keras' glorot_uniform for every kernel, with Keras' fans"}; biases 0.`,
    ...(data.input === 'image'
      ? [
          '# Layout: PyTorch is channels first (N, C, H, W), the browser and Keras channels last (N, H, W, C). Before each Flatten',
          "#   the maps go back to channels last, so the flattened vector, and the dense weights after it, are in the browser's order.",
        ]
      : []),
    `# Output: the last layer gives logits; the loss applies its ${data.task.kind === 'binary' ? 'sigmoid (torch.sigmoid(model(x)) gives p)' : 'softmax (torch.softmax(model(x), 1) gives p)'}.`,
    ...extrasNotes(spec),
    ...pretrainedNotes(spec),
    '#',
    '# The browser picks its subset and initial weights with its own seeded generator, so the exact',
    '# images and starting weights differ from this script; the recipe and the class counts are the same.',
    '',
    ...(es?.restoreBest ? ['import copy'] : []),
    ...(model.pretrained ? ['import hashlib'] : []),
    'from collections import OrderedDict',
    '',
    'import numpy as np',
    'import torch',
    'from torch import nn',
    'from torchvision import datasets',
    '',
    `SEED = ${spec.seed}`,
    'torch.manual_seed(SEED)  # the initial weights, the shuffling, dropout and augmentation',
    'rng = np.random.default_rng(SEED)  # the subset',
    'device = torch.device("cuda" if torch.cuda.is_available() else "cpu")',
    '',
    ...torchDataLines(spec),
    '',
    ...built.helpers.flatMap((h) => ['', h, '']),
    '',
    ...built.lines,
    '',
    '',
    ...initLines(spec),
    ...pretrainedLines(spec),
    ...(weights ? weightsLines(spec, weights) : []),
    'model.to(device)',
    'print(model)',
    'total = sum(p.numel() for p in model.parameters()) + sum(b.numel() for n, b in model.named_buffers() if "running_" in n)',
    'frozen = sum(p.numel() for p in model.parameters() if not p.requires_grad)',
    `print(f"Total params: {total:,} (frozen: {frozen:,})")  # the browser: ${thousands(summary.totalParams)} in total, ${thousands(frozen)} frozen`,
    '',
    ...lossLines(spec),
    ...penaltyLines(spec),
    '',
    'trainable = [p for p in model.parameters() if p.requires_grad]',
    optimizerLine(spec),
    ...augmentLines(spec),
    '',
    '',
    ...EVALUATE,
    '',
    '',
    `BATCH = ${batch}`,
    ...(note ? [note] : []),
    `EPOCHS = ${epochs}`,
    ...(steps ? [`STEPS = ${steps}`] : []),
    ...(es ? [`PATIENCE = ${es.patience}  # epochs without a lower validation loss`] : []),
    ...(weights ? ["TRAIN = False  # True: train further from the browser's weights", 'if TRAIN:', ...indent(loop)] : loop),
    ...finalLines(spec, !!weights),
    ...trainEvalLines(spec),
  ];
  return `${lines.join('\n')}\n`;
}

/** The evaluations after training: the test set; with loaded weights and no test set, the validation or training set. */
function finalLines(spec: ExperimentSpec, loaded: boolean): string[] {
  const { data } = spec;
  if (data.test) return ['print(evaluate(x_test, y_test))  # the test set'];
  if (!loaded) return [];
  return [
    data.validation
      ? 'print(evaluate(x_val, y_val))  # the validation set'
      : 'print(evaluate(x_train, y_train))  # the training set, in inference mode',
  ];
}

/** The fixed training subset the browser evaluates like validation, evaluated once at the end. */
function trainEvalLines(spec: ExperimentSpec): string[] {
  const n = spec.record.trainEval;
  if (!n) return [];
  return [
    '',
    `# The browser also evaluates a fixed subset of ${n} training images at each evaluation, in inference mode (no`,
    '# dropout, no augmentation), exactly like validation; the loop\'s "loss" is the running mean in training mode.',
    `train_eval_idx = torch.from_numpy(np.sort(rng.choice(len(x_train), size=${n}, replace=False))).to(device)`,
    'print(evaluate(x_train[train_eval_idx], y_train[train_eval_idx]))',
  ];
}
