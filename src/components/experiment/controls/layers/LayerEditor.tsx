/**
 * The `layers` control: the model's layer stack as an ordered list the reader edits block by block — add,
 * remove, move, change each field — with the live parameter table beside it (under it on a phone). Every
 * change is emitted in the codec's canonical form, so the URL hash can always hold it. Spec issues appear on
 * the row (and field) they are about; focus stays with the layer that moved, or on the next one after a remove.
 */
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { FieldError } from '../../FieldError';
import { loadValidator, validator } from '../../validation';
import { ParamTable } from '../../views/ParamTable';
import { Field } from '../Field';
import type { ControlProps } from '../types';
import { canonicalLayer, decodeLayers, type LayerInput } from './codec';
import { Icon, LayerRow } from './LayerRow';
import { BLOCKS, shortOf, describeLayer, insertIndex, moveItem, newLayer, stackIssues, type BlockType } from './stack';

type Props = ControlProps<LayerInput[]>;

export function LayerEditor(props: Props) {
  // Rows show every field with its default filled in (a convolution's stride 1, valid padding).
  return Array.isArray(props.value) ? <StackEditor {...props} layers={props.value.map(canonicalLayer)} /> : <StackText {...props} />;
}

/** A value that is not a list (text from an older link): edit it in the compact form until it reads as one. */
function StackText({ def, value, error, onChange }: Props) {
  const parse = (t: string) => {
    const d = decodeLayers(t);
    return d.ok ? d.value : t;
  };
  return (
    <Field
      label={def.label}
      inputMode="text"
      width="100%"
      value={String(value ?? '')}
      parse={parse}
      error={error}
      hint="e.g. c32k3-max2-flat-d10softmax"
      onInput={(t) => onChange(parse(t))}
    />
  );
}

/** Where focus goes once the edited stack has rendered: the first of `targets` (selectors) that can take it. */
interface FocusRequest {
  rowId: string | null;
  targets: string[];
  /** Until when (performance.now()) the request holds: the change may never arrive. */
  until: number;
  /** Focus has landed: from then on it is put back only if a later render drops it (to the body). */
  landed?: boolean;
}

/** How long after an edit focus is kept on its target through further renders (the validator arriving, say). */
const FOCUS_HOLD_MS = 1500;

