/**
 * Feature maps: pick one of a dozen images; see the input and every convolution and pooling layer's maps, each
 * with its shape and count of numbers, and the predicted class probabilities. Works before training (random
 * filters, from a scratch model of the current settings) and after (the demo's latest run), when asked.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ProbeResult, RunHandle } from '../../../../engine/worker/client';
import { labelNamesOf, CLASS_NAMES } from '../../../../engine/spec/labels';
import type { Split } from '../../../../engine/data/split';
import { ChartFigure, usePlots } from '../../ChartFigure';
import { FieldError } from '../../FieldError';
import { Thumbs } from '../featureMaps/Thumbs';
import { labelProbabilities, mapLayers } from '../featureMaps/probe';
import type { ViewDef, ViewProps } from '../types';

interface FeatureMapsOptions {
  title?: string;
  /** Which held-out split the images come from; default 'test'. */
  split?: Split;
  /** How many images to choose from; default 12. */
  count?: number;
  /** Text of the button before anything is shown. */
  showLabel?: string;
}

interface Look {
  probe: ProbeResult;
  /** What the weights are: "random filters, before training" or "after 94 steps (lr 0.003)". */
  source: string;
}

type DataSpecLike = Parameters<typeof labelNamesOf>[0];

function FeatureMaps({ ctx, options }: ViewProps<FeatureMapsOptions>) {
  const split = options.split ?? 'test';
  const count = options.count ?? 12;
  const plots = usePlots();
  const spec = ctx.spec;
  const [examples, setExamples] = useState<{ pixels: Float32Array; classIds: Uint8Array } | null>(null);
  const [selected, setSelected] = useState(0);
  const [look, setLook] = useState<Look | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const scratch = useRef<{ handle: RunHandle; key: string } | null>(null);
  useEffect(() => () => scratch.current?.handle.dispose(), []);

  const run = ctx.current;
  const trained = run?.handle && (run.steps.length > 0 || run.phase.value === 'ended') ? run : null;
  const data = { task: { kind: 'multiclass' as const }, ...spec.data } as DataSpecLike;
  const labelNames = labelNamesOf(data);
  const classNames = CLASS_NAMES[data.dataset];

  /** The run to look inside: the latest trained run, else a scratch model of the current settings. */
  function target(): { handle: RunHandle; source: string } {
    if (trained?.handle)
      return { handle: trained.handle, source: `after ${trained.steps.at(-1)?.step ?? 0} steps of training (${trained.label})` };
    const key = JSON.stringify(spec);
    if (scratch.current?.key !== key) {
      scratch.current?.handle.dispose();
      scratch.current = { handle: ctx.store.scratch(ctx.demoId, spec), key };
    }
    return { handle: scratch.current.handle, source: 'random filters, before training' };
  }

  async function show(i: number) {
    setSelected(i);
    setBusy(true);
    setError('');
    try {
      const { handle, source } = target();
      if (!examples) {
        const n = Math.min(count, (split === 'test' ? spec.data.test : spec.data.validation) ?? 0);
        if (n === 0) throw new Error(`this demo has no ${split} images to look at`);
        const ex = await handle.examples(split, [...Array(n).keys()]);
        setExamples({ pixels: ex.pixels, classIds: ex.classIds });
      }
      setLook({ probe: await handle.probe(split, i), source });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  }

  const layers = look ? mapLayers(spec, look.probe) : [];
  // Canvases are drawn once per probe, not on every render.
  const stack = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (stack.current && plots && look) stack.current.replaceChildren(plots.featureMapStack(layers, { document }));
  }, [look, plots]);
  const probabilities = look ? labelProbabilities(look.probe.probabilities) : [];
  return (
    <section class="lc-figure lc-maps" aria-label={options.title ?? 'Feature maps'}>
      <div class="lc-figure__bar">
        <h4 class="lc-figure__title">{options.title ?? 'Feature maps'}</h4>
        <button type="button" class="lc-button" disabled={busy} onClick={() => void show(selected)}>
          {/* One name whatever the weights are (random before training, the run's after), as the chapters call it: the
              line below says which weights the maps come from. */}
          {look ? 'Update' : (options.showLabel ?? 'Show the feature maps')}
        </button>
      </div>
      {examples && (
        <Thumbs
          pixels={examples.pixels}
          names={Array.from(examples.classIds, (c) => classNames[c] ?? String(c))}
          selected={selected}
          onSelect={(i) => void show(i)}
          label="Choose an image"
        />
      )}
      <p class="lc-maps__status" role="status" aria-live="polite">
        {busy
          ? 'Running the image through the network…'
          : error
            ? ''
            : look
              ? `Image ${selected + 1} (${classNames[look.probe.classId]}), ${look.source}.`
              : ''}
      </p>
      <FieldError message={error} />
      {look && plots && (
        <>
          <div class="lc-maps__stack" ref={stack} />
          <ChartFigure
            title="Predicted probabilities"
            filename={ctx.file('probabilities')}
            table={plots.probabilityBarsTable(probabilities, labelNames, look.probe.label)}
            build={(p, document, width) =>
              p.probabilityBars(probabilities, { document, width, classNames: labelNames, trueLabel: look.probe.label })
            }
          />
        </>
      )}
    </section>
  );
}

export const view: ViewDef<FeatureMapsOptions> = {
  name: 'featureMaps',
  Component: FeatureMaps,
};
