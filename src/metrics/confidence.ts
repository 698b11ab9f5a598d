/**
 * How sure a model was, right and wrong, at one evaluation: the mean probability it gave the true class over the
 * examples it got right and over its mistakes, and how its mistakes split between confident ones (p(true class)
 * < 0.1: sure of a wrong answer) and ones near the boundary (0.4 ≤ p(true class) ≤ 0.6). The thresholds are the
 * loss-and-accuracy chapter's own (its question: does the validation loss rise because the model grows sure of
 * wrong answers, or because it drifts towards 0.5?); nothing here is a published metric.
 *
 * Pure TypeScript: no Plot, no tfjs, no DOM.
 */

/** One example of the evaluated set. */
export interface ExampleProbability {
  /** Position in the evaluated set (what the island selects and shows the image of). */
  index: number;
  /** True class. */
  label: number;
  labelName: string;
  /** Predicted probability of the true class. */
  pTrue: number;
  correct: boolean;
}

/** One evaluation's examples, e.g. at the end of an epoch. */
export interface EvaluationProbabilities {
  epoch: number;
  examples: readonly ExampleProbability[];
}

/** A mistake with p(true class) below this is confidently wrong. */
export const CONFIDENT_BELOW = 0.1;
/** A mistake with p(true class) in [NEAR_HALF[0], NEAR_HALF[1]] is near the boundary. */
export const NEAR_HALF = [0.4, 0.6] as const;

/** How sure the model was, right and wrong, at one evaluation. Shares are of the mistakes (NaN if none). */
export interface ConfidenceSummary {
  epoch: number;
  examples: number;
  mistakes: number;
  /** Mean p(true class) over correctly classified examples (NaN if none). */
  meanPTrueCorrect: number;
  /** Mean p(true class) over mistakes (NaN if none). */
  meanPTrueWrong: number;
  /** Mistakes with p(true class) < 0.1: confidently wrong. */
  confidentMistakes: number;
  /** Mistakes with 0.4 ≤ p(true class) ≤ 0.6: near the boundary. */
  nearHalfMistakes: number;
  confidentShare: number;
  nearHalfShare: number;
  /** Which kind of mistake dominates: more confident ones, more near 0.5 ones, or neither (a tie, or none). */
  story: 'confident mistakes' | 'near 0.5' | 'neither';
}

/** One evaluation's summary; examples with a non-finite p(true class) are left out. */
export function summarizeConfidence(epoch: number, examples: readonly ExampleProbability[]): ConfidenceSummary {
  let n = 0,
    wrong = 0,
    sumRight = 0,
    sumWrong = 0,
    confident = 0,
    near = 0;
  for (const e of examples) {
    if (!Number.isFinite(e.pTrue)) continue;
    n++;
    if (e.correct) {
      sumRight += e.pTrue;
      continue;
    }
    wrong++;
    sumWrong += e.pTrue;
    if (e.pTrue < CONFIDENT_BELOW) confident++;
    else if (e.pTrue >= NEAR_HALF[0] && e.pTrue <= NEAR_HALF[1]) near++;
  }
  const right = n - wrong;
  return {
    epoch,
    examples: n,
    mistakes: wrong,
    meanPTrueCorrect: right ? sumRight / right : NaN,
    meanPTrueWrong: wrong ? sumWrong / wrong : NaN,
    confidentMistakes: confident,
    nearHalfMistakes: near,
    confidentShare: wrong ? confident / wrong : NaN,
    nearHalfShare: wrong ? near / wrong : NaN,
    story: confident > near ? 'confident mistakes' : near > confident ? 'near 0.5' : 'neither',
  };
}

/** Per evaluation: mean p(true) of right and wrong examples, and the shares of confident vs near-0.5 mistakes. */
export function confidenceSummary(evaluations: readonly EvaluationProbabilities[]): ConfidenceSummary[] {
  return evaluations.map(({ epoch, examples }) => summarizeConfidence(epoch, examples));
}
