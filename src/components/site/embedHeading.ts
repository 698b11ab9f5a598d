/**
 * The embed page's heading and the instructor's task. The heading names the settings the demo runs with (a
 * shared link's, then the reader's as they change them); a link's `?task=…` shows above the demo as plain text
 * (textContent: never HTML). The server renders the demo's own title and a hidden, empty task.
 */
import { applyOverrides, readDemoState } from '../experiment/controls/hash';
import type { SpecInput } from '../experiment/controls/types';
import { readTask } from '../experiment/embed';
import { settingsTitle } from '../experiment/settingsTitle';

/** How often the heading looks at the URL hash, which a demo rewrites with history.replaceState (no event), in ms. */
const FOLLOW_MS = 1000;

/** The heading for `hash`: the demo's title with the settings of its part of the hash. */
export function headingFor(id: string, title: string, spec: SpecInput | null, hash: string): string {
  if (!spec) return title;
  try {
    return settingsTitle(title, spec, applyOverrides(spec, readDemoState(hash, id) ?? {}));
  } catch {
    return title;
  }
}

/**
 * Wires the page's `<h1 data-embed-id data-embed-title [data-embed-spec]>` to the URL, and fills
 * `[data-embed-task]` (its last child gets the text) from `?task=`. Returns a function that stops following.
 */
export function followHeading(doc: Document = document, win: Window = window): () => void {
  const task = readTask(win.location.search);
  const taskBox = doc.querySelector<HTMLElement>('[data-embed-task]');
  if (taskBox && task) {
    (taskBox.lastElementChild ?? taskBox).textContent = task;
    taskBox.hidden = false;
  }
  const h1 = doc.querySelector<HTMLElement>('h1[data-embed-id]');
  if (!h1) return () => {};
  const id = h1.dataset.embedId ?? '';
  const title = h1.dataset.embedTitle ?? h1.textContent ?? '';
  let spec: SpecInput | null = null;
  try {
    spec = h1.dataset.embedSpec ? (JSON.parse(h1.dataset.embedSpec) as SpecInput) : null;
  } catch {
    spec = null;
  }
  let last = '';
  const look = () => {
    const heading = headingFor(id, title, spec, win.location.hash);
    if (heading === last) return;
    last = heading;
    h1.textContent = heading;
    doc.title = `${heading} · Learning Curves`;
  };
  look();
  if (!spec) return () => {};
  const timer = win.setInterval(look, FOLLOW_MS);
  win.addEventListener('hashchange', look);
  return () => {
    win.clearInterval(timer);
    win.removeEventListener('hashchange', look);
  };
}
