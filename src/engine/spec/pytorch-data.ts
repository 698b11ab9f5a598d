/**
 * Parts of the PyTorch export (pytorch.ts): the data (torchvision's download, then the Keras export's own subset
 * recipe: equal shares per class, seeded, only the listed classes), the augmentation of training batches, and the
 * lines that put weights from a file into the model — the book's pretrained model file, or a .npz of the weights a
 * reader trained in the browser — rearranged from Keras' (and the browser's) layouts to PyTorch's. Pure.
 */
import { dataLines } from './keras-data';
import { weightsFileName } from '../model/pretrained';
import { weightEntries, type WeightEntry } from '../model/npz';
import type { TorchParam } from '../layers/def';
import { defOf } from '../layers/registry';
import type { ExperimentSpec } from './schema';
import { expandLayers, summarize } from './summarize';

const DATASETS = { 'fashion-mnist': 'FashionMNIST', mnist: 'MNIST' } as const;
const thousands = (n: number) => n.toLocaleString('en-US');

/** The numpy reshape of the Keras export's prepare(), and the one PyTorch wants (channels first). */
const KERAS_IMAGE = '    x = x.reshape(len(x), 28, 28, 1)';
const TORCH_IMAGE = '    x = x.reshape(len(x), 1, 28, 28)  # (N, C, H, W): PyTorch is channels first';

/** Downloads the dataset with torchvision, chooses the subset as the Keras export does, and makes tensors. */
export function torchDataLines(spec: ExperimentSpec): string[] {
  const { data } = spec;
  const recipe = dataLines(spec);
  if (!recipe[0].startsWith('(x_train_all, y_train_all), (x_test_all, y_test_all) = keras.datasets.')) {
    throw new Error('the Keras data section no longer starts with its load_data() line');
  }
  const binary = data.task.kind === 'binary';
  const parts = [['x_train', 'y_train'], ...(data.validation ? [['x_val', 'y_val']] : []), ...(data.test ? [['x_test', 'y_test']] : [])];
  return [
    `train_split = datasets.${DATASETS[data.dataset]}("data", train=True, download=True)  # downloads into ./data on the first run`,
    `test_split = datasets.${DATASETS[data.dataset]}("data", train=False, download=True)`,
    'x_train_all, y_train_all = train_split.data.numpy(), train_split.targets.numpy()  # uint8 (N, 28, 28), class ids',
    'x_test_all, y_test_all = test_split.data.numpy(), test_split.targets.numpy()',
    ...recipe.slice(1).map((l) => (l === KERAS_IMAGE ? TORCH_IMAGE : l)),
    '',
    '',
    'def tensors(x, y):',
    '    """NumPy arrays → tensors on the device."""',
    `    return torch.from_numpy(x).to(device), torch.from_numpy(y).${binary ? 'float' : 'long'}().to(device)  # labels: ${binary ? '0/1 as float32 (BCEWithLogitsLoss)' : 'class ids as int64 (CrossEntropyLoss)'}`,
    '',
    '',
    ...parts.map(([x, y]) => `${x}, ${y} = tensors(${x}, ${y})`),
  ];
}

/** The augmentation of each training batch (shifts with zeros, flips), or nothing without it. */
export function augmentLines(spec: ExperimentSpec): string[] {
  const { shift, flip } = spec.training.augment;
  if (!shift && !flip) return [];
  return [
    '',
    `SHIFT = ${shift}  # largest shift in pixels, each way (whole pixels -${shift}..${shift}, as the browser draws them)`,
    `FLIP = ${flip ? 'True' : 'False'}  # mirror half of the images left-right`,
    '',
    '',
    'def augment(x):',
    '    """Random shifts (vacated pixels 0) and flips of a training batch, per image; never of evaluation data."""',
    '    n = len(x)',
    '    images = x.reshape(n, 1, 28, 28)  # flat or image input alike',
    '    if SHIFT:',
    '        padded = nn.functional.pad(images, (SHIFT, SHIFT, SHIFT, SHIFT))  # zeros around each image',
    '        dy = torch.randint(0, 2 * SHIFT + 1, (n,)).tolist()',
    '        dx = torch.randint(0, 2 * SHIFT + 1, (n,)).tolist()',
    '        images = torch.stack([padded[i, :, dy[i]:dy[i] + 28, dx[i]:dx[i] + 28] for i in range(n)])',
    '    if FLIP:',
    '        mirror = torch.rand(n, device=x.device) < 0.5',
    '        images = torch.where(mirror[:, None, None, None], images.flip(3), images)',
    '    return images.reshape(x.shape)',
  ];
}

