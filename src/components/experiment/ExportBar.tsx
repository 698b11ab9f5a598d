/** Sharing: copy as Keras code, copy a link that restores this demo, and an embed snippet for course pages. */
import { useState } from 'preact/hooks';
import { copyText } from './download';
import { siteHref } from '../site/base';
import type { DemoState } from './state';
import { loadValidator } from './validation';

/** The demo's embed page; absolute (with origin) for the iframe snippet, relative for links. */
export function embedUrl(id: string, hash = '', origin = ''): string {
  return `${origin}${siteHref(`embed/${id}/`)}${hash}`;
}

export function ExportBar({ state }: { state: DemoState }) {
  const [said, setSaid] = useState('');
  const id = state.config.id;
  /** The Keras script of the current settings (validator and exporter load on the click). */
  const keras = async () => {
    const [v, k] = await Promise.all([loadValidator(), import('../../engine/spec/keras')]);
    const r = v.parseSpec(state.spec.value);
    if (r.ok) await copy('Keras code', k.toKeras(r.spec));
    else setSaid(`Fix the settings first: ${r.issues[0].message}.`);
  };
  const copy = async (what: string, text: string) => {
    await copyText(text);
    setSaid(`${what} copied to the clipboard.`);
  };
  // Rendered on the server too (embed pages hydrate at once): no `location` there.
  const hash = () => (typeof location === 'undefined' ? '' : location.hash);
  return (
    <div class="lc-export">
      <button type="button" class="lc-link" disabled={state.invalid.value} onClick={() => void keras()}>
        Copy as Keras code
      </button>
      <button type="button" class="lc-link" onClick={() => void copy('Link', location.href)}>
        Copy link
      </button>
      <button
        type="button"
        class="lc-link"
        onClick={() =>
          void copy('Embed code', `<iframe src="${embedUrl(id, hash(), location.origin)}" title="${state.config.title}" width="100%" height="720" style="border:0" loading="lazy"></iframe>`)
        }
      >
        Copy embed code
      </button>
      <a class="lc-link" href={embedUrl(id, hash())}>
        Open alone
      </a>
      <span class="lc-export__id">
        id <code>{id}</code>
      </span>
      <p class="lc-export__said" role="status" aria-live="polite">
        {said}
      </p>
    </div>
  );
}
