/**
 * An embed page in an iframe tells its parent how tall it is, on load and whenever that changes (a run draws its
 * charts, a table opens), so that the instructor's snippet can size the iframe to fit (see experiment/embed.ts).
 * The height is no secret: any parent may hear it; the snippet takes it only from the book's origin.
 */
import { HEIGHT_MESSAGE } from '../experiment/embed';

/** The page's content height in CSS pixels (not the viewport's: an iframe taller than its page must shrink). */
export function contentHeight(doc: Document = document): number {
  return Math.ceil(doc.documentElement.getBoundingClientRect().height);
}

/** Posts the height to `parent` now and after every change; returns a function that stops. No-op outside a frame. */
export function postHeightToParent(win: Window = window): () => void {
  if (win.parent === win || typeof ResizeObserver === 'undefined') return () => {};
  let last = -1;
  const post = () => {
    const height = contentHeight(win.document);
    if (height === last) return;
    last = height;
    win.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
  };
  const observer = new ResizeObserver(post);
  observer.observe(win.document.documentElement);
  win.addEventListener('load', post);
  post();
  return () => {
    observer.disconnect();
    win.removeEventListener('load', post);
  };
}
