/**
 * The training part of the PyTorch export (pytorch.ts): the loss on logits (the output's sigmoid or softmax is in
 * it), label smoothing of the training targets, the L2 penalty as Keras adds it, the optimiser with Keras' settings,
 * the evaluations in inference mode, and the loop (shuffled batches, Keras-like history, early stopping). Pure.
 */
import type { ExperimentSpec } from './schema';
import { outputUnitsFor } from './summarize';

const num = (n: number) => String(n);

/** The loss on logits (evaluations: true labels), the training loss (smoothed targets), and the predictions. */
export function lossLines(spec: ExperimentSpec): string[] {
  const e = spec.training.labelSmoothing ?? 0;
  const binary = spec.data.task.kind === 'binary';
  const out = binary
    ? [
        'def loss_fn(logits, y):',
        '    """Binary cross-entropy from the logits: the output\'s sigmoid is applied here (numerically stable)."""',
        '    return nn.functional.binary_cross_entropy_with_logits(logits.squeeze(1), y)',
        '',
        '',
        'def predicted(logits):',
        '    return (logits.squeeze(1) > 0).float()  # p > 0.5',
      ]
    : [
        "loss_fn = nn.CrossEntropyLoss()  # softmax cross-entropy from the logits: the output's softmax is applied here",
        '',
        '',
        'def predicted(logits):',
        '    return logits.argmax(1)',
      ];
  out.push('', '');
  if (!(e > 0)) return [...out, 'train_loss_fn = loss_fn'];
  const k = binary ? 2 : outputUnitsFor(spec.data);
  out.push(
    `SMOOTHING = ${num(e)}  # label smoothing: training targets y · (1 − ${num(e)}) + ${num(e)}/${k}; evaluations use the true labels`,
  );
  if (!binary)
    return [...out, "train_loss_fn = nn.CrossEntropyLoss(label_smoothing=SMOOTHING)  # the same targets as Keras' label_smoothing"];
  return [
    ...out,
    '',
    '',
    'def train_loss_fn(logits, y):',
    "    return loss_fn(logits, y * (1 - SMOOTHING) + SMOOTHING / 2)  # as Keras' BinaryCrossentropy(label_smoothing=…)",
  ];
}

export function penaltyLines(spec: ExperimentSpec): string[] {
  const l2 = spec.model.l2;
  if (!(l2 > 0)) return [];
  return [
    '',
    `# L2 as Keras' kernel_regularizer=L2(${num(l2)}) and the browser do it: ${num(l2)} · Σ w² over every trained kernel (conv and dense`,
    "# weights; not biases, not batch-norm γ and β, not frozen layers), added to the training loss. Not the optimiser's",
    "# weight_decay: PyTorch's SGD, RMSprop and Adam add weight_decay · w to the gradient of every parameter they are given,",
    "# biases and γ included (the same as this penalty on the kernels with weight_decay = 2 · L2), and AdamW's (like Keras 3's",
    "# own weight_decay) is decoupled: it shrinks the weights outside the gradient and Adam's moments, another model again.",
    `L2 = ${num(l2)}`,
    'kernels = [m.weight for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear)) and m.weight.requires_grad]',
    '',
    '',
    'def penalty():',
    '    return L2 * sum((w * w).sum() for w in kernels)',
  ];
}

export function optimizerLine(spec: ExperimentSpec): string {
  const { type, learningRate, momentum } = spec.optimizer;
  const lr = `trainable, lr=${num(learningRate)}`;
  if (type === 'sgd') return `optimizer = torch.optim.SGD(${lr})`;
  if (type === 'momentum')
    return `optimizer = torch.optim.SGD(${lr}, momentum=${num(momentum)})  # v ← m·v + g, w ← w − lr·v: the browser's (and Keras') steps at a fixed rate`;
  if (type === 'rmsprop')
    return `optimizer = torch.optim.RMSprop(${lr}, alpha=0.9, eps=1e-7)  # Keras' rho and epsilon (PyTorch's defaults: 0.99, 1e-8)`;
  return `optimizer = torch.optim.Adam(${lr}, betas=(0.9, 0.999), eps=1e-7)  # Keras' epsilon (PyTorch's default: 1e-8)`;
}

