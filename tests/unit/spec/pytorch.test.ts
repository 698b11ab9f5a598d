import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { transferSpec } from '../../../src/demos/loss-accuracy';
import { toKeras } from '../../../src/engine/spec/keras';
import { assertSpec } from '../../../src/engine/spec/parse';
import { toPyTorch, type TorchOptions } from '../../../src/engine/spec/pytorch';
import type { ExperimentSpecInput } from '../../../src/engine/spec/schema';
import { courseCnn, denseOnly, lrPuzzle } from './fixtures';

const hasPython = spawnSync('python3', ['-c', 'import ast'], { encoding: 'utf8' }).status === 0;

const lines = (code: string) => code.split('\n');
const torch = (input: ExperimentSpecInput, options?: TorchOptions) => toPyTorch(assertSpec(input), options);
/** The lines of the nn.Sequential. */
const modelBody = (code: string) => {
  const l = lines(code);
  const start = l.indexOf('model = nn.Sequential(OrderedDict([');
  return l.slice(start, l.indexOf(']))', start) + 1);
};

/** Batch norm after each convolution, global average pooling instead of Flatten, a binary task with L2 and smoothing. */
const bnGap: ExperimentSpecInput = {
  id: 'bn-gap',
  seed: 3,
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
    duration: { epochs: 30 },
    augment: { shift: 2, flip: true },
    earlyStopping: { patience: 3 },
    labelSmoothing: 0.1,
  },
  record: { trainEval: 100 },
};

