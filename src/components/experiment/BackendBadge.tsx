/**
 * The backend badge beside the status line ("WebGL"): a button that opens a short note in plain words on where
 * the runs are computed and why, by mouse, touch or keyboard (a hover `title` alone reaches none of a phone, a
 * keyboard or a screen reader).
 */
import { useId, useState } from 'preact/hooks';
import type { BackendInfo } from '../../engine/backend';
import { backendLabel, backendNote } from './backendNote';

export function BackendBadge({ info }: { info: BackendInfo | null }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  if (!info) return null;
  const label = backendLabel(info);
  const note = backendNote(info);
  return (
    <>
      <button
        type="button"
        class={`lc-badge lc-badge--${info.name}`}
        aria-expanded={open}
        aria-controls={`${id}-about`}
        aria-label={`${label}${info.fallbackAdapter ? ' · software fallback' : ''}: where training runs`}
        title={`${info.reason}. Adapter: ${info.adapter}`}
        onClick={() => setOpen(!open)}
      >
        {label}
        {info.fallbackAdapter && <span class="lc-badge__note"> · software fallback</span>}
      </button>
      <div id={`${id}-about`} class="lc-badge__about" role="note" hidden={!open}>
        {note.sentences.map((s) => (
          <p>{s}</p>
        ))}
        <p class="lc-badge__detail">Technical detail: {note.detail}</p>
      </div>
    </>
  );
}
