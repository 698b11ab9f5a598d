/**
 * Your own picture: draw one, upload a photo, or start from a test image and edit it; see it prepared as the
 * dataset's images were (said step by step), the 28 × 28 picture the network reads, and the class probabilities
 * from the demo's current weights — re-read as the run trains — with, for a CNN, the feature maps of the picture.
 * Moving or inverting the 28 × 28 picture is the shift test on the reader's own image.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { ProbeResult, RunHandle } from '../../../../engine/worker/client';
import { CLASS_NAMES, labelNamesOf } from '../../../../engine/spec/labels';
import type { Split } from '../../../../engine/data/split';
import { invertPixels, preprocess, shiftPixels, styleOf } from '../../../../engine/data/preprocess';
import { ChartFigure, usePlots } from '../../ChartFigure';
import { FieldError } from '../../FieldError';
import { createThrottle } from '../../throttle';
import { Thumbs } from '../featureMaps/Thumbs';
import { mapLayers } from '../featureMaps/probe';
import { Pad, Range, type PadApi, type Picture } from '../own-image/Pad';
import { NetworkInput } from '../own-image/NetworkInput';
import { editSteps, predictionText } from '../own-image/words';
import type { ViewDef, ViewProps } from '../types';
import '../own-image/ownImage.css';

interface OwnImageOptions {
  title?: string;
  /** A suggestion in the chapter's words, under the title ("Try a shoe photographed on a table"). */
  prompt?: string;
  /** Where the test images come from; default the test set, else validation. */
  split?: Split;
  /** How many test images to offer; default 8. */
  count?: number;
  /** Largest move of the picture, in pixels; default 6. */
  maxShift?: number;
}

type DataSpecLike = Parameters<typeof labelNamesOf>[0];

/** How often the probabilities are re-read while the picture changes or the run trains (ms). */
const PROBE_MS = 300;

interface Look {
  probe: ProbeResult;
  /** Which weights: "the weights after 40 steps of training (lr 0.003)". */
  source: string;
}

