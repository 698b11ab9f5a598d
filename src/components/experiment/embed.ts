/**
 * Embedding a demo in a course page: the embed page's URL, the `<iframe>` snippet with its tiny resizing script,
 * the message the embed page sends its parent, and the optional task prompt a link may carry. Pure: no DOM.
 */
import { siteHref } from '../site/base';

/** `type` of the message an embed page posts to its parent window with its document height. */
export const HEIGHT_MESSAGE = 'learning-curves:height';

/** The query parameter of an embed link that carries a task prompt, shown as plain text above the demo. */
export const TASK_PARAM = 'task';

/** Longest task prompt shown, in characters (a link is no place for an essay). */
export const TASK_MAX = 600;

/** The page height an iframe may take from a message, in CSS pixels: anything outside is ignored. */
export const HEIGHT_RANGE = { min: 100, max: 20_000 } as const;

/** The embed page's chrome around the demo itself (heading, description, task, source line, padding), in px. */
export const EMBED_CHROME_PX = 220;

/** The demo's embed page; absolute (with origin) for the iframe snippet, relative for links. */
export function embedUrl(id: string, hash = '', origin = '', task = ''): string {
  const query = task ? `?${TASK_PARAM}=${encodeURIComponent(task)}` : '';
  return `${origin}${siteHref(`embed/${encodeURIComponent(id)}/`)}${query}${hash}`;
}

/** The task prompt of a URL's query string (`?task=…`): trimmed, at most TASK_MAX characters, '' when absent. */
export function readTask(search: string): string {
  let task: string | null;
  try {
    task = new URLSearchParams(String(search ?? '')).get(TASK_PARAM);
  } catch {
    return '';
  }
  const text = (task ?? '').replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '').trim();
  return text.length > TASK_MAX ? `${text.slice(0, TASK_MAX - 1)}…` : text;
}

/**
 * The iframe's `height` attribute for when the resizing script cannot run (a course page that strips scripts):
 * the demo's own height on the page it was copied from plus the embed page's chrome, rounded up to 50 px.
 */
export function fallbackHeight(demoPx: number): number {
  const px = Number.isFinite(demoPx) && demoPx > 0 ? demoPx : 760;
  return Math.min(4000, Math.max(480, Math.ceil((px + EMBED_CHROME_PX) / 50) * 50));
}

/** A height taken from a message, or null when it is not a plausible page height. */
export function acceptedHeight(value: unknown): number | null {
  const h = Math.ceil(Number(value));
  return Number.isFinite(h) && h >= HEIGHT_RANGE.min && h <= HEIGHT_RANGE.max ? h : null;
}

/** Text for an HTML attribute: escaped, and ASCII only (character references), whatever the host page's encoding. */
const escapeAttr = (text: string) =>
  text
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[^\x20-\x7e]/gu, (c) => `&#x${c.codePointAt(0)!.toString(16)};`);

/** A JavaScript string literal that is also safe inside an HTML <script> element. */
const scriptString = (text: string) =>
  JSON.stringify(text)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/**
 * The script that goes after the iframe on the instructor's page: it takes a height only from a message whose
 * origin is the book's and whose sender is one of the book's iframes on that page (each iframe gets its own
 * height), and only a plausible one. Plain ES5, no dependencies: it runs on whatever page the course uses.
 */
export function resizeScript(origin: string): string {
  return [
    '(function(){',
    `var o=${scriptString(origin)};`,
    'addEventListener("message",function(e){',
    'var d=e.data;',
    `if(e.origin!==o||!d||d.type!==${scriptString(HEIGHT_MESSAGE)})return;`,
    'var h=Math.ceil(Number(d.height));',
    `if(!(h>=${HEIGHT_RANGE.min}&&h<=${HEIGHT_RANGE.max}))return;`,
    'var f=document.querySelectorAll("iframe[data-learning-curves]");',
    'for(var i=0;i<f.length;i++)if(f[i].contentWindow===e.source)f[i].style.height=h+"px";',
    '});',
    '})();',
  ].join('');
}

export interface SnippetOptions {
  /** The embed page's absolute URL. */
  src: string;
  /** The iframe's accessible name. */
  title: string;
  /** The book's origin, e.g. "https://book.example": the only origin whose height messages are taken. */
  origin: string;
  /** The `height` attribute (px) used until, or unless, the script resizes the iframe. */
  height: number;
}

/** The `<iframe>` and its resizing `<script>`, ready to paste into a course page. */
export function embedSnippet({ src, title, origin, height }: SnippetOptions): string {
  const h = Math.round(Number.isFinite(height) && height > 0 ? height : fallbackHeight(0));
  const iframe = `<iframe src="${escapeAttr(src)}" title="${escapeAttr(title)}" width="100%" height="${h}" style="border:0;width:100%" loading="lazy" data-learning-curves></iframe>`;
  return `${iframe}\n<script>${resizeScript(origin)}</script>`;
}
