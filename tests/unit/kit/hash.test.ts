import { describe, expect, it } from 'vitest';
import {
  applyOverrides,
  decodeOverrides,
  encodeOverrides,
  labelFromOverrides,
  overridesFrom,
  readDemoState,
  writeDemoState,
} from '../../../src/components/experiment/controls/hash';
import type { Overrides } from '../../../src/components/experiment/controls/types';
import { parseSpec } from '../../../src/engine/spec/parse';
import { courseCnn, lrPuzzle } from '../spec/fixtures';

const all: Overrides = { learningRate: 0.54, sizes: [784, 7, 1], iterations: 2500, batchSize: 'full', seed: 3, trainSize: 300 };

describe('encodeOverrides / decodeOverrides', () => {
  it('writes a compact, readable query string', () => {
    expect(encodeOverrides({ learningRate: 0.54, sizes: [784, 7, 1], iterations: 2500, batchSize: 'full', seed: 3 })).toBe(
      'lr=0.54&sizes=784-7-1&it=2500&bs=full&seed=3',
    );
    expect(encodeOverrides({ epochs: 5, batchSize: 64, trainSize: 1000 })).toBe('ep=5&bs=64&train=1000');
    expect(encodeOverrides({})).toBe('');
  });

  it('round-trips', () => {
    for (const o of [
      all,
      {},
      { epochs: 5, batchSize: 64 },
      { learningRate: 1e-7 },
      { learningRate: 1e21 },
      { learningRate: 0.1 + 0.2 },
      { seed: 0 },
    ]) {
      expect(decodeOverrides(encodeOverrides(o))).toEqual({ overrides: o, issues: [] });
    }
  });

  it('reads hand-written variants', () => {
    expect(decodeOverrides('?lr=.5&sizes=784,7,1&bs=FULL&it=1e3').overrides).toEqual({
      learningRate: 0.5,
      sizes: [784, 7, 1],
      batchSize: 'full',
      iterations: 1000,
    });
    expect(decodeOverrides('lr=0.1&&lr=0.2&').overrides).toEqual({ learningRate: 0.2 });
  });

  it('tolerates garbage, reporting issues instead of throwing', () => {
    const { overrides, issues } = decodeOverrides('lr=fast&color=red&sizes=784-x-1&bs=huge&seed&it=%E0%A4%A&ep=Infinity&train=0x10');
    expect(overrides).toEqual({});
    expect(issues).toEqual([
      { path: 'optimizer.learningRate', message: 'learning rate must be a number, got "fast"' },
      { path: 'color', message: 'unknown setting "color"' },
      { path: 'model.sizes', message: 'layer sizes must be whole numbers joined by "-", like 784-7-1, got "784-x-1"' },
      { path: 'training.batchSize', message: 'batch size must be a whole number ≥ 1 or "full", got "huge"' },
      { path: 'seed', message: 'seed has no readable value' },
      { path: 'training.duration.iterations', message: 'iterations has no readable value' },
      { path: 'training.duration.epochs', message: 'epochs must be a number, got "Infinity"' },
      { path: 'data.train', message: 'training set size must be a number, got "0x10"' },
    ]);
    for (const junk of ['', '&&&', '=', '==1', '%', 'lr', ';:#', '\u0000', 'lr=%FF']) {
      expect(() => decodeOverrides(junk)).not.toThrow();
    }
  });

  it('keeps negative and fractional numbers for the spec to judge', () => {
    expect(decodeOverrides('lr=-1&seed=1.5&train=-3')).toEqual({ overrides: { learningRate: -1, seed: 1.5, trainSize: -3 }, issues: [] });
  });

  it('keeps iterations when both durations are given', () => {
    const { overrides, issues } = decodeOverrides('ep=3&it=10');
    expect(overrides).toEqual({ iterations: 10 });
    expect(issues.map((i) => i.path)).toEqual(['training.duration']);
  });
});

describe('readDemoState / writeDemoState', () => {
  it('keeps several demos in one hash', () => {
    let hash = writeDemoState('', 'lr-puzzle', { learningRate: 0.54, sizes: [784, 7, 1] });
    expect(hash).toBe('#lr-puzzle:lr=0.54&sizes=784-7-1');
    hash = writeDemoState(hash, 'cnn', { epochs: 3, seed: 2 });
    expect(hash).toBe('#lr-puzzle:lr=0.54&sizes=784-7-1;cnn:ep=3&seed=2');
    hash = writeDemoState(hash, 'lr-puzzle', { learningRate: 0.1 });
    expect(hash).toBe('#lr-puzzle:lr=0.1;cnn:ep=3&seed=2');
    expect(readDemoState(hash, 'lr-puzzle')).toEqual({ learningRate: 0.1 });
    expect(readDemoState(hash, 'cnn')).toEqual({ epochs: 3, seed: 2 });
    expect(readDemoState(hash, 'lr')).toBeNull();
    expect(readDemoState(hash.slice(1), 'cnn')).toEqual({ epochs: 3, seed: 2 });
    hash = writeDemoState(hash, 'lr-puzzle', {});
    expect(hash).toBe('#cnn:ep=3&seed=2');
    expect(writeDemoState(hash, 'cnn', {})).toBe('');
  });

  it('keeps plain anchors and other demos it does not understand', () => {
    const hash = writeDemoState('#section-2;other:x=%ZZ', 'lr-puzzle', { seed: 4 });
    expect(hash).toBe('#section-2;other:x=%ZZ;lr-puzzle:seed=4');
    expect(readDemoState(hash, 'lr-puzzle')).toEqual({ seed: 4 });
    expect(readDemoState('#section-2', 'section-2')).toBeNull();
  });

  it('encodes odd demo ids safely', () => {
    const hash = writeDemoState('#a:seed=1', 'x;y:z', { seed: 2 });
    expect(hash).toBe('#a:seed=1;x%3By%3Az:seed=2');
    expect(readDemoState(hash, 'x;y:z')).toEqual({ seed: 2 });
    expect(readDemoState(hash, 'a')).toEqual({ seed: 1 });
  });

  it('reads a hash that was percent-encoded as a whole', () => {
    expect(readDemoState('#lr-puzzle%3Alr%3D0.5%26it%3D10', 'lr-puzzle')).toEqual({ learningRate: 0.5, iterations: 10 });
  });

  it('tolerates garbage without throwing', () => {
    for (const junk of ['', '#', '#;;;', '#:::', '#%', '#%E0%A4%A', '#a:b:c;;d', '#lr-puzzle:lr=NaN', '#lr-puzzle']) {
      expect(() => readDemoState(junk, 'lr-puzzle')).not.toThrow();
      expect(() => writeDemoState(junk, 'lr-puzzle', { seed: 1 })).not.toThrow();
    }
    expect(readDemoState('#lr-puzzle:lr=NaN', 'lr-puzzle')).toEqual({});
  });
});

