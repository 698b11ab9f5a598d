import { describe, expect, it } from 'vitest';
import { parseSpec } from '../../../src/engine/spec/parse';
import { summarize } from '../../../src/engine/spec/summarize';
import { toKeras } from '../../../src/engine/spec/keras';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../../src/engine/spec/schema';
import { courseCnn } from '../spec/fixtures';

const SHA = '0123456789abcdef'.repeat(4);
const withPretrained = (pretrained: unknown, base: ExperimentSpecInput = courseCnn()): unknown => ({
  ...base,
  model: { ...base.model, pretrained },
});
const issues = (input: unknown) => {
  const r = parseSpec(input);
  return r.ok ? [] : r.issues;
};

describe('model.pretrained in the spec', () => {
  it('accepts a name, a checksum and a layer count, freezing by default', () => {
    const r = parseSpec(withPretrained({ name: 'fashion-8-extractor', sha256: SHA, layers: 5 }));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.spec.model.pretrained).toEqual({ name: 'fashion-8-extractor', sha256: SHA, layers: 5, freeze: true });
  });

  it.each([
    [
      { name: 'Fashion 8', sha256: SHA, layers: 5 },
      'model.pretrained.name',
      'pretrained name must be lowercase words joined by hyphens, like "fashion-8-extractor", got "Fashion 8"',
    ],
    [
      { name: 'x', sha256: 'abc', layers: 5 },
      'model.pretrained.sha256',
      'pretrained sha256 must be 64 lowercase hexadecimal digits, got "abc"',
    ],
    [
      { name: 'x', sha256: SHA, layers: 0 },
      'model.pretrained.layers',
      'pretrained layer count must be a whole number ≥ 1 and ≤ 1000, got 0',
    ],
    [{ name: 'x', sha256: SHA, layers: 2, freeze: 'yes' }, 'model.pretrained.freeze', 'pretrained freeze must be true or false, got "yes"'],
  ])('explains a bad field: %j', (p, path, message) => {
    expect(issues(withPretrained(p))).toContainEqual({ path, message });
  });

  it.each([
    [9, 'the model has only 7 layers, so it cannot take 9 pretrained layers'],
    [7, 'freezing the first 7 layers leaves no layer with weights to train; add a dense layer after them, or set freeze to false'],
  ])('cross-checks the layer count against the model: %i', (layers, message) => {
    expect(issues(withPretrained({ name: 'x', sha256: SHA, layers }))).toEqual([{ path: 'model.pretrained.layers', message }]);
  });

  it('needs weights among the pretrained layers', () => {
    const pooledFirst: ExperimentSpecInput = {
      ...courseCnn(),
      model: {
        kind: 'layers',
        layers: [{ type: 'maxPooling2d', pool: 2 }, { type: 'flatten' }, { type: 'dense', units: 10, activation: 'softmax' }],
      },
    };
    expect(issues(withPretrained({ name: 'x', sha256: SHA, layers: 2 }, pooledFirst))).toEqual([
      {
        path: 'model.pretrained.layers',
        message: 'the first 2 layers of the model hold no weights to load; count up to a conv2d or dense layer',
      },
    ]);
    expect(issues(withPretrained({ name: 'x', sha256: SHA, layers: 7, freeze: false }))).toEqual([]);
  });

  it('summarize counts frozen and trainable parameters', () => {
    const s = summarize(assertSpec(withPretrained({ name: 'x', sha256: SHA, layers: 5 })));
    // conv 32·9+32 = 320, conv 32·288+32 = 9248: frozen; dense 800·128+128 and 128·10+10: trained.
    expect(s.frozenParams).toBe(320 + 9248);
    expect(s.trainableParams).toBe(s.totalParams - 9568);
    expect(s.layers.map((l) => l.pretrained ?? '')).toEqual(['frozen', '', 'frozen', '', '', '', '']);
    const plain = summarize(assertSpec(courseCnn()));
    expect([plain.frozenParams, plain.trainableParams]).toEqual([0, plain.totalParams]);
  });

  it('exports to Keras: same layers, weights from the same file checked with hashlib, frozen before compile', () => {
    const code = toKeras(
      assertSpec(
        withPretrained(
          { name: 'fashion-8-extractor', sha256: SHA, layers: 5 },
          { ...courseCnn(), model: { ...courseCnn().model, l2: 0.001 } },
        ),
      ),
    );
    const l = code.split('\n');
    expect(l).toContain(
      '# Pretrained: the first 5 layers take their weights from the book\'s model file "fashion-8-extractor", frozen (9,568 of the 113,386 parameters are never trained).',
    );
    expect(l).toContain(
      `#   Download models/fashion-8-extractor/weights.${SHA.slice(0, 12)}.bin from the book's site (public/models/fashion-8-extractor/ in its repository;`,
    );
    // Frozen layers: no regulariser; trained ones keep theirs.
    expect(l).toContain('    keras.layers.Conv2D(32, (3, 3), strides=(1, 1), padding="valid", activation="relu"),');
    expect(l).toContain('    keras.layers.Dense(128, activation="relu", kernel_regularizer=keras.regularizers.L2(0.001)),');
    expect(l).toContain(`raw = open("weights.${SHA.slice(0, 12)}.bin", "rb").read()`);
    expect(l).toContain(`assert hashlib.sha256(raw).hexdigest() == "${SHA}", "not the weights file this experiment was trained with"`);
    expect(l).toContain('for layer in model.layers[len(model.layers) - 7:][:5]:  # after any augmentation layers');
    expect(l).toContain(
      '        layer.trainable = False  # frozen: no gradient, no update (set before compile)'.replace('        ', '    '),
    );
    expect(l.indexOf('import hashlib')).toBeLessThan(l.indexOf('model.compile('));
    expect(l).toContain('model.summary()  # 113,386 parameters in total, as in the browser (9,568 of them frozen)');
    expect(code).not.toMatch(/\t|true|false|undefined|NaN/);
  });
});
