/** One row of the layer stack: its number and type, move and remove buttons, its fields, and its problems. */
import { useId } from 'preact/hooks';
import { FieldError } from '../../FieldError';
import type { LayerInput } from './codec';
import { LayerFields } from './LayerFields';
import { describeLayer, titleOf, type RowIssues } from './stack';

const ICONS = {
  up: 'M4 10l4-4 4 4',
  down: 'M4 6l4 4 4-4',
  remove: 'M4.5 4.5l7 7M11.5 4.5l-7 7',
  add: 'M8 3.5v9M3.5 8h9',
} as const;

export function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg class="lc-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={ICONS[name]} fill="none" stroke="currentColor" stroke-width="1.75" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

interface LayerRowProps {
  layer: LayerInput;
  index: number;
  count: number;
  /** Stable across moves, so the row (and what the reader is typing in it) moves with its layer. */
  rowId: string;
  issues?: RowIssues;
  onField(name: string, value: unknown): void;
  onMove(to: number): void;
  onRemove(): void;
}

export function LayerRow({ layer, index, count, rowId, issues, onField, onMove, onRemove }: LayerRowProps) {
  const n = index + 1;
  const id = useId();
  const problems = issues?.row ?? [];
  const invalid = problems.length > 0 || Object.keys(issues?.fields ?? {}).length > 0;
  return (
    <li class={`lc-layer${invalid ? ' lc-layer--invalid' : ''}`} data-row={rowId} data-type={layer.type}>
      <div
        class="lc-layer__box"
        role="group"
        aria-labelledby={`${id}-title`}
        aria-describedby={problems.length ? `${id}-problems` : undefined}
      >
        <p class="lc-layer__title" id={`${id}-title`} tabIndex={-1}>
          <span class="lc-layer__n" aria-hidden="true">
            {n}
          </span>
          <span class="sr-only">Layer {n}: </span>
          {titleOf(layer.type)}
        </p>
        <div class="lc-layer__actions">
          <button
            type="button"
            class="lc-icon-button"
            data-action="up"
            aria-label={`Move layer ${n} up`}
            title="Move up"
            disabled={index === 0}
            onClick={() => onMove(index - 1)}
          >
            <Icon name="up" />
          </button>
          <button
            type="button"
            class="lc-icon-button"
            data-action="down"
            aria-label={`Move layer ${n} down`}
            title="Move down"
            disabled={index === count - 1}
            onClick={() => onMove(index + 1)}
          >
            <Icon name="down" />
          </button>
          <button
            type="button"
            class="lc-icon-button"
            data-action="remove"
            aria-label={`Remove layer ${n} (${describeLayer(layer)})`}
            title="Remove"
            onClick={onRemove}
          >
            <Icon name="remove" />
          </button>
        </div>
        <LayerFields layer={layer} errors={issues?.fields ?? {}} onField={onField} />
        {problems.length > 0 && (
          <div id={`${id}-problems`} class="lc-layer__problems">
            {problems.map((m) => (
              <FieldError message={m} />
            ))}
          </div>
        )}
      </div>
    </li>
  );
}
