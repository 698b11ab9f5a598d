/** A fresh jsdom document for chart builders (they take `document` explicitly, so no global DOM is needed). */
import { JSDOM } from 'jsdom';
import type { RunSeries } from '../../../src/components/charts/series';

export function newDocument(): Document {
  return new JSDOM('<!doctype html><html><body></body></html>').window.document;
}

/** A run with train cost at steps 1..n (falling from `start`) and validation cost every `every` steps. */
export function makeRun(id: string, label: string, current: boolean, n = 10, start = 1, every = 5): RunSeries {
  const points: RunSeries['points'] = [];
  for (let s = 1; s <= n; s++) {
    points.push({ step: s, epoch: s / n, metric: 'train cost', value: start / s });
    points.push({ step: s, epoch: s / n, metric: 'train accuracy', value: 1 - 0.5 / s });
    if (s % every === 0) points.push({ step: s, epoch: s / n, metric: 'validation cost', value: start / s + 0.1 });
  }
  return { id, label, current, points };
}

/** The chart's own SVG: `root` itself, or the SVG child of Plot's figure (legend + SVG). */
export function chartSvg(root: Element): Element {
  if (root.tagName.toLowerCase() === 'svg') return root;
  const svg = root.querySelector(':scope > svg');
  if (!svg) throw new Error(`no chart SVG in <${root.tagName.toLowerCase()}>`);
  return svg;
}

/**
 * The aria-labels of the chart SVG's top-level groups that are marks ("line", "dot", "bar", "rule", "text",
 * "cell", "tip"…), leaving out axes and grids: what a chart draws besides its frame.
 */
export function markGroups(root: Element): string[] {
  return Array.from(chartSvg(root).children)
    .filter((c) => c.tagName.toLowerCase() === 'g')
    .map((g) => g.getAttribute('aria-label') ?? '(unlabelled group)')
    .filter((l) => !/axis|grid/.test(l));
}

/** The texts of one axis part, e.g. `axisTexts(svg, 'y-axis tick label')`. */
export function axisTexts(root: Element, part: string): string[] {
  return Array.from(chartSvg(root).querySelectorAll(`g[aria-label="${part}"] text`)).map((t) => t.textContent ?? '');
}

/**
 * Every attribute and text in `root` that spells NaN, Infinity or undefined, as `tag[attr]="value"` or
 * `tag "text"`: [] for a chart that drew only finite numbers.
 */
export function nonFinite(root: Element): string[] {
  const bad = /NaN|Infinity|undefined/;
  const out: string[] = [];
  for (const el of [root, ...Array.from(root.querySelectorAll('*'))]) {
    const tag = el.tagName.toLowerCase();
    for (const a of Array.from(el.attributes)) if (bad.test(a.value)) out.push(`${tag}[${a.name}]="${a.value}"`);
    for (const n of Array.from(el.childNodes)) if (n.nodeType === 3 && bad.test(n.textContent ?? '')) out.push(`${tag} "${n.textContent}"`);
  }
  return out;
}
