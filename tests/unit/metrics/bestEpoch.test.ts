import { describe, expect, it } from 'vitest';
import { bestEpoch, lowestBy } from '../../../src/metrics/bestEpoch';
import { lowestLoss, type LossShare } from '../../../src/metrics/lossShare';

describe('lowestBy', () => {
  it('picks the lowest finite value, the first of equals', () => {
    // Values 0.5, 0.3, NaN, 0.3, 0.4: the lowest is 0.3, first at index 1.
    const items = [0.5, 0.3, NaN, 0.3, 0.4].map((v, i) => ({ i, v }));
    expect(lowestBy(items, (x) => x.v)).toEqual({ i: 1, v: 0.3 });
  });

  it('never picks a value that is not finite, even first or lowest', () => {
    const items = [NaN, -Infinity, 0.7, Infinity, 0.6].map((v, i) => ({ i, v }));
    expect(lowestBy(items, (x) => x.v)?.i).toBe(4);
  });

  it('undefined when empty or nothing is finite; the one item when there is one', () => {
    expect(lowestBy([], (x: number) => x)).toBeUndefined();
    expect(lowestBy([NaN, Infinity], (x) => x)).toBeUndefined();
    expect(lowestBy([0.42], (x) => x)).toBe(0.42);
  });

  it('reads any iterable', () => {
    expect(lowestBy(new Set([3, 1, 2]), (x) => x)).toBe(1);
  });
});

describe('bestEpoch', () => {
  const points = [
    { epoch: 1, step: 10, value: 0.6, metric: 'validation cost' },
    { epoch: 1, step: 10, value: 0.1, metric: 'train cost' },
    { epoch: 2, step: 20, value: 0.4, metric: 'validation cost' },
    { epoch: 3, step: 30, value: 0.4, metric: 'validation cost' },
    { epoch: 4, step: 40, value: 0.45 },
  ];

  it('the lowest validation loss, first on a tie; points without a metric count as validation', () => {
    expect(bestEpoch(points)).toEqual(points[2]);
    expect(bestEpoch(points, 'train cost')).toBe(points[1]);
    expect(bestEpoch([points[4]])).toBe(points[4]);
  });

  it('null when there is no finite point of the metric', () => {
    expect(bestEpoch([])).toBeNull();
    expect(bestEpoch([{ epoch: 1, value: NaN }])).toBeNull();
    expect(bestEpoch(points.slice(0, 4), 'test cost')).toBeNull();
    // A point without a metric counts as whichever is asked for.
    expect(bestEpoch(points, 'test cost')).toBe(points[4]);
  });

  it('the loss-share view finds the same evaluation', () => {
    const shares = [0.6, 0.4, 0.4, NaN].map((loss, i) => ({ epoch: i + 1, loss }) as LossShare);
    expect(lowestLoss(shares)?.epoch).toBe(bestEpoch(shares.map((s) => ({ epoch: s.epoch, value: s.loss })))?.epoch);
    expect(lowestLoss(shares)?.epoch).toBe(2);
  });
});
