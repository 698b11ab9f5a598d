import { describe, expect, it } from 'vitest';
import {
  csvField,
  deadUnitsTable,
  gradientNormTable,
  gradientTable,
  lossTable,
  sweepTable,
  toCsv,
} from '../../../src/components/charts/tables';
import type { RunSeries } from '../../../src/components/charts/series';

const runA: RunSeries = {
  id: 'a',
  label: 'lr 0.54',
  current: false,
  points: [
    { step: 1, epoch: 0.5, metric: 'train cost', value: 0.693147 },
    { step: 1, epoch: 0.5, metric: 'train accuracy', value: 0.5 },
    { step: 2, epoch: 1, metric: 'train cost', value: 0.61234567 },
    { step: 2, epoch: 1, metric: 'validation cost', value: 0.65 },
  ],
};
const runB: RunSeries = {
  id: 'b',
  label: 'lr 0.1',
  current: true,
  points: [
    { step: 1, epoch: 0.5, metric: 'train cost', value: 0.7 },
    { step: 3, epoch: 1.5, metric: 'train cost', value: NaN },
  ],
};

describe('lossTable', () => {
  it('gives one row per step and one column per (run, metric), costs to 7 decimals as the status line shows them', () => {
    expect(lossTable([runA, runB], 'cost')).toEqual({
      columns: ['iteration', 'lr 0.54 · train cost', 'lr 0.54 · validation cost', 'lr 0.1 · train cost'],
      rows: [
        [1, 0.693147, '', 0.7],
        [2, 0.6123457, 0.65, ''],
        [3, '', '', NaN],
      ],
    });
  });

  it('can key rows by epoch and include accuracies (4 decimals)', () => {
    const t = lossTable([{ ...runA, points: [...runA.points, { step: 2, epoch: 1, metric: 'train accuracy', value: 0.123456 }] }], {
      x: 'epoch',
    });
    expect(t.columns).toEqual(['epoch', 'lr 0.54 · train cost', 'lr 0.54 · validation cost', 'lr 0.54 · train accuracy']);
    expect(t.rows).toEqual([
      [0.5, 0.693147, '', 0.5],
      [1, 0.6123457, 0.65, 0.1235],
    ]);
  });

  it("keeps the entropy floor 0.6439737 apart from 0.6440, and names the metric in the reader's word", () => {
    const run: RunSeries = {
      id: 'c',
      label: '',
      current: true,
      points: [{ step: 1, epoch: 1, metric: 'validation cost', value: 0.6439737380528058 }],
    };
    expect(lossTable([run], { metric: 'cost', kindLabel: 'loss' })).toEqual({
      columns: ['iteration', 'validation loss'],
      rows: [[1, 0.6439737]],
    });
  });
});

describe('other tables', () => {
  it('gradient norms keep 4 significant digits, so tiny norms are not zero', () => {
    const t = gradientNormTable([
      {
        step: 10,
        params: [
          { name: 'W1', gradNorm: 0.000012345678 },
          { name: 'b1', gradNorm: 0 },
        ],
      },
      { step: 20, params: [{ name: 'W1', gradNorm: 1.23456 }] },
    ]);
    expect(t).toEqual({
      columns: ['iteration', 'W1', 'b1'],
      rows: [
        [10, 0.00001235, 0],
        [20, 1.235, ''],
      ],
    });
    expect(gradientTable).toBe(gradientNormTable);
  });

  it('sweep table sorts by learning rate and marks divergence', () => {
    expect(
      sweepTable(
        [
          { value: 10, finalCost: NaN, diverged: true },
          { value: 0.1, finalCost: 0.123456 },
        ],
        'learning rate',
      ),
    ).toEqual({
      columns: ['learning rate', 'final cost', 'status'],
      rows: [
        [0.1, 0.123456, 'finished'],
        [10, '', 'diverged'],
      ],
    });
    expect(sweepTable([{ value: 1, finalCost: 0.5, label: 'a' }], 'learning rate').columns).toEqual([
      'run',
      'learning rate',
      'final cost',
      'status',
    ]);
  });

  it('dead-unit table lists units, or the count', () => {
    expect(deadUnitsTable({ units: 3, dead: [true, false, true] })).toEqual({
      columns: ['unit', 'dead'],
      rows: [
        [1, 'yes'],
        [2, 'no'],
        [3, 'yes'],
      ],
    });
    expect(deadUnitsTable({ units: 300, deadUnits: 12 })).toEqual({ columns: ['units', 'dead units'], rows: [[300, 12]] });
  });
});

describe('CSV (RFC 4180)', () => {
  it('quotes fields with commas, quotes and line breaks, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\r')).toBe('"cr\r"');
    expect(csvField(0.6931)).toBe('0.6931');
  });

  it('writes header and rows with CRLF line ends', () => {
    const csv = toCsv({
      columns: ['iteration', 'lr 0.54 · train cost', '[784, 7, 1] · cost'],
      rows: [
        [1, 0.6931, ''],
        [2, 0.5, 'x"y'],
      ],
    });
    expect(csv).toBe('iteration,lr 0.54 · train cost,"[784, 7, 1] · cost"\r\n1,0.6931,\r\n2,0.5,"x""y"\r\n');
  });
});