/** Each layer's weights in PyTorch: the module's attribute and the rearrangement, by role. */
function torchParamsOf(spec: ExperimentSpec): Map<number, Record<string, TorchParam>> {
  const summary = summarize(spec);
  const out = new Map<number, Record<string, TorchParam>>();
  expandLayers(spec.model).forEach((layer, i) => {
    const input = i === 0 ? summary.inputShape : summary.layers[i - 1].outputShape;
    const params = defOf(layer).torch(layer, input).params;
    if (params) out.set(i, params);
  });
  return out;
}

/** `model.conv2d_1.weight.copy_(<value><from>)  # note`, for one weight. */
function copyLine(entry: WeightEntry, params: Map<number, Record<string, TorchParam>>, value: string): string {
  const p = params.get(entry.layerIndex)?.[entry.role];
  if (!p) throw new Error(`no PyTorch home for ${entry.name}`);
  return `    model.${entry.layer}.${p.attr}.copy_(${value}${p.from ?? ''})${p.note ? `  # ${p.note}` : ''}`;
}

/** Header lines on the pretrained layers, or none without `model.pretrained`. */
export function pretrainedNotes(spec: ExperimentSpec): string[] {
  const p = spec.model.pretrained;
  if (!p) return [];
  const s = summarize(spec);
  return [
    `# Pretrained: the first ${p.layers} layers take their weights from the book's model file "${p.name}"${p.freeze ? `, frozen (${thousands(s.frozenParams ?? 0)} of the ${thousands(s.totalParams)} parameters are never trained)` : ', then train with the rest'}.`,
    `#   Download models/${p.name}/${weightsFileName(p.sha256)} from the book's site (public/models/${p.name}/ in its repository;`,
    '#   model.json there says how it was trained) and put it next to this script.',
  ];
}

/** Loads the book's pretrained model file into the first layers (and freezes them); none without `model.pretrained`. */
export function pretrainedLines(spec: ExperimentSpec): string[] {
  const p = spec.model.pretrained;
  if (!p) return [];
  const params = torchParamsOf(spec);
  const entries = weightEntries(spec).filter((e) => e.layerIndex < p.layers);
  const layers = [...new Set(entries.map((e) => e.layer))];
  let at = 0;
  const copies = entries.map((e) => {
    const size = e.shape.reduce((a, b) => a * b, 1);
    at += size;
    return copyLine(e, params, `flat[${at - size}:${at}].reshape(${e.shape.join(', ')})`);
  });
  return [
    '',
    `# The first ${p.layers} layers: weights from the pretrained model "${p.name}", checked byte for byte.`,
    `raw = open("${weightsFileName(p.sha256)}", "rb").read()`,
    `assert hashlib.sha256(raw).hexdigest() == "${p.sha256}", "not the weights file this experiment was trained with"`,
    "# Little-endian float32: kernel, then bias, of each layer in order, in Keras' layouts (the browser's).",
    'flat = torch.from_numpy(np.frombuffer(raw, dtype="<f4").copy())',
    'with torch.no_grad():',
    ...copies,
    ...(p.freeze
      ? [
          `for name in [${layers.map((l) => `"${l}"`).join(', ')}]:`,
          '    model.get_submodule(name).requires_grad_(False)  # frozen: no gradient, no update, no L2 penalty',
        ]
      : []),
  ];
}

/** Loads a .npz of the weights trained in the browser ("Download weights (.npz)") into the model. */
export function weightsLines(spec: ExperimentSpec, file: string): string[] {
  const params = torchParamsOf(spec);
  return [
    '',
    `# The weights trained in the browser: "${file}" ("Download weights (.npz)" under the demo), next to this script.`,
    "# Its arrays are named by layer in Keras' weight order and keep the browser's layouts; each is rearranged for PyTorch.",
    `weights = np.load(${JSON.stringify(file)})`,
    'with torch.no_grad():',
    ...weightEntries(spec).map((e) => copyLine(e, params, `torch.from_numpy(weights["${e.name}"])`)),
  ];
}