function StackEditor({ def, layers, error, onChange, spec }: Props & { layers: LayerInput[] }) {
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const nextId = useRef(0);
  const ids = useRef<string[]>([]);
  // The stack this editor last emitted, until it comes back as `layers`: two edits in quick succession (a field, then
  // a menu, before the page has rendered the first) must build on each other, not both on the older stack.
  const pending = useRef<LayerInput[] | null>(null);
  const same = (a: LayerInput[], b: LayerInput[]) => JSON.stringify(a) === JSON.stringify(b);
  if (pending.current && same(pending.current, layers)) pending.current = null;
  // Rows keep their ids across edits made here; a stack replaced from outside (reset, link) gets new ones.
  if (ids.current.length !== layers.length && !pending.current) ids.current = layers.map(() => `layer-${nextId.current++}`);
  /** The stack edits build on: the one just emitted if it has not come back yet, else the one shown. */
  const current = () => pending.current ?? layers;
  const focus = useRef<FocusRequest | null>(null);
  const [said, setSaid] = useState('');

  // A row that moves is taken out of the DOM and put back, which drops focus to the body; so may a render soon after
  // (the validator arriving on a slow machine). Each render within the hold puts focus back on the target, unless the
  // reader has since moved it somewhere (it is then not on the body).
  useEffect(() => {
    const request = focus.current;
    if (!request || !root.current) return;
    if (performance.now() > request.until) {
      focus.current = null;
      return;
    }
    if (request.landed && document.activeElement && document.activeElement !== document.body) return;
    const scope = request.rowId ? root.current.querySelector(`[data-row="${request.rowId}"]`) : root.current;
    for (const selector of request.targets) {
      const el = scope?.querySelector<HTMLElement>(selector);
      if (el && !(el as HTMLButtonElement).disabled) {
        el.focus();
        request.landed = true;
        return;
      }
    }
  });

  // The spec's messages need the validator (zod), loaded on the first edit (here or from a link: state.ts loads it
  // for any override); until then the authored stack is trusted (a unit test validates every demo's).
  const v = validator.value;
  const issues = v ? stackIssues(spec, v) : { rows: {}, general: [] };
  const commit = (next: LayerInput[], nextIds: string[], request?: Pick<FocusRequest, 'rowId' | 'targets'>, message?: string) => {
    void loadValidator();
    ids.current = nextIds;
    focus.current = request ? { ...request, until: performance.now() + FOCUS_HOLD_MS } : null;
    if (message) setSaid(message);
    pending.current = next.map(canonicalLayer);
    onChange(pending.current);
  };

  const setField = (i: number, name: string, value: unknown) =>
    commit(
      current().map((l, j) => (j === i ? { ...l, [name]: value } : l)),
      ids.current,
    );

  const move = (from: number, to: number) => {
    const layers = current();
    const rowId = ids.current[from];
    const first = to < from ? '[data-action="up"]' : '[data-action="down"]';
    const other = to < from ? '[data-action="down"]' : '[data-action="up"]';
    commit(
      moveItem(layers, from, to),
      moveItem(ids.current, from, to),
      { rowId, targets: [first, other] },
      `Moved layer ${from + 1} (${describeLayer(layers[from])}) to position ${to + 1}.`,
    );
  };

  const remove = (i: number) => {
    const layers = current();
    const next = layers.filter((_, j) => j !== i);
    const nextIds = ids.current.filter((_, j) => j !== i);
    // The layer that takes its place (or the one before, at the end), so removing a block is Enter, Enter.
    const rowId = nextIds[Math.min(i, nextIds.length - 1)] ?? null;
    const targets = rowId ? ['[data-action="remove"]'] : ['.lc-layers__add button'];
    commit(next, nextIds, { rowId, targets }, `Removed layer ${i + 1} (${describeLayer(layers[i])}).`);
  };

  const add = (type: BlockType) => {
    const layers = current();
    const at = insertIndex(layers, type);
    const layer = newLayer(type, layers, at);
    const rowId = `layer-${nextId.current++}`;
    const next = [...layers.slice(0, at), layer, ...layers.slice(at)];
    const nextIds = [...ids.current.slice(0, at), rowId, ...ids.current.slice(at)];
    commit(
      next,
      nextIds,
      { rowId, targets: ['input, select', '[data-action="remove"]'] },
      `Added layer ${at + 1}: ${describeLayer(layer)}.`,
    );
  };

  const shown = new Set([...issues.general, ...Object.values(issues.rows).flatMap((r) => [...r.row, ...Object.values(r.fields)])]);
  const general = error && !shown.has(error) ? [...issues.general, error] : issues.general;

  return (
    <div class="lc-layers" ref={root}>
      <div class="lc-layers__stack">
        <p class="lc-layers__label" id={`${id}-label`}>
          {def.label} <span class="lc-layers__hint">(from input to output)</span>
        </p>
        <ol class="lc-layers__list" aria-labelledby={`${id}-label`}>
          {layers.map((layer, i) => (
            <LayerRow
              key={ids.current[i]}
              rowId={ids.current[i]}
              layer={layer}
              index={i}
              count={layers.length}
              issues={issues.rows[i]}
              onField={(name, value) => setField(i, name, value)}
              onMove={(to) => move(i, to)}
              onRemove={() => remove(i)}
            />
          ))}
        </ol>
        {general.length > 0 && (
          <div class="lc-layers__problems">
            {general.map((m) => (
              <FieldError message={m} />
            ))}
          </div>
        )}
        <div class="lc-layers__add" role="group" aria-labelledby={`${id}-add`}>
          <span id={`${id}-add`} class="lc-layers__add-label">
            Add a layer
          </span>
          {BLOCKS.map((type) => (
            <button
              type="button"
              class="lc-button lc-layers__add-button"
              aria-label={`Add ${shortOf(type).toLowerCase()} layer`}
              onClick={() => add(type)}
            >
              <Icon name="add" />
              {shortOf(type)}
            </button>
          ))}
        </div>
        <p class="sr-only" aria-live="polite">
          {said}
        </p>
      </div>
      <div class="lc-layers__table">
        <ParamTable spec={spec} compact empty="Fix the marked layer to see the shapes and parameter counts." />
      </div>
    </div>
  );
}
