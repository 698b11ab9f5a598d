import { describe, expect, it } from 'vitest';
import { evalPoints, parseMetric, pushEval, pushStep, stepPoints, type RunSeries } from '../../../src/components/charts/series';

describe('series helpers', () => {
  const empty: RunSeries = { id: 'r1', label: 'lr 0.5', current: true, points: [] };

  it('turns a StepRecord into train cost and train accuracy points', () => {
    expect(stepPoints({ step: 3, epoch: 0.5, loss: 0.7, accuracy: 0.25, learningRate: 0.1 })).toEqual([
      { step: 3, epoch: 0.5, metric: 'train cost', value: 0.7 },
      { step: 3, epoch: 0.5, metric: 'train accuracy', value: 0.25 },
    ]);
  });

  it('turns an EvalRecord into validation and test cost/accuracy points, skipping missing sets', () => {
    const pts = evalPoints({
      step: 10,
      epoch: 1,
      validation: { loss: 0.6, accuracy: 0.8, n: 100, outputs: 1 },
      test: { loss: 0.65, accuracy: 0.75, n: 50, outputs: 1 },
    });
    expect(pts.map((p) => [p.metric, p.value])).toEqual([
      ['validation cost', 0.6],
      ['validation accuracy', 0.8],
      ['test cost', 0.65],
      ['test accuracy', 0.75],
    ]);
    expect(evalPoints({ step: 10, epoch: 1, test: { loss: 0.5, accuracy: 0.9, n: 5, outputs: 1 } }).map((p) => p.metric)).toEqual([
      'test cost',
      'test accuracy',
    ]);
  });

  it('appends in place, keeping the same points array (no copy per record)', () => {
    const series: RunSeries = { ...empty, points: [] };
    const points = series.points;
    pushStep(series, { step: 1, epoch: 0.1, loss: 0.69, accuracy: 0.5, learningRate: 0.1 });
    expect(series.points).toHaveLength(2);
    pushEval(series, { step: 1, epoch: 0.1, validation: { loss: 0.7, accuracy: 0.4, n: 10, outputs: 1 } });
    expect(series.points).toBe(points);
    expect(series.points).toHaveLength(4);
    expect(series.points[2]).toEqual({ step: 1, epoch: 0.1, metric: 'validation cost', value: 0.7 });
  });

  it('parses metric names', () => {
    expect(parseMetric('validation accuracy')).toEqual({ split: 'validation', kind: 'accuracy' });
    expect(parseMetric('train loss')).toBeNull();
  });
});
