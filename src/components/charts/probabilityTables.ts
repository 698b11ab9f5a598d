/**
 * The probability views' tables, Plot-free (the confidence summary itself is in `src/metrics/confidence.ts`): the
 * views build them on first paint; `probabilityStrip.ts` draws the same examples with Plot.
 */
import type { ConfidenceSummary, ExampleProbability } from '../../metrics/confidence';
import type { DataTable } from './tables';
import { formatPercent, round4 } from './theme';

/** One row per example, by index: example, true class, p(true class) to 4 decimals, correct yes/no. */
export function probabilityStripTable(examples: readonly ExampleProbability[]): DataTable {
  return {
    columns: ['example', 'true class', 'p(true class)', 'correct'],
    rows: [...examples].sort((a, b) => a.index - b.index).map((e) => [e.index, e.labelName, round4(e.pTrue), e.correct ? 'yes' : 'no']),
  };
}

/** The summaries as a table: one row per evaluation. */
export function confidenceSummaryTable(summaries: readonly ConfidenceSummary[]): DataTable {
  const num = (v: number) => (Number.isFinite(v) ? round4(v) : '');
  return {
    columns: [
      'epoch',
      'examples',
      'mistakes',
      'mean p(true) · correct',
      'mean p(true) · mistakes',
      'mistakes with p(true) < 0.1',
      'mistakes with p(true) in 0.4–0.6',
      'story',
    ],
    rows: summaries.map((s) => [
      round4(s.epoch),
      s.examples,
      s.mistakes,
      num(s.meanPTrueCorrect),
      num(s.meanPTrueWrong),
      s.mistakes ? formatPercent(s.confidentShare) : '',
      s.mistakes ? formatPercent(s.nearHalfShare) : '',
      s.story,
    ]),
  };
}