/** TensorFlow's "same" padding at strides PyTorch's padding="same" does not take. */
const samePads: ExperimentSpecInput = {
  ...courseCnn(),
  model: {
    kind: 'layers',
    initializer: 'course',
    layers: [
      // 28 → 14 → 7 → 3 → 2 → 2 → 1 → 1: each padding worked out in the comments of the test below.
      { type: 'conv2d', filters: 4, kernel: 3, stride: 2, padding: 'same' },
      { type: 'conv2d', filters: 4, kernel: 5, stride: 2, padding: 'same', activation: 'tanh' },
      { type: 'conv2d', filters: 4, kernel: 3, stride: 3, padding: 'same' },
      { type: 'maxPooling2d', pool: 2, padding: 'same' },
      { type: 'maxPooling2d', pool: 3, stride: 1, padding: 'same' },
      { type: 'averagePooling2d', pool: 3, stride: 2, padding: 'same' },
      { type: 'averagePooling2d', pool: 3, stride: 1, padding: 'same' },
      { type: 'flatten' },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
  optimizer: { type: 'momentum', learningRate: 0.05, momentum: 0.95 },
  training: { batchSize: 64, duration: { iterations: 100 } },
};

describe('toPyTorch', () => {
  it('exports the course CNN: channels first, flattened in the browser order, Glorot, Adam with Keras epsilon', () => {
    const code = torch(courseCnn());
    const l = lines(code);
    expect(l[0]).toBe('# Learning Curves experiment "experiment", exported to PyTorch (torch 2 and torchvision).');
    expect(l).toContain('# Training: batches of 64, 1 epoch.');
    expect(l).toContain("# Initialisation: Keras' glorot_uniform for every kernel, with Keras' fans; biases 0.");
    expect(l).toContain('train_split = datasets.FashionMNIST("data", train=True, download=True)  # downloads into ./data on the first run');
    expect(l).toContain('    x = x.reshape(len(x), 1, 28, 28)  # (N, C, H, W): PyTorch is channels first');
    expect(l).toContain('train_quota = spread(1000, ALL, train_room)');
    expect(l).toContain(
      '    return torch.from_numpy(x).to(device), torch.from_numpy(y).long().to(device)  # labels: class ids as int64 (CrossEntropyLoss)',
    );
    expect(modelBody(code)).toEqual([
      'model = nn.Sequential(OrderedDict([',
      '    ("conv2d_1", nn.Conv2d(1, 32, kernel_size=(3, 3), stride=(1, 1), padding=0)),',
      '    ("conv2d_1_relu", nn.ReLU()),',
      '    ("max_pooling2d_1", nn.MaxPool2d(kernel_size=(2, 2), stride=(2, 2))),',
      '    ("conv2d_2", nn.Conv2d(32, 32, kernel_size=(3, 3), stride=(1, 1), padding=0)),',
      '    ("conv2d_2_relu", nn.ReLU()),',
      '    ("max_pooling2d_2", nn.MaxPool2d(kernel_size=(2, 2), stride=(2, 2))),',
      '    ("flatten_1_channels_last", ChannelsLast()),  # (N, C, H, W) → (N, H, W, C): flattened in the browser\'s (and Keras\') order',
      '    ("flatten_1", nn.Flatten()),',
      '    ("dense_1", nn.Linear(800, 128)),',
      '    ("dense_1_relu", nn.ReLU()),',
      '    ("dense_2", nn.Linear(128, 10)),  # logits: the softmax is in the loss',
      ']))',
    ]);
    expect(code).toContain('class ChannelsLast(nn.Module):');
    expect(code).toContain('        return x.permute(0, 2, 3, 1)');
    expect(l).toContain('        nn.init.xavier_uniform_(module.weight)');
    expect(l).toContain('        nn.init.zeros_(module.bias)');
    expect(l).toContain('print(f"Total params: {total:,} (frozen: {frozen:,})")  # the browser: 113,386 in total, 0 frozen');
    expect(l).toContain("loss_fn = nn.CrossEntropyLoss()  # softmax cross-entropy from the logits: the output's softmax is applied here");
    expect(l).toContain('train_loss_fn = loss_fn');
    expect(l).toContain(
      "optimizer = torch.optim.Adam(trainable, lr=0.001, betas=(0.9, 0.999), eps=1e-7)  # Keras' epsilon (PyTorch's default: 1e-8)",
    );
    expect(l).toContain('BATCH = 64');
    expect(l).toContain('EPOCHS = 1');
    expect(l).toContain('        loss = train_loss_fn(logits, y)');
    expect(l).toContain('history = {"loss": [], "accuracy": []}');
    expect(code).not.toMatch(/augment\(|penalty\(|val_loss|SMOOTHING|import copy|hashlib|weights\.npz/);
  });

  it('exports the MLP of the learning-rate puzzle: the course initialisation, SGD, full batch, a binary loss on logits', () => {
    const code = torch(lrPuzzle);
    const l = lines(code);
    expect(l).toContain('# Model: 784 → 7 → 1, 5,503 parameters. Optimiser: SGD, learning rate 0.0075.');
    expect(l).toContain('# Training: full batch (209 examples per step), 2500 epochs.');
    expect(l).toContain("# Initialisation: the course's N(0, 1) · 0.01 for every kernel; biases 0.");
    expect(l).toContain('# Output: the last layer gives logits; the loss applies its sigmoid (torch.sigmoid(model(x)) gives p).');
    expect(code).not.toContain('# Layout:');
    expect(l).toContain('    x = x.reshape(len(x), 784)');
    expect(l).toContain('    y = np.isin(y, [8]).astype("float32")  # 1 for class 8 (Bag), 0 otherwise');
    expect(l).toContain(
      '    return torch.from_numpy(x).to(device), torch.from_numpy(y).float().to(device)  # labels: 0/1 as float32 (BCEWithLogitsLoss)',
    );
    expect(modelBody(code)).toEqual([
      'model = nn.Sequential(OrderedDict([',
      '    ("dense_1", nn.Linear(784, 7)),',
      '    ("dense_1_relu", nn.ReLU()),',
      '    ("dense_2", nn.Linear(7, 1)),  # logits: the sigmoid is in the loss',
      ']))',
    ]);
    expect(l).toContain('        nn.init.normal_(module.weight, std=0.01)');
    expect(l).toContain('    return nn.functional.binary_cross_entropy_with_logits(logits.squeeze(1), y)');
    expect(l).toContain('    return (logits.squeeze(1) > 0).float()  # p > 0.5');
    expect(l).toContain('optimizer = torch.optim.SGD(trainable, lr=0.0075)');
    expect(l).toContain('BATCH = 209');
    expect(l).toContain('# 2500 iterations of full-batch gradient descent = 2500 epochs (one step per epoch).');
    expect(l).toContain('    if epoch % 100 == 0 or epoch == EPOCHS:  # many epochs: every 100th');
    expect(l).toContain('history = {"loss": [], "accuracy": [], "val_loss": [], "val_accuracy": []}');
    expect(l).toContain('    val = evaluate(x_test, y_test)');
    expect(l.at(-2)).toBe('print(evaluate(x_test, y_test))  # the test set');
    expect(code).not.toMatch(/STEPS|\t|[=(,] ?(true|false)\b|undefined|NaN/);
  });

  it('exports batch norm, global average pooling, a binary task, L2, label smoothing, augmentation and early stopping', () => {
    const code = torch(bnGap);
    const l = lines(code);
    expect(modelBody(code)).toEqual([
      'model = nn.Sequential(OrderedDict([',
      '    ("conv2d_1", nn.Conv2d(1, 8, kernel_size=(3, 3), stride=(1, 1), padding=0)),',
      '    ("conv2d_1_relu", nn.ReLU()),',
      '    ("batch_normalization_1", nn.BatchNorm2d(8, eps=0.001, momentum=0.01)),  # Keras\' momentum 0.99, epsilon 0.001',
      '    ("max_pooling2d_1", nn.MaxPool2d(kernel_size=(2, 2), stride=(2, 2))),',
      '    ("conv2d_2", nn.Conv2d(8, 16, kernel_size=(3, 3), stride=(1, 1), padding="same")),',
      '    ("conv2d_2_relu", nn.ReLU()),',
      '    ("batch_normalization_2", nn.BatchNorm2d(16, eps=0.001, momentum=0.1)),  # Keras\' momentum 0.9, epsilon 0.001',
      '    ("global_average_pooling2d_1_mean", nn.AdaptiveAvgPool2d(1)),  # each map → its mean',
      '    ("global_average_pooling2d_1", nn.Flatten()),  # (N, C, 1, 1) → (N, C)',
      '    ("dropout_1", nn.Dropout(0.25)),',
      '    ("dense_1", nn.Linear(16, 1)),  # logits: the sigmoid is in the loss',
      ']))',
    ]);
    expect(code).not.toContain('ChannelsLast');
    expect(l).toContain("# BatchNorm (momentum 0.99 in Keras' terms, 0.01 in PyTorch's): batch statistics in model.train(), the running");
    expect(code).toContain("PyTorch moves its running variance towards the batch's unbiased\n#   variance (÷ (n − 1))");
    expect(l).toContain(
      '# Data: Fashion-MNIST, binary task on classes 0 (T-shirt/top), 6 (Shirt) only: class 6 (Shirt) → 1, class 0 (T-shirt/top) → 0.',
    );
    // Label smoothing on the training loss only; the binary form as Keras' BinaryCrossentropy(label_smoothing=…).
    expect(l).toContain('SMOOTHING = 0.1  # label smoothing: training targets y · (1 − 0.1) + 0.1/2; evaluations use the true labels');
    expect(l).toContain(
      "    return loss_fn(logits, y * (1 - SMOOTHING) + SMOOTHING / 2)  # as Keras' BinaryCrossentropy(label_smoothing=…)",
    );
    // L2 in the loss, on trained kernels only, and why not weight_decay.
    expect(l).toContain('L2 = 0.0005');
    expect(l).toContain(
      'kernels = [m.weight for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear)) and m.weight.requires_grad]',
    );
    expect(l).toContain('    return L2 * sum((w * w).sum() for w in kernels)');
    expect(code).toMatch(/Not the optimiser's\n# weight_decay/);
    expect(l).toContain('        loss = train_loss_fn(logits, y) + penalty()');
    expect(l).toContain(
      "optimizer = torch.optim.RMSprop(trainable, lr=0.001, alpha=0.9, eps=1e-7)  # Keras' rho and epsilon (PyTorch's defaults: 0.99, 1e-8)",
    );
    // Augmentation: shifts with zeros, flips; training batches only.
    expect(l).toContain('SHIFT = 2  # largest shift in pixels, each way (whole pixels -2..2, as the browser draws them)');
    expect(l).toContain('FLIP = True  # mirror half of the images left-right');
    expect(l).toContain('        padded = nn.functional.pad(images, (SHIFT, SHIFT, SHIFT, SHIFT))  # zeros around each image');
    expect(l).toContain('        images = torch.where(mirror[:, None, None, None], images.flip(3), images)');
    expect(l).toContain('        x = augment(x)');
    expect(code.match(/augment\(/g)).toHaveLength(2); // defined, and called in the loop only
    // Early stopping on the validation loss, restoring the best weights.
    expect(l).toContain('import copy');
    expect(l).toContain('PATIENCE = 3  # epochs without a lower validation loss');
    expect(l).toContain('    val = evaluate(x_val, y_val)');
    expect(l).toContain('    if val["loss"] < best_loss:  # strictly lower; a nan never is');
    expect(l).toContain('        best_state = copy.deepcopy(model.state_dict())');
    expect(l).toContain('    model.load_state_dict(best_state)');
    expect(l).toContain('train_eval_idx = torch.from_numpy(np.sort(rng.choice(len(x_train), size=100, replace=False))).to(device)');
  });

  it('exports multiclass smoothing, MLP dropout, momentum and an iteration count cut mid-epoch', () => {
    const code = torch({
      ...denseOnly,
      model: { kind: 'mlp', sizes: [784, 32, 10], outputActivation: 'softmax', dropout: 0.2 },
      data: { dataset: 'mnist', train: 1000, validation: 100 },
      optimizer: { type: 'momentum', learningRate: 0.05, momentum: 0.95 },
      training: { batchSize: 64, duration: { iterations: 100 }, labelSmoothing: 0.2, earlyStopping: { patience: 2, restoreBest: false } },
      record: { evaluate: { steps: 5 } },
    });
    const l = lines(code);
    expect(l).toContain('train_split = datasets.MNIST("data", train=True, download=True)  # downloads into ./data on the first run');
    expect(l).toContain('# Dropout 0.2 after each hidden layer.');
    expect(l).toContain('    ("dropout_1", nn.Dropout(0.2)),');
    expect(l).toContain("train_loss_fn = nn.CrossEntropyLoss(label_smoothing=SMOOTHING)  # the same targets as Keras' label_smoothing");
    expect(l).toContain('SMOOTHING = 0.2  # label smoothing: training targets y · (1 − 0.2) + 0.2/10; evaluations use the true labels');
    expect(l).toContain(
      "optimizer = torch.optim.SGD(trainable, lr=0.05, momentum=0.95)  # v ← m·v + g, w ← w − lr·v: the browser's (and Keras') steps at a fixed rate",
    );
    expect(l).toContain('# The browser runs 100 steps: 7 epochs of 16 steps, the last one cut short at step 100.');
    expect(l).toContain('STEPS = 100');
    expect(l).toContain('        if step == STEPS:');
    expect(l).toContain('#   The browser evaluates every 5 steps; this script at the end of each epoch, so patience counts epochs here.');
    expect(code).not.toMatch(/import copy|best_state = copy/);
  });

  it('pads as TensorFlow does where PyTorch\'s padding="same" cannot', () => {
    const body = modelBody(torch(samePads));
    // TensorFlow pads (⌈n/s⌉ − 1)·s + k − n zeros in all, the odd one at the end (bottom, right).
    expect(body.slice(1, -1)).toEqual([
      // 28 → 14: (13·2 + 3 − 28) = 1 zero: none before, one after.
      '    ("conv2d_1_pad", nn.ZeroPad2d((0, 1, 0, 1))),  # TensorFlow\'s "same" at stride (2, 2): (left, right, top, bottom)',
      '    ("conv2d_1", nn.Conv2d(1, 4, kernel_size=(3, 3), stride=(2, 2), padding=0)),',
      '    ("conv2d_1_relu", nn.ReLU()),',
      // 14 → 7: 6·2 + 5 − 14 = 3: one before, two after.
      '    ("conv2d_2_pad", nn.ZeroPad2d((1, 2, 1, 2))),  # TensorFlow\'s "same" at stride (2, 2): (left, right, top, bottom)',
      '    ("conv2d_2", nn.Conv2d(4, 4, kernel_size=(5, 5), stride=(2, 2), padding=0)),',
      '    ("conv2d_2_tanh", nn.Tanh()),',
      // 7 → 3: 2·3 + 3 − 7 = 2, one each side: PyTorch's own padding does it.
      '    ("conv2d_3", nn.Conv2d(4, 4, kernel_size=(3, 3), stride=(3, 3), padding=(1, 1))),  # TensorFlow\'s "same" at stride (3, 3)',
      '    ("conv2d_3_relu", nn.ReLU()),',
      // 3 → 2: 1·2 + 2 − 3 = 1 after; −∞, so never the maximum.
      '    ("max_pooling2d_1_pad", nn.ConstantPad2d((0, 1, 0, 1), float("-inf"))),  # TensorFlow\'s "same" padding: (left, right, top, bottom), never the maximum',
      '    ("max_pooling2d_1", nn.MaxPool2d(kernel_size=(2, 2), stride=(2, 2))),',
      // 2 → 2 at stride 1: 2 zeros, one each side.
      '    ("max_pooling2d_2", nn.MaxPool2d(kernel_size=(3, 3), stride=(1, 1), padding=(1, 1))),  # TensorFlow\'s "same" padding',
      // 2 → 1: 0·2 + 3 − 2 = 1 after, left out of the mean.
      '    ("average_pooling2d_1", AvgPoolSame((3, 3), (2, 2), (0, 1, 0, 1))),  # TensorFlow\'s "same" padding',
      '    ("average_pooling2d_2", nn.AvgPool2d(kernel_size=(3, 3), stride=(1, 1), padding=(1, 1), count_include_pad=False)),  # TensorFlow\'s "same" padding',
      '    ("flatten_1_channels_last", ChannelsLast()),  # (N, C, H, W) → (N, H, W, C): flattened in the browser\'s (and Keras\') order',
      '    ("flatten_1", nn.Flatten()),',
      '    ("dense_1", nn.Linear(4, 10)),  # logits: the softmax is in the loss',
    ]);
    expect(torch(samePads)).toContain('class AvgPoolSame(nn.Module):');
  });

  it('loads the pretrained model file into the first layers, rearranged, and freezes them', () => {
    const l = lines(torch(transferSpec));
    expect(l).toContain('import hashlib');
    expect(l).toContain('raw = open("weights.348bd15c935b.bin", "rb").read()');
    expect(l).toContain('flat = torch.from_numpy(np.frombuffer(raw, dtype="<f4").copy())');
    expect(l).toContain(
      '    model.conv2d_1.weight.copy_(flat[0:72].reshape(3, 3, 1, 8).permute(3, 2, 0, 1))  # [kh, kw, in, out] → [out, in, kh, kw]',
    );
    expect(l).toContain('    model.conv2d_1.bias.copy_(flat[72:80].reshape(8))');
    expect(l).toContain(
      '    model.conv2d_2.weight.copy_(flat[80:1232].reshape(3, 3, 8, 16).permute(3, 2, 0, 1))  # [kh, kw, in, out] → [out, in, kh, kw]',
    );
    expect(l).toContain('    model.conv2d_2.bias.copy_(flat[1232:1248].reshape(16))');
    expect(l).toContain('for name in ["conv2d_1", "conv2d_2"]:');
    expect(l).toContain('    model.get_submodule(name).requires_grad_(False)  # frozen: no gradient, no update, no L2 penalty');
    expect(l.some((x) => x.includes('model.dense_1.weight.copy_'))).toBe(false);
  });

  it('loads a .npz of trained weights only when asked, with the transposes PyTorch needs', () => {
    expect(torch(courseCnn())).not.toContain('np.load');
    const code = torch(courseCnn(), { weightsFile: 'weights.npz' });
    const l = lines(code);
    expect(l).toContain('weights = np.load("weights.npz")');
    expect(l).toContain(
      '    model.conv2d_1.weight.copy_(torch.from_numpy(weights["conv2d_1/kernel"]).permute(3, 2, 0, 1))  # [kh, kw, in, out] → [out, in, kh, kw]',
    );
    expect(l).toContain('    model.dense_1.weight.copy_(torch.from_numpy(weights["dense_1/kernel"]).T)  # [in, out] → [out, in]');
    expect(l).toContain('    model.dense_2.bias.copy_(torch.from_numpy(weights["dense_2/bias"]))');
    expect(l).toContain("TRAIN = False  # True: train further from the browser's weights");
    expect(l).toContain('if TRAIN:');
    expect(l).toContain('    for epoch in range(1, EPOCHS + 1):');
    expect(l).toContain('print(evaluate(x_train, y_train))  # the training set, in inference mode');
    const bn = lines(torch(bnGap, { weightsFile: 'my weights.npz' }));
    expect(bn).toContain('weights = np.load("my weights.npz")');
    expect(bn).toContain('    model.batch_normalization_1.weight.copy_(torch.from_numpy(weights["batch_normalization_1/gamma"]))');
    expect(bn).toContain('    model.batch_normalization_1.bias.copy_(torch.from_numpy(weights["batch_normalization_1/beta"]))');
    expect(bn).toContain(
      '    model.batch_normalization_1.running_mean.copy_(torch.from_numpy(weights["batch_normalization_1/moving_mean"]))',
    );
    expect(bn).toContain(
      '    model.batch_normalization_2.running_var.copy_(torch.from_numpy(weights["batch_normalization_2/moving_variance"]))',
    );
  });

  it('gives the Keras export the same weights, layer by layer, only when asked', () => {
    expect(toKeras(assertSpec(courseCnn()))).not.toContain('np.load');
    const l = lines(toKeras(assertSpec(bnGap), { weightsFile: 'weights.npz' }));
    expect(l).toContain('weights = np.load("weights.npz")');
    expect(l).toContain("layers = model.layers[len(model.layers) - 8:]  # the experiment's layers, after any augmentation layers");
    expect(l).toContain('layers[0].set_weights([weights["conv2d_1/kernel"], weights["conv2d_1/bias"]])');
    expect(l).toContain(
      'layers[1].set_weights([weights["batch_normalization_1/gamma"], weights["batch_normalization_1/beta"], weights["batch_normalization_1/moving_mean"], weights["batch_normalization_1/moving_variance"]])',
    );
    expect(l).toContain('layers[7].set_weights([weights["dense_1/kernel"], weights["dense_1/bias"]])');
    expect(l).toContain('if TRAIN:');
    expect(l).toContain('    history = model.fit(');
    expect(l).toContain('print(model.evaluate(x_test, y_test, return_dict=True, verbose=0))');
  });

  it.runIf(hasPython)('generates Python that compiles', () => {
    const specs = { lrPuzzle, courseCnn: courseCnn(), denseOnly, bnGap, samePads, transferSpec };
    for (const [name, spec] of Object.entries(specs)) {
      for (const options of [{}, { weightsFile: 'weights.npz' }]) {
        for (const code of [torch(spec, options), toKeras(assertSpec(spec), options)]) {
          const r = spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "experiment.py", "exec")'], {
            input: code,
            encoding: 'utf8',
          });
          expect(r.stderr, name).toBe('');
          expect(r.status, name).toBe(0);
        }
      }
    }
  });
});
