/**
 * The book's chapter and embed pages as the fuzzed-links tests see them, derived from the sources (no built
 * `dist/` needed): the embed route's `getStaticPaths` (src/pages/embed/[demo].astro: one page per demo, sweep and
 * gallery, a gallery's page showing the demos it compares) and each chapter's MDX (the islands it places, in
 * order, and the demo configs it imports from src/demos/).
 *
 * A page's `targets` are its demos with controls, in page order: exactly what tests/e2e/fuzz-urls.spec.ts reads
 * from the built HTML (the `section.lc-experiment` that holds a `fieldset.lc-live`, i.e. every `Experiment`, a
 * `DemoPicker`'s variants included). `pageCases` draws the same seeded links as that spec does.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { allDemos, allGalleries, allSweeps } from '../../../src/demos';
import type { DemoConfig, GalleryConfig, SweepConfig } from '../../../src/components/experiment/types';
import type { DemoPickerConfig } from '../../../src/components/widgets/demo-picker/DemoPicker';
import { fuzzCases, type FuzzCase } from '../../e2e/fuzz-hash';

/** Links per route, and the first route's seed, as in tests/e2e/fuzz-urls.spec.ts. */
export const PER_ROUTE = 10;
export const FIRST_SEED = 1300;

/** One island of a page that reads (or may read) the URL hash. */
export type Island =
  | { kind: 'experiment'; config: DemoConfig }
  | { kind: 'picker'; config: DemoPickerConfig }
  | { kind: 'sweep'; config: SweepConfig }
  | { kind: 'gallery'; config: GalleryConfig };

export interface FuzzPage {
  route: string;
  /** Demo ids with controls, in page order. */
  targets: string[];
  /** The other demo ids fuzzCases may name, as the browser test passes them (its targets on an embed page, none on a chapter). */
  others: string[];
  /** For each target, the island that shows it on this page (a picker for a variant behind a row of choices). */
  islandOf: Map<string, Island>;
  /** The page's islands, in order. */
  islands: Island[];
}

const CHAPTERS = 'src/content/docs/chapters';

/** Every module under src/demos/, by its path from the repository root without extension ("src/demos/pooling"). */
const demoModules: Record<string, Record<string, unknown>> = Object.fromEntries(
  Object.entries(import.meta.glob<Record<string, unknown>>('../../../src/demos/*.ts', { eager: true })).map(([path, m]) => [
    posix.join('src/demos', posix.basename(path, '.ts')),
    m,
  ]),
);

const isDemo = (c: unknown): c is DemoConfig => !!c && typeof c === 'object' && 'spec' in c && 'controls' in c;

function page(route: string, islands: Island[]): FuzzPage {
  const islandOf = new Map<string, Island>();
  for (const island of islands) {
    if (island.kind === 'experiment') islandOf.set(island.config.id, island);
    if (island.kind === 'picker') for (const d of island.config.demos) islandOf.set(d.id, island);
  }
  const targets = [...islandOf.keys()];
  return { route, targets, others: route.startsWith('/embed/') ? targets : [], islandOf, islands };
}

/** A chapter's islands, in the order its MDX places them, with the configs it imports from src/demos/. */
export function chapterIslands(file: string): Island[] {
  const text = readFileSync(join(CHAPTERS, file), 'utf8');
  const scope: Record<string, unknown> = {};
  for (const m of text.matchAll(/^import\s*\{([^}]*)\}\s*from\s*'([^']+)';?/gm)) {
    const module = demoModules[posix.join(CHAPTERS, m[2])];
    if (!module) continue;
    for (const name of m[1]
      .split(',')
      .map((n) => n.trim())
      .filter(Boolean)) {
      if (!(name in module)) throw new Error(`${file} imports ${name}, which ${m[2]} does not export`);
      scope[name] = module[name];
    }
  }
  const islands: Island[] = [];
  for (const m of text.matchAll(/<([A-Z]\w*)\b[^>]*?\bconfig=\{(\w+)\}/g)) {
    const [, component, name] = m;
    const config = scope[name];
    if (config === undefined) throw new Error(`${file}: <${component} config={${name}}> names no demo config it imports`);
    if (component === 'Experiment') islands.push({ kind: 'experiment', config: config as DemoConfig });
    else if (component === 'DemoPicker') islands.push({ kind: 'picker', config: config as DemoPickerConfig });
    else if (component === 'Sweep') islands.push({ kind: 'sweep', config: config as SweepConfig });
    else if (component === 'Gallery') islands.push({ kind: 'gallery', config: config as GalleryConfig });
    // Any other widget (the loss calculator, the pool explorer) shows no demo: it must not be handed one.
    else if (isDemo(config) || (config as { demos?: unknown[] }).demos?.some(isDemo))
      throw new Error(`${file}: <${component}> shows a demo; teach tests/unit/hostile/fuzzPages.ts about it`);
  }
  return islands;
}

/** Every chapter and embed page, sorted by route as the browser test lists the built pages. */
export function fuzzPages(): FuzzPage[] {
  const chapters = readdirSync(CHAPTERS)
    .filter((f) => f.endsWith('.mdx'))
    .map((f) => page(`/chapters/${f.replace(/\.mdx$/, '')}/`, chapterIslands(f)));
  // As src/pages/embed/[demo].astro builds them.
  const embeds = [
    ...allDemos.map((config) => page(`/embed/${config.id}/`, [{ kind: 'experiment', config }])),
    ...allSweeps.map((config) => page(`/embed/${config.id}/`, [{ kind: 'sweep', config }])),
    ...allGalleries.map((config) =>
      page(`/embed/${config.id}/`, [
        ...allDemos.filter((d) => config.demos?.includes(d.id)).map((d): Island => ({ kind: 'experiment', config: d })),
        { kind: 'gallery', config },
      ]),
    ),
  ];
  const pages = [...chapters, ...embeds].sort((a, b) => (a.route < b.route ? -1 : a.route > b.route ? 1 : 0));
  const routes = pages.map((p) => p.route);
  if (new Set(routes).size !== routes.length) throw new Error(`two pages share a route: ${routes.join(', ')}`);
  return pages;
}

/** The seeded links of every page, exactly as tests/e2e/fuzz-urls.spec.ts draws them (route r gets seed 1300 + r). */
export function pageCases(pages: FuzzPage[]): { page: FuzzPage; cases: FuzzCase[] }[] {
  return pages.map((page, r) => ({ page, cases: fuzzCases(page.targets, page.others, FIRST_SEED + r, PER_ROUTE) }));
}
