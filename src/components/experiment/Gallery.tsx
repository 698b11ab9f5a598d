/**
 * The run gallery: every run on the page (or of the listed demos), compared — final training and validation
 * accuracy and loss, parameters and seconds per epoch — with their validation curves overlaid, the best epoch
 * of each marked, one run highlighted. Runs come from the page's run store; nothing trains here.
 */
import { useMemo, useState } from 'preact/hooks';
import { ChartFigure, usePlots } from './ChartFigure';
import { pageStore } from './store/runStore';
import { useMounted } from './useMounted';
import { KeptRuns } from './persist/KeptRuns';
import { seriesOf } from './store/run';
import { summarizeRun } from './store/summary';
import type { GalleryConfig } from './types';
import './kit.css';
import './experiment.css';

const EMPTY = { columns: [], rows: [] };

export default function Gallery({ config }: { config: GalleryConfig }) {
  const store = useMemo(() => pageStore(), []);
  const plots = usePlots();
  const [highlight, setHighlight] = useState<string | null>(null);
  // Hydrated after runs were trained (client:idle, client:visible), the first render must still be the server's
  // empty gallery, or the charts keep the server's `hidden` and never show.
  const mounted = useMounted();
  const all = store.runs.value;
  const runs = mounted ? all.filter((r) => !config.demos || config.demos.includes(r.demoId)) : [];
  runs.forEach((r) => r.version.value);
  const groups = new Set(runs.map((r) => r.group)).size;
  const labelOf = (r: (typeof runs)[number]) => (groups > 1 ? `${r.group} · ${r.label}` : r.label);
  const chosen = runs.find((r) => r.id === highlight) ?? runs[runs.length - 1] ?? null;
  const summaries = runs.map((r) => ({ ...summarizeRun(r, labelOf(r)), highlighted: r === chosen }));
  // Per-batch losses (kept beside an evaluated training subset) are too noisy to overlay: training and held-out only.
  const series = runs.map((r) => {
    const s = seriesOf(r, r === chosen);
    return { ...s, label: labelOf(r), points: s.points.filter((p) => !p.metric.startsWith('batch ')) };
  });
  const waiting = runs.length ? undefined : 'Train any demo on this page: each run lands here, labelled by what you changed.';
  const fromBatches = summaries.some((s) => s.trainSource === 'last batch');
  // Runs without a validation set (a course-style train/test split) are compared on their test numbers.
  const held = summaries.length > 0 && summaries.every((s) => s.heldOut === 'test') ? 'test' : 'validation';
  return (
    <section class="lc-experiment lc-gallery not-content" aria-label={config.title} data-demo={config.id}>
      <h3 class="lc-experiment__title">{config.title}</h3>
      <div class="lc-status">
        <p class="lc-status__text" role="status" aria-live="polite">
          {runs.length ? `${runs.length} run${runs.length === 1 ? '' : 's'} kept.` : 'No runs yet.'}
          {chosen ? ` Highlighted: ${labelOf(chosen)}.` : ''}
        </p>
        <button
          type="button"
          class="lc-button"
          disabled={!runs.length}
          onClick={() => store.clear((r) => !config.demos || config.demos.includes(r.demoId))}
        >
          Clear runs
        </button>
        <KeptRuns />
      </div>
      {runs.length > 1 && (
        <fieldset class="lc-group lc-gallery__pick">
          <legend>Highlight a run</legend>
          <div class="lc-presets">
            {runs.map((r) => (
              <button type="button" class="lc-chip" aria-pressed={r === chosen} onClick={() => setHighlight(r.id)}>
                {labelOf(r)}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      <div class="lc-views">
        <ChartFigure
          title={`Final accuracy: training and ${held}`}
          filename={`${config.id}-accuracy`}
          table={() => (plots ? plots.galleryTable(summaries, held) : EMPTY)}
          emptyText={waiting}
          caption={
            fromBatches
              ? 'Training numbers marked as the last batch come from the last training batch, not from an evaluation of the training set.'
              : undefined
          }
          build={(p, document, width) => p.galleryChart(summaries, { document, width, metric: 'accuracy', heldOut: held })}
        />
        <ChartFigure
          title={`Final loss: training and ${held}`}
          filename={`${config.id}-loss`}
          table={() => (plots ? plots.galleryTable(summaries, held) : EMPTY)}
          emptyText={waiting}
          build={(p, document, width) => p.galleryChart(summaries, { document, width, metric: 'loss', heldOut: held })}
        />
        <ChartFigure
          title={`Every run’s loss, best ${held} epoch marked`}
          caption={`Solid lines: ${held} loss; dashed: training loss. Rings mark each run’s lowest ${held} loss.`}
          filename={`${config.id}-curves`}
          table={() => (plots ? plots.lossTable(series, { metric: 'cost', x: 'epoch', kindLabel: 'loss' }) : EMPTY)}
          emptyText={waiting}
          build={(p, document, width) =>
            p.lossChart(series, {
              document,
              width,
              metric: 'cost',
              x: 'epoch',
              xLabel: 'epoch',
              colorBy: 'run',
              kindLabel: 'loss',
              marks: p.sweetSpotMarks(p.bestEpochMarks(series, `${held} cost`)),
            })
          }
        />
      </div>
    </section>
  );
}
