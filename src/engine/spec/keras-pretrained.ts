/**
 * The pretrained part of the Keras export (keras.ts): a header note, and Python that loads the same weights
 * file, checks its SHA-256, puts the values into the first layers and freezes them. The browser and Keras
 * store kernels alike ([kh, kw, cin, filters] and [in, units]), so the values go in unchanged. Pure.
 */
import { weightsFileName } from '../model/pretrained';
import type { ExperimentSpec } from './schema';
import { expandLayers, summarize } from './summarize';

const thousands = (n: number) => n.toLocaleString('en-US');

/** Header comment lines, or none without `model.pretrained`. */
export function pretrainedNotes(spec: ExperimentSpec): string[] {
  const p = spec.model.pretrained;
  if (!p) return [];
  const s = summarize(spec);
  return [
    `# Pretrained: the first ${p.layers} layers take their weights from the book's model file "${p.name}"${p.freeze ? `, frozen (${thousands(s.frozenParams ?? 0)} of the ${thousands(s.totalParams)} parameters are never trained)` : ', then train with the rest'}.`,
    ...(p.freeze && spec.model.l2 > 0 ? ['#   The L2 penalty applies to the trained kernels only, as in the browser.'] : []),
    `#   Download models/${p.name}/${weightsFileName(p.sha256)} from the book's site (public/models/${p.name}/ in its repository;`,
    '#   model.json there says how it was trained) and put it next to this script.',
  ];
}

/** Python lines, placed after the model is built and before it is compiled; none without `model.pretrained`. */
export function pretrainedLines(spec: ExperimentSpec): string[] {
  const p = spec.model.pretrained;
  if (!p) return [];
  const total = expandLayers(spec.model).length;
  return [
    '',
    `# The first ${p.layers} layers: weights from the pretrained model "${p.name}", checked byte for byte.`,
    'import hashlib',
    '',
    `raw = open("${weightsFileName(p.sha256)}", "rb").read()`,
    `assert hashlib.sha256(raw).hexdigest() == "${p.sha256}", "not the weights file this experiment was trained with"`,
    'flat = np.frombuffer(raw, dtype="<f4")  # little-endian float32: kernel, then bias, of each layer in order',
    'at = 0',
    `for layer in model.layers[len(model.layers) - ${total}:][:${p.layers}]:  # after any augmentation layers`,
    '    values = []',
    '    for w in layer.weights:  # kernel, then bias, in the same layout as in the browser',
    '        size = int(np.prod(w.shape))',
    '        values.append(flat[at:at + size].reshape(w.shape))',
    '        at += size',
    '    if values:',
    '        layer.set_weights(values)',
    ...(p.freeze ? ['    layer.trainable = False  # frozen: no gradient, no update (set before compile)'] : []),
    // Comments only: the browser trains the head on cached features (train/cached-features.ts); Keras calls it
    // "feature extraction". The script keeps fitting the whole model, which gives the same weights.
    ...(p.freeze
      ? [
          "# The browser computes the frozen layers' outputs once per run (per batch with augmentation) and trains the",
          '# rest on them, as Keras users do ("feature extraction": features = base.predict(x), then fit the head on the',
          '# features). This script runs the whole model at every step: the same weights, only more slowly.',
        ]
      : []),
  ];
}