function OwnImage({ ctx, options }: ViewProps<OwnImageOptions>) {
  const spec = ctx.spec;
  const data = { task: { kind: 'multiclass' as const }, ...spec.data } as DataSpecLike;
  const dataset = data.dataset ?? 'fashion-mnist';
  const style = styleOf(dataset);
  const labelNames = labelNamesOf(data);
  const classNames = CLASS_NAMES[dataset];
  const maxShift = options.maxShift ?? 6;
  const split: Split = options.split ?? ((spec.data?.test ?? 0) > 0 ? 'test' : 'validation');
  const plots = usePlots();
  const pad = useRef<PadApi | null>(null);
  const [picture, setPicture] = useState<Picture | null>(null);
  const [dx, setDx] = useState(0);
  const [dy, setDy] = useState(0);
  const [invert, setInvert] = useState(false);
  const [examples, setExamples] = useState<{ pixels: Float32Array; names: string[] } | null>(null);
  const [selected, setSelected] = useState(-1);
  const [look, setLook] = useState<Look | null>(null);
  const [error, setError] = useState('');
  const [loadingExamples, setLoadingExamples] = useState(false);
  const scratch = useRef<{ handle: RunHandle; key: string } | null>(null);

  const prepared = useMemo(() => (picture ? preprocess(picture.rgba, picture.width, picture.height, style) : null), [picture, style]);
  const input = useMemo(() => {
    if (!prepared || prepared.empty) return null;
    const moved = dx || dy ? shiftPixels(prepared.pixels, dx, dy) : prepared.pixels;
    return invert ? invertPixels(moved) : moved;
  }, [prepared, dx, dy, invert]);

  // The demo's current run (its records re-read as they come), else the scratch model the test images came from.
  const run = ctx.current;
  const version = run?.version.value ?? 0;
  const phase = run?.phase.value;
  const handle = run?.handle ?? null;
  const step = run?.steps.at(-1)?.step ?? 0;
  const target = handle ?? scratch.current?.handle ?? null;
  const source = handle
    ? step > 0
      ? `the weights after ${step} step${step === 1 ? '' : 's'} of training (run “${run!.label}”)${phase === 'running' ? ', re-read as it trains' : ''}`
      : 'the run’s weights before its first step (random)'
    : 'random weights, before training';

  const latest = useRef({ input, target, source });
  latest.current = { input, target, source };
  const busy = useRef(false);
  const again = useRef(false);
  const probe = useMemo(
    () =>
      createThrottle(() => {
        const go = async () => {
          if (busy.current) {
            again.current = true;
            return;
          }
          const { input: pixels, target: handleNow, source: from } = latest.current;
          if (!pixels || !handleNow) {
            setLook(null);
            return;
          }
          busy.current = true;
          try {
            setLook({ probe: await handleNow.probePixels(pixels), source: from });
            setError('');
          } catch (e) {
            // A run released meanwhile (Reset, a new run) is not the reader's problem: the next probe reads the new one.
            if (latest.current.target === handleNow) setError(e instanceof Error ? e.message : String(e));
          } finally {
            busy.current = false;
            if (again.current) {
              again.current = false;
              probe.request();
            }
          }
        };
        void go();
      }, PROBE_MS),
    [],
  );
  useEffect(() => probe.request(), [input, target, version]);
  useEffect(
    () => () => {
      probe.cancel();
      scratch.current?.handle.dispose();
    },
    [],
  );

  /** The handle to fetch test images from: the run's, else a scratch model of the current settings. */
  function examplesHandle(): RunHandle {
    if (handle) return handle;
    const key = JSON.stringify(spec);
    if (scratch.current?.key !== key) {
      scratch.current?.handle.dispose();
      scratch.current = { handle: ctx.store.scratch(ctx.demoId, spec), key };
    }
    return scratch.current.handle;
  }

  async function loadExamples() {
    setLoadingExamples(true);
    setError('');
    try {
      const n = Math.min(options.count ?? 8, (split === 'test' ? spec.data?.test : spec.data?.validation) ?? 0);
      if (n === 0) throw new Error(`this demo has no ${split} images to start from`);
      const ex = await examplesHandle().examples(split, [...Array(n).keys()]);
      setExamples({ pixels: ex.pixels, names: Array.from(ex.classIds, (c) => classNames[c] ?? String(c)) });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoadingExamples(false);
    }
  }

  function pick(i: number) {
    if (!examples) return;
    setSelected(i);
    pad.current?.showImage(examples.pixels.subarray(i * 784, (i + 1) * 784), `${split} image ${i + 1} (${examples.names[i]})`);
  }

  const isCnn = spec.model?.kind === 'layers' && (spec.model.layers as { type: string }[]).some((l) => l.type === 'conv2d');
  const stack = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (isCnn && stack.current && plots && look)
      stack.current.replaceChildren(plots.featureMapStack(mapLayers(spec, look.probe), { document }));
  }, [look, plots]);

  const title = options.title ?? 'Your own picture';
  const edits = editSteps(dx, dy, invert);
  return (
    <section class="lc-figure lc-own" aria-label={title}>
      <div class="lc-figure__bar">
        <h4 class="lc-figure__title">{title}</h4>
      </div>
      {options.prompt && <p class="lc-own__prompt">{options.prompt}</p>}
      <div class="lc-own__grid">
        <div class="lc-own__source">
          <Pad api={pad} onPicture={setPicture} />
          <div class="lc-own__examples">
            {!examples && (
              <button type="button" class="lc-button" disabled={loadingExamples} onClick={() => void loadExamples()}>
                {loadingExamples ? 'Loading test images…' : 'Start from a test image'}
              </button>
            )}
            {examples && (
              <Thumbs
                pixels={examples.pixels}
                names={examples.names}
                selected={selected}
                onSelect={pick}
                label={`Start from a ${split} image`}
              />
            )}
          </div>
        </div>
        <div class="lc-own__result">
          <NetworkInput pixels={input} />
          <fieldset class="lc-own__edits">
            <legend>Move or invert what the network sees</legend>
            <Range
              label="Right"
              unit="px"
              min={-maxShift}
              max={maxShift}
              value={dx}
              onValue={setDx}
              valueText={(v) => (v === 0 ? 'not moved' : `${Math.abs(v)} px ${v > 0 ? 'right' : 'left'}`)}
            />
            <Range
              label="Down"
              unit="px"
              min={-maxShift}
              max={maxShift}
              value={dy}
              onValue={setDy}
              valueText={(v) => (v === 0 ? 'not moved' : `${Math.abs(v)} px ${v > 0 ? 'down' : 'up'}`)}
            />
            <label class="lc-own__check">
              <input type="checkbox" checked={invert} onChange={(e) => setInvert(e.currentTarget.checked)} /> Invert
            </label>
          </fieldset>
          {prepared && (
            <div class="lc-own__steps">
              <p>What was done to {picture?.origin ?? 'the picture'}:</p>
              <ol>
                {[...prepared.steps, ...(prepared.empty ? [] : edits)].map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ol>
            </div>
          )}
        </div>
      </div>
      <p class="lc-own__status" data-own-status>
        {!input
          ? ''
          : look
            ? predictionText(look.probe.probabilities, labelNames, look.source)
            : target
              ? 'Running your picture through the network…'
              : 'Train the network above to see what it makes of your picture: the probabilities come from its weights and change as it learns.'}
      </p>
      <FieldError message={error} />
      {look && input && plots && (
        <>
          <ChartFigure
            title="Probabilities for your picture"
            filename={ctx.file('own-image')}
            table={() => plots.probabilityBarsTable(look.probe.probabilities, labelNames, null)}
            build={(p, document, width) =>
              p.probabilityBars(look.probe.probabilities, { document, width, classNames: labelNames, trueLabel: null })
            }
          />
          {isCnn && (
            <details class="lc-own__maps">
              <summary>Feature maps of your picture</summary>
              <div class="lc-own__stack" ref={stack} />
            </details>
          )}
        </>
      )}
    </section>
  );
}

export const view: ViewDef<OwnImageOptions> = {
  name: 'ownImage',
  Component: OwnImage,
};
