import { describe, expect, it } from 'vitest';
import { summarize } from '../../../src/engine/spec/summarize';
import { assertSpec } from '../../../src/engine/spec/parse';
import { courseCnn, denseOnly, lrPuzzle } from './fixtures';

describe('summarize', () => {
  it('matches the parameter counts Keras prints for the course models', () => {
    expect(summarize(assertSpec(courseCnn(true))).totalParams).toBe(113386);
    expect(summarize(assertSpec(courseCnn(false))).totalParams).toBe(2370282);
    expect(summarize(assertSpec(denseOnly)).totalParams).toBe(101770);
    expect(summarize(assertSpec(lrPuzzle)).totalParams).toBe(5503);
  });

  it('reports per-layer shapes like model.summary()', () => {
    const s = summarize(assertSpec(courseCnn(true)));
    expect(s.layers.map((l) => [l.name, l.outputShape.join('x'), l.params])).toEqual([
      ['conv2d_1', '26x26x32', 320],
      ['max_pooling2d_1', '13x13x32', 0],
      ['conv2d_2', '11x11x32', 9248],
      ['max_pooling2d_2', '5x5x32', 0],
      ['flatten_1', '800', 0],
      ['dense_1', '128', 102528],
      ['dense_2', '10', 1290],
    ]);
  });
});
