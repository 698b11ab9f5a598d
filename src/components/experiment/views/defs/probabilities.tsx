/**
 * Confidence per example: every held-out example's predicted probability of its true class, grouped by class,
 * the 0.5 line, mistakes marked; scrub through the evaluations; the most confident mistakes as images; and
 * which story the run supports — confident mistakes, or drift towards 0.5.
 */
import { useState } from 'preact/hooks';
import { labelNamesOf } from '../../../../engine/spec/labels';
import { summarizeConfidence } from '../../../../metrics/confidence';
import { probabilityStripTable } from '../../../charts/probabilityTables';
import { ChartFigure } from '../../ChartFigure';
import { exampleProbabilities, evaluationsWithProbabilities, type HeldOut } from '../probabilities/data';
import { MistakeImages } from '../probabilities/MistakeImages';
import type { ViewDef, ViewProps } from '../types';
import { EvaluationScrubber } from '../EvaluationScrubber';

interface ProbabilitiesOptions {
  title?: string;
  split?: HeldOut;
  /** Sentences for each story, shown under the chart; {mistakes}, {confident} and {near} are filled in. */
  stories?: Partial<Record<'confident mistakes' | 'near 0.5' | 'neither', string>>;
  /** How many of the most confident mistakes to show as images; default 8 (0 for none). */
  mistakes?: number;
}

// Worded so that any count reads right ("1", "2"…): no verb agrees with a number.
const DEFAULT_STORIES = {
  'confident mistakes':
    'Mistakes: {mistakes}, of which {confident} confident (p(true) < 0.1) and {near} near 0.5. The model is growing sure of wrong answers.',
  'near 0.5':
    'Mistakes: {mistakes}, of which {near} near 0.5 and {confident} confident (p(true) < 0.1). The model is unsure rather than confidently wrong.',
  neither: 'Mistakes: {mistakes}, of which {confident} confident (p(true) < 0.1) and {near} near 0.5.',
};

const fill = (t: string, v: Record<string, number>) => t.replace(/\{(\w+)\}/g, (m, k: string) => (k in v ? String(v[k]) : m));

function Probabilities({ ctx, options }: ViewProps<ProbabilitiesOptions>) {
  const run = ctx.current;
  void run?.version.value;
  const [chosen, setChosen] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);
  const { split, evals } = evaluationsWithProbabilities(run, options.split);
  const at = chosen !== null && chosen < evals.length ? chosen : evals.length - 1;
  const spec = run?.spec ?? ctx.spec;
  const labelNames = labelNamesOf({ task: { kind: 'multiclass' }, ...spec.data } as Parameters<typeof labelNamesOf>[0]);
  const current = evals[at];
  const examples = current ? exampleProbabilities(current.set, labelNames) : [];
  // From the metrics module, not the lazily loaded charts: the story shows on first paint.
  const summary = current ? summarizeConfidence(current.record.epoch, examples) : null;
  const story = summary
    ? fill(options.stories?.[summary.story] ?? DEFAULT_STORIES[summary.story], {
        mistakes: summary.mistakes,
        confident: summary.confidentMistakes,
        near: summary.nearHalfMistakes,
      })
    : undefined;
  const epochText = current ? `epoch ${Number(current.record.epoch.toFixed(2))}` : '';
  const onPick = (e: MouseEvent) => {
    const index = (e.target as Element).closest('[data-index]')?.getAttribute('data-index');
    if (index != null) setSelected(Number(index));
  };
  return (
    <div class="lc-probabilities">
      <EvaluationScrubber count={evals.length} at={at} text={epochText} onChoose={setChosen} />
      <div onClick={onPick}>
        <ChartFigure
          title={options.title ?? `Probability of the true class, every ${split} example`}
          filename={ctx.file('probabilities')}
          table={() => (current ? probabilityStripTable(examples) : { columns: [], rows: [] })}
          emptyText={current ? undefined : 'Each example’s predicted probability appears here after the first evaluation.'}
          caption={story}
          build={(p, document, width) => p.probabilityStrip(examples, { document, width, selected, classNames: labelNames })}
        />
      </div>
      {current && run && (options.mistakes ?? 8) > 0 && (
        <MistakeImages
          run={run}
          store={ctx.store}
          split={split}
          examples={examples}
          count={options.mistakes ?? 8}
          selected={selected}
          onSelect={setSelected}
        />
      )}
    </div>
  );
}

export const view: ViewDef<ProbabilitiesOptions> = {
  name: 'probabilities',
  needs: () => ({ probabilities: true }),
  Component: Probabilities,
};
