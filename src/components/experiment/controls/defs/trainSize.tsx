/** Training-set size: more data is often what closes the gap between training and validation. */
import { SPLIT_SIZES } from '../../../../engine/spec/vocabulary';
import { Field } from '../Field';
import { decodeNumber, numberOrText } from '../codec';
import type { ControlDef, ControlProps } from '../types';

function TrainSize({ def, value, error, onChange, options }: ControlProps<number>) {
  const min = (options.min as number | undefined) ?? 10;
  const max = (options.max as number | undefined) ?? SPLIT_SIZES.train;
  const n = typeof value === 'number' ? value : min;
  // A log slider: from a few dozen to thousands of images in one sweep of the thumb.
  const toSlider = (v: number) => Math.log10(Math.min(max, Math.max(min, v)));
  return (
    <Field label={def.label} inputMode="numeric" value={String(value ?? '')} error={error} onInput={(t) => onChange(numberOrText(t))}>
      <input
        type="range"
        class="lc-lr__slider"
        aria-label={`${def.label} (logarithmic slider)`}
        min={Math.log10(min)}
        max={Math.log10(max)}
        step={0.01}
        value={toSlider(n)}
        aria-valuetext={String(n)}
        onInput={(e) => onChange(Math.round(10 ** Number((e.currentTarget as HTMLInputElement).value)))}
      />
    </Field>
  );
}

export const control: ControlDef<number> = {
  name: 'trainSize',
  order: 70,
  key: 'train',
  label: 'Training images',
  noun: 'training set size',
  short: 'train',
  rule: { whole: true, min: 1, max: SPLIT_SIZES.train },
  paths: () => ['data.train', 'data.counts', 'data.validation', 'record.trainEval'],
  read: (spec) => spec.data?.train,
  apply: (spec, value) => {
    if (value === spec.data?.train) return;
    const data = { ...spec.data, train: value as number };
    // Exact class counts must add up to the training set size: keep their proportion.
    const c = data.counts;
    if (c && c.positive + c.negative > 0 && typeof value === 'number' && Number.isInteger(value) && value > 0) {
      const positive = Math.round((value * c.positive) / (c.positive + c.negative));
      data.counts = { positive, negative: value - positive };
    }
    spec.data = data;
    // The training subset evaluated like validation cannot be larger than the training set itself.
    const trainEval = spec.record?.trainEval;
    if (typeof value === 'number' && Number.isInteger(value) && value > 0 && trainEval !== undefined && trainEval > value)
      spec.record = { ...spec.record, trainEval: value };
  },
  encode: String,
  decode: decodeNumber('training set size'),
  Component: TrainSize,
};
