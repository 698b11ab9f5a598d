import { describe, expect, it } from 'vitest';
import { confidenceSummary, summarizeConfidence, type ExampleProbability } from '../../../src/metrics/confidence';

const ex = (index: number, pTrue: number, correct: boolean): ExampleProbability => ({ index, label: 0, labelName: 'cat', pTrue, correct });

/*
 * Worked by hand:
 *   right:    p(true) 0.9, 0.7                  → mean 0.8
 *   mistakes: p(true) 0.05, 0.08, 0.45, 0.3     → mean 0.88 / 4 = 0.22
 *   confident (< 0.1): 0.05, 0.08 → 2 of 4 = 0.5; near 0.5 (0.4–0.6): 0.45 → 1 of 4 = 0.25; 0.3 is neither
 *   2 confident > 1 near → the story is 'confident mistakes'
 */
const examples = [ex(0, 0.9, true), ex(1, 0.05, false), ex(2, 0.7, true), ex(3, 0.08, false), ex(4, 0.45, false), ex(5, 0.3, false)];

describe('summarizeConfidence', () => {
  it('matches the hand-computed example', () => {
    const s = summarizeConfidence(7, examples);
    expect(s).toMatchObject({
      epoch: 7,
      examples: 6,
      mistakes: 4,
      confidentMistakes: 2,
      nearHalfMistakes: 1,
      confidentShare: 0.5,
      nearHalfShare: 0.25,
      story: 'confident mistakes',
    });
    expect(s.meanPTrueCorrect).toBeCloseTo(0.8, 12);
    expect(s.meanPTrueWrong).toBeCloseTo(0.22, 12);
  });

  it('draws the lines where it says: 0.1 is not confident, 0.4 and 0.6 are near 0.5, 0.61 is neither', () => {
    const s = summarizeConfidence(1, [ex(0, 0.1, false), ex(1, 0.0999, false), ex(2, 0.4, false), ex(3, 0.6, false), ex(4, 0.61, false)]);
    expect([s.confidentMistakes, s.nearHalfMistakes]).toEqual([1, 2]);
    expect(s.story).toBe('near 0.5');
  });

  it('all correct: no mistakes, shares and mean p(true) of mistakes NaN, no story', () => {
    const s = summarizeConfidence(2, [ex(0, 0.9, true), ex(1, 0.6, true)]);
    expect(s.mistakes).toBe(0);
    expect(s.meanPTrueCorrect).toBeCloseTo(0.75, 12);
    expect(s.meanPTrueWrong).toBeNaN();
    expect(s.confidentShare).toBeNaN();
    expect(s.nearHalfShare).toBeNaN();
    expect(s.story).toBe('neither');
  });

  it('a single example: a mistake at 0.5 is near 0.5, the whole story', () => {
    const s = summarizeConfidence(1, [ex(0, 0.5, false)]);
    expect(s).toMatchObject({ examples: 1, mistakes: 1, meanPTrueWrong: 0.5, nearHalfShare: 1, confidentShare: 0, story: 'near 0.5' });
    expect(s.meanPTrueCorrect).toBeNaN();
  });

  it('no examples, or only non-finite ones: counts 0, means NaN', () => {
    for (const list of [[], [ex(0, NaN, false), ex(1, Infinity, true)]]) {
      const s = summarizeConfidence(3, list);
      expect([s.examples, s.mistakes, s.confidentMistakes, s.nearHalfMistakes]).toEqual([0, 0, 0, 0]);
      expect(s.meanPTrueCorrect).toBeNaN();
      expect(s.story).toBe('neither');
    }
  });

  it('a tie between confident and near-0.5 mistakes tells neither story', () => {
    expect(summarizeConfidence(1, [ex(0, 0.01, false), ex(1, 0.5, false)]).story).toBe('neither');
  });
});

describe('confidenceSummary', () => {
  it('summarises each evaluation in order', () => {
    const out = confidenceSummary([
      { epoch: 1, examples },
      { epoch: 2, examples: [ex(0, 0.95, true)] },
    ]);
    expect(out.map((s) => [s.epoch, s.mistakes])).toEqual([
      [1, 4],
      [2, 0],
    ]);
    expect(out[0]).toEqual(summarizeConfidence(1, examples));
    expect(confidenceSummary([])).toEqual([]);
  });
});
