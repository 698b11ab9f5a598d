/** A labelled text field that keeps whatever the reader typed and shows its problem right beside it. */
import { useContext, useEffect, useId, useState } from 'preact/hooks';
import type { ComponentChildren } from 'preact';
import { numberOrText } from './codec';
import { FieldError } from '../FieldError';
import { LiveContext } from '../live';

interface FieldProps {
  label: string;
  /** Canonical text of the current value; replaces the draft when it changes from outside (presets, reset). */
  value: string;
  error?: string;
  hint?: string;
  inputMode?: 'decimal' | 'numeric' | 'text';
  width?: string;
  /** Shown in an empty field, e.g. the value an empty optional field stands for. */
  placeholder?: string;
  onInput: (text: string) => void;
  /** How the text is read; the draft is only replaced when it means something else than `value`. */
  parse?: (text: string) => unknown;
  children?: ComponentChildren;
}

export function Field({
  label,
  value,
  error,
  hint,
  inputMode = 'decimal',
  width = '7em',
  placeholder,
  onInput,
  parse = numberOrText,
  children,
}: FieldProps) {
  const id = useId();
  // Focusable but not editable while the island loads: what a reader typed then would be lost.
  const live = useContext(LiveContext);
  const [draft, setDraft] = useState(value);
  // Keep "0.0" while the reader is on the way to "0.05"; take outside changes (presets, slider, reset).
  useEffect(() => {
    setDraft((d) => (JSON.stringify(parse(d)) === JSON.stringify(parse(value)) ? d : value));
  }, [value]);
  const describedBy = [error ? `${id}-error` : '', hint ? `${id}-hint` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class="lc-field">
      <label for={id}>{label}</label>
      <div class="lc-field__row">
        <input
          id={id}
          type="text"
          inputMode={inputMode}
          spellcheck={false}
          autocomplete="off"
          value={draft}
          placeholder={placeholder}
          readOnly={!live}
          style={{ width }}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy}
          onInput={(e) => {
            const text = (e.currentTarget as HTMLInputElement).value;
            setDraft(text);
            onInput(text);
          }}
        />
        {children}
      </div>
      {hint && !error && (
        <p id={`${id}-hint`} class="lc-field__hint">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

/** Parses "[784, 7, 1]" (brackets optional, commas or spaces); raw text when it is not a list of numbers. */
export function sizesOrText(text: string): number[] | string {
  const parts = text
    .replace(/[[\]]/g, ' ')
    .split(/[\s,]+/)
    .filter(Boolean);
  const nums = parts.map(Number);
  return parts.length && nums.every((n) => !Number.isNaN(n)) ? nums : text;
}
