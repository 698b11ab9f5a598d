/**
 * The most confident mistakes as images (lowest probability of the true class first), and the example the
 * reader picked on the chart. Pixels come from the run's worker side, or from a scratch run of the same spec
 * once the run has been freed; they are cached per example.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RunHandle } from '../../../../engine/worker/client';
import type { ExampleProbability } from '../../../../metrics/confidence';
import { mapToRgba } from '../../../charts/featureMaps';
import type { Run } from '../../store/run';
import type { RunStore } from '../../store/runStore';
import type { HeldOut } from './data';

interface Props {
  run: Run;
  store: Pick<RunStore, 'scratch'>;
  split: HeldOut;
  examples: ExampleProbability[];
  count: number;
  selected: number | null;
  onSelect(index: number): void;
}

function paint(canvas: HTMLCanvasElement | null, pixels: Float32Array | undefined) {
  const ctx = canvas?.getContext('2d');
  if (!ctx || !pixels) return;
  const image = ctx.createImageData(28, 28);
  image.data.set(mapToRgba(pixels, 28, 28, 1, 0, { kind: 'grey', min: 0, max: 1 }));
  ctx.putImageData(image, 0, 0);
}

export function MistakeImages({ run, store, split, examples, count, selected, onSelect }: Props) {
  const cache = useRef(new Map<number, Float32Array>());
  const scratch = useRef<RunHandle | null>(null);
  const [, redraw] = useState(0);
  useEffect(() => () => scratch.current?.dispose(), []);
  const worst = examples
    .filter((e) => !e.correct)
    .sort((a, b) => a.pTrue - b.pTrue)
    .slice(0, count);
  const wanted = [...new Set([...worst.map((e) => e.index), ...(selected !== null ? [selected] : [])])].filter(
    (i) => !cache.current.has(i),
  );
  const key = wanted.join(',');
  useEffect(() => {
    if (!wanted.length) return;
    const handle = run.handle ?? (scratch.current ??= store.scratch(run.demoId, run.spec));
    handle
      .examples(split, wanted)
      .then((ex) => {
        wanted.forEach((i, k) => cache.current.set(i, ex.pixels.slice(k * 784, (k + 1) * 784)));
        redraw((n) => n + 1);
      })
      .catch(() => undefined);
  }, [key]);
  const pick = selected !== null ? examples.find((e) => e.index === selected) : undefined;
  return (
    <div class="lc-mistakes">
      <h5 class="lc-figure__title">{worst.length ? 'The most confident mistakes' : 'No mistakes at this evaluation.'}</h5>
      <div class="lc-thumbs" role="group" aria-label="The most confident mistakes">
        {worst.map((e) => (
          <button
            type="button"
            class="lc-thumb lc-thumb--labelled"
            aria-pressed={e.index === selected}
            onClick={() => onSelect(e.index)}
            aria-label={`Example ${e.index}: a ${e.labelName}, p(true) ${e.pTrue.toFixed(3)}`}
          >
            <canvas width={28} height={28} ref={(c) => paint(c, cache.current.get(e.index))} />
            <span>{e.pTrue.toFixed(3)}</span>
          </button>
        ))}
      </div>
      {pick && (
        <p class="lc-mistakes__pick" role="status">
          <canvas width={28} height={28} ref={(c) => paint(c, cache.current.get(pick.index))} aria-hidden="true" />
          Example {pick.index}: a {pick.labelName}; p(true class) = {pick.pTrue.toFixed(4)},{' '}
          {pick.correct ? 'classified right' : 'a mistake'}.
        </p>
      )}
    </div>
  );
}
