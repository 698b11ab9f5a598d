import { describe, expect, it } from 'vitest';
import { appendEval, appendStep, evalPoints, labelFromOverrides, parseMetric, stepPoints, type RunSeries } from '../../../src/components/charts/series';

describe('series helpers', () => {
  const empty: RunSeries = { id: 'r1', label: 'lr 0.5', current: true, points: [] };

  it('turns a StepRecord into train cost and train accuracy points', () => {
    expect(stepPoints({ step: 3, epoch: 0.5, loss: 0.7, accuracy: 0.25, learningRate: 0.1 })).toEqual([
      { step: 3, epoch: 0.5, metric: 'train cost', value: 0.7 },
      { step: 3, epoch: 0.5, metric: 'train accuracy', value: 0.25 },
    ]);
  });

  it('turns an EvalRecord into validation and test cost/accuracy points, skipping missing sets', () => {
    const pts = evalPoints({ step: 10, epoch: 1, validation: { loss: 0.6, accuracy: 0.8, n: 100, outputs: 1 }, test: { loss: 0.65, accuracy: 0.75, n: 50, outputs: 1 } });
    expect(pts.map((p) => [p.metric, p.value])).toEqual([
      ['validation cost', 0.6],
      ['validation accuracy', 0.8],
      ['test cost', 0.65],
      ['test accuracy', 0.75],
    ]);
    expect(evalPoints({ step: 10, epoch: 1, test: { loss: 0.5, accuracy: 0.9, n: 5, outputs: 1 } }).map((p) => p.metric)).toEqual(['test cost', 'test accuracy']);
  });

  it('appends without mutating the input', () => {
    const a = appendStep(empty, { step: 1, epoch: 0.1, loss: 0.69, accuracy: 0.5, learningRate: 0.1 });
    const b = appendEval(a, { step: 1, epoch: 0.1, validation: { loss: 0.7, accuracy: 0.4, n: 10, outputs: 1 } });
    expect(empty.points).toHaveLength(0);
    expect(a.points).toHaveLength(2);
    expect(b.points).toHaveLength(4);
    expect(b).toMatchObject({ id: 'r1', label: 'lr 0.5', current: true });
    expect(b.points[2]).toEqual({ step: 1, epoch: 0.1, metric: 'validation cost', value: 0.7 });
  });

  it('parses metric names', () => {
    expect(parseMetric('validation accuracy')).toEqual({ split: 'validation', kind: 'accuracy' });
    expect(parseMetric('train loss')).toBeNull();
  });
});

describe('labelFromOverrides', () => {
  it('names single overrides', () => {
    expect(labelFromOverrides({ learningRate: 0.54 })).toBe('lr 0.54');
    expect(labelFromOverrides({ sizes: [784, 7, 1] })).toBe('[784, 7, 1]');
    expect(labelFromOverrides({ seed: 3 })).toBe('seed 3');
    expect(labelFromOverrides({ batchSize: 'full' })).toBe('batch full');
  });

  it('joins several overrides with ", "', () => {
    expect(labelFromOverrides({ learningRate: 0.54, sizes: [784, 7, 1], seed: 3 })).toBe('lr 0.54, [784, 7, 1], seed 3');
  });

  it('against a previous run, names only what changed', () => {
    expect(labelFromOverrides({ learningRate: 0.54, seed: 3 }, { learningRate: 0.54, seed: 2 })).toBe('seed 3');
    expect(labelFromOverrides({ sizes: [784, 20, 1] }, { sizes: [784, 7, 1] })).toBe('[784, 20, 1]');
    expect(labelFromOverrides({}, { learningRate: 0.54 })).toBe('lr default');
    expect(labelFromOverrides({ seed: 3 }, { seed: 3 })).toBe('');
  });

  it('is empty with no overrides and spells out unknown keys', () => {
    expect(labelFromOverrides({})).toBe('');
    expect(labelFromOverrides({ iterations: 2500 })).toBe('iterations 2500');
    expect(labelFromOverrides({ dropoutRate: 0.2 })).toBe('dropout rate 0.2');
  });
});
