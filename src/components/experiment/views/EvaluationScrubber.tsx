/**
 * A slider over a run's evaluations, for views that show one evaluation at a time (per-example probabilities,
 * temperature scaling). Moving it back to the newest evaluation follows the run again (`onChoose(null)`).
 * Shown only when there is more than one evaluation to choose from.
 */
export function EvaluationScrubber({
  count,
  at,
  text,
  onChoose,
}: {
  count: number;
  at: number;
  text: string;
  onChoose: (index: number | null) => void;
}) {
  if (count <= 1) return null;
  return (
    <label class="lc-inline lc-scrub">
      Evaluation
      <input
        type="range"
        min={0}
        max={count - 1}
        step={1}
        value={at}
        aria-valuetext={text}
        onInput={(e) => {
          const v = Number((e.currentTarget as HTMLInputElement).value);
          onChoose(v === count - 1 ? null : v);
        }}
      />
      <output>{text}</output>
    </label>
  );
}
