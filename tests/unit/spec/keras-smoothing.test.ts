/** Label smoothing in the Keras export: the loss Keras is compiled with, and what its reported losses mean. */
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { overfitSpec } from '../../../src/demos/loss-accuracy';
import { toKeras } from '../../../src/engine/spec/keras';
import { assertSpec } from '../../../src/engine/spec/parse';
import type { ExperimentSpecInput } from '../../../src/engine/spec/schema';

const hasPython = spawnSync('python3', ['-c', 'import ast'], { encoding: 'utf8' }).status === 0;
const keras = (input: ExperimentSpecInput) => toKeras(assertSpec(input));
const smoothed = (input: ExperimentSpecInput, labelSmoothing: number): ExperimentSpecInput => ({
  ...input,
  training: { ...input.training, labelSmoothing },
});
const tenClasses: ExperimentSpecInput = {
  ...overfitSpec,
  data: { dataset: 'fashion-mnist', train: 500, validation: 500, test: 0, input: 'flat' },
  model: { kind: 'mlp', sizes: [784, 128, 10], outputActivation: 'softmax' },
};

describe('Keras export with label smoothing', () => {
  it('binary: BinaryCrossentropy(label_smoothing=ε), and a note on what Keras reports', () => {
    const l = keras(smoothed(overfitSpec, 0.1)).split('\n');
    expect(l).toContain('    loss=keras.losses.BinaryCrossentropy(label_smoothing=0.1),');
    expect(l).toContain('# Label smoothing 0.1: the training loss aims at y · (1 − 0.1) + 0.1/2 instead of the 0/1 label.');
    expect(l).toContain("#   Keras reports loss and val_loss against the smoothed labels; the browser's evaluations (validation, test,");
  });

  it('multiclass: integer labels made one-hot in a loss function with label_smoothing=ε over the 10 classes', () => {
    const code = keras(smoothed(tenClasses, 0.2));
    const l = code.split('\n');
    expect(l).toContain('def smoothed_crossentropy(y_true, y_pred):  # label smoothing 0.2 on integer labels');
    expect(l).toContain('    one_hot = keras.ops.one_hot(keras.ops.cast(keras.ops.reshape(y_true, (-1,)), "int32"), 10)');
    expect(l).toContain('    return keras.losses.categorical_crossentropy(one_hot, y_pred, label_smoothing=0.2)');
    expect(l).toContain('    loss=smoothed_crossentropy,');
    expect(l.indexOf('def smoothed_crossentropy(y_true, y_pred):  # label smoothing 0.2 on integer labels')).toBeLessThan(
      l.indexOf('model.compile('),
    );
    expect(l).toContain('# Label smoothing 0.2: the training loss aims at y · (1 − 0.2) + 0.2/10 instead of the 0/1 label.');
  });

  it('without smoothing (absent or 0) the loss is the plain string, as before', () => {
    for (const spec of [overfitSpec, smoothed(overfitSpec, 0)]) {
      const code = keras(spec);
      expect(code).toContain('    loss="binary_crossentropy",');
      expect(code).not.toContain('smoothing');
    }
    expect(keras(tenClasses)).toContain('    loss="sparse_categorical_crossentropy",');
  });

  it.runIf(hasPython)('generates Python that parses', () => {
    for (const spec of [smoothed(overfitSpec, 0.1), smoothed(tenClasses, 0.2)]) {
      const r = spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: keras(spec), encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
    }
  });
});