describe('applyOverrides / overridesFrom', () => {
  it('applies overrides without touching the original', () => {
    const before = structuredClone(lrPuzzle);
    const out = applyOverrides(lrPuzzle, { learningRate: 0.54, sizes: [784, 20, 7, 1], epochs: 30, batchSize: 64, seed: 0 });
    expect(lrPuzzle).toEqual(before);
    expect(out.optimizer.learningRate).toBe(0.54);
    expect(out.model).toMatchObject({ kind: 'mlp', sizes: [784, 20, 7, 1], initializer: 'course' });
    expect(out.training).toEqual({ batchSize: 64, duration: { epochs: 30 } });
    expect(out.seed).toBe(0);
    const r = parseSpec(out);
    expect(r.ok && r.summary.totalParams).toBe(784 * 20 + 20 + 20 * 7 + 7 + 7 + 1);
  });

  it('ignores sizes for layer-list models and keeps class counts consistent', () => {
    const cnn = courseCnn();
    expect(applyOverrides(cnn, { sizes: [784, 1] }).model).toEqual(cnn.model);
    const out = applyOverrides(lrPuzzle, { trainSize: 418 });
    expect(out.data).toMatchObject({ train: 418, counts: { positive: 144, negative: 274 } });
    expect(parseSpec(out).ok).toBe(true);
  });

  it('lets parseSpec explain bad values from the hash', () => {
    const { overrides } = decodeOverrides('lr=-1');
    const r = parseSpec(applyOverrides(lrPuzzle, overrides));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toEqual([{ path: 'optimizer.learningRate', message: 'learning rate must be a number > 0 and ≤ 1000, got -1' }]);
    const bad = parseSpec(applyOverrides(lrPuzzle, decodeOverrides('sizes=784-7-2&bs=0').overrides));
    expect(bad.ok).toBe(false);
  });

  it('records only what differs from the base', () => {
    expect(overridesFrom(lrPuzzle, lrPuzzle)).toEqual({});
    expect(overridesFrom({ ...lrPuzzle, seed: 1 }, { ...lrPuzzle, seed: undefined })).toEqual({});
    for (const o of [all, { epochs: 4 }, { batchSize: 32 }, { seed: 0 }, { iterations: 2500, learningRate: 0.0075 }]) {
      const current = applyOverrides(lrPuzzle, o);
      const diff = overridesFrom(lrPuzzle, current);
      expect(applyOverrides(lrPuzzle, diff)).toEqual(current);
    }
    expect(overridesFrom(lrPuzzle, applyOverrides(lrPuzzle, { learningRate: 0.54, iterations: 2500 }))).toEqual({ learningRate: 0.54 });
    const link = writeDemoState('', 'lr-puzzle', overridesFrom(lrPuzzle, applyOverrides(lrPuzzle, { learningRate: 0.54, seed: 3 })));
    expect(link).toBe('#lr-puzzle:lr=0.54&seed=3');
  });
});

describe('labelFromOverrides', () => {
  it('names a run by what changed', () => {
    expect(labelFromOverrides({ learningRate: 0.54 })).toBe('lr 0.54');
    expect(labelFromOverrides({ sizes: [784, 7, 1] })).toBe('[784, 7, 1]');
    expect(labelFromOverrides({ seed: 3 })).toBe('seed 3');
    expect(labelFromOverrides({ batchSize: 'full' })).toBe('batch full');
    expect(labelFromOverrides({ learningRate: 0.54, sizes: [784, 7, 1], seed: 3 })).toBe('lr 0.54, [784, 7, 1], seed 3');
    expect(labelFromOverrides({ iterations: 2500 })).toBe('iterations 2500');
    expect(labelFromOverrides({ dropout: 0.2 })).toBe('dropout 0.2');
    expect(labelFromOverrides({ augment: { shift: 2, flip: true } })).toBe('augment shift 2px + flip');
    expect(labelFromOverrides({})).toBe('');
  });

  it('against a previous run: only the differences, and dropped settings read "default"', () => {
    expect(labelFromOverrides({ learningRate: 0.54, seed: 3 }, { learningRate: 0.54, seed: 2 })).toBe('seed 3');
    expect(labelFromOverrides({ sizes: [784, 20, 1] }, { sizes: [784, 7, 1] })).toBe('[784, 20, 1]');
    expect(labelFromOverrides({}, { learningRate: 0.54 })).toBe('lr default');
    expect(labelFromOverrides({ seed: 3 }, { seed: 3 })).toBe('');
  });
});