export const EVALUATE = [
  'def evaluate(x, y, batch=1000):',
  '    """Cross-entropy against the true labels (no smoothing, no penalty) and accuracy, in inference mode (no dropout,',
  '    batch norm on its running averages), as the browser\'s evaluations."""',
  '    model.eval()',
  '    loss, correct = 0.0, 0',
  '    with torch.no_grad():',
  '        for i in range(0, len(x), batch):',
  '            logits = model(x[i:i + batch])',
  '            loss += loss_fn(logits, y[i:i + batch]).item() * len(logits)',
  '            correct += (predicted(logits) == y[i:i + batch]).sum().item()',
  '    return {"loss": loss / len(x), "accuracy": correct / len(x)}',
];

/** The training loop: shuffled batches, per-epoch history and validation, early stopping. */
export function loopLines(spec: ExperimentSpec, epochs: number, steps: number | undefined): string[] {
  const { data, training } = spec;
  const val = data.validation ? 'x_val, y_val' : data.test ? 'x_test, y_test' : null;
  const es = training.earlyStopping;
  const augment = training.augment.shift > 0 || training.augment.flip;
  const printEvery = epochs > 100 ? Math.ceil(epochs / 25) : 1;
  const out = [
    `history = {"loss": [], "accuracy": []${val ? ', "val_loss": [], "val_accuracy": []' : ''}}`,
    ...(es ? ['best_loss, best_epoch, best_state, waited = float("inf"), 0, None, 0'] : []),
    'step = 0',
    'for epoch in range(1, EPOCHS + 1):',
    '    model.train()  # dropout on, batch norm on batch statistics',
    '    order = torch.randperm(len(x_train), device=device)  # shuffled every epoch',
    '    seen, loss_sum, correct = 0, 0.0, 0',
    '    for start in range(0, len(x_train), BATCH):',
    '        batch = order[start:start + BATCH]',
    '        x, y = x_train[batch], y_train[batch]',
    ...(augment ? ['        x = augment(x)'] : []),
    '        logits = model(x)',
    `        loss = train_loss_fn(logits, y)${spec.model.l2 > 0 ? ' + penalty()' : ''}`,
    '        optimizer.zero_grad()',
    '        loss.backward()',
    '        optimizer.step()',
    '        step += 1',
    '        seen += len(batch)',
    '        loss_sum += loss.item() * len(batch)',
    '        correct += (predicted(logits) == y).sum().item()',
    ...(steps ? ['        if step == STEPS:', '            break'] : []),
    '    history["loss"].append(loss_sum / seen)  # the running mean over the epoch, in training mode, as Keras reports it',
    '    history["accuracy"].append(correct / seen)',
    ...(val
      ? [`    val = evaluate(${val})`, '    history["val_loss"].append(val["loss"])', '    history["val_accuracy"].append(val["accuracy"])']
      : []),
    ...(printEvery > 1 ? [`    if epoch % ${printEvery} == 0 or epoch == EPOCHS:  # many epochs: every ${printEvery}th`] : []),
    `    ${printEvery > 1 ? '    ' : ''}print(f"Epoch {epoch}/{EPOCHS} - " + " - ".join(f"{name}: {values[-1]:.4f}" for name, values in history.items()))`,
  ];
  if (es) {
    out.push(
      '    if val["loss"] < best_loss:  # strictly lower; a nan never is',
      '        best_loss, best_epoch, waited = val["loss"], epoch, 0',
      ...(es.restoreBest ? ['        best_state = copy.deepcopy(model.state_dict())'] : []),
      '    else:',
      '        waited += 1',
      '        if waited >= PATIENCE:',
      '            print(f"Early stopping at epoch {epoch}: val_loss has not improved for {PATIENCE} epochs since epoch {best_epoch} ({best_loss:.4f})")',
      '            break',
    );
    if (es.restoreBest) {
      out.push(
        'if best_state is not None and best_epoch != len(history["loss"]):  # when it stops early, and when it does not (as Keras 3)',
        '    model.load_state_dict(best_state)',
        '    print(f"Restored the weights of epoch {best_epoch} (val_loss {best_loss:.4f})")',
      );
    }
  }
  out.push('print({name: values[-1] for name, values in history.items()})  # the last epoch');
  return out;
}
