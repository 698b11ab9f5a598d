// @vitest-environment jsdom
// @vitest-environment-options {"console": true, "url": "http://127.0.0.1:4329/"}
/**
 * Fuzzed links, all of them: the 340 hostile URL hashes of tests/e2e/fuzz-hash.ts (ten per chapter and embed
 * page, the same fixed seeds as tests/e2e/fuzz-urls.spec.ts), each opened as the browser would open it. The page's
 * URL is set to the route and the link, the island that shows the demo the link names is server-rendered (without
 * the hash, as the build does) and hydrated, and once it is live: the demo shows a message beside its controls,
 * as text (no element inside it), its Train button is there, no script ran (`__pwned`), no prototype is polluted,
 * no markup of the payloads' making is in the document, nothing was printed with console.error or thrown, no
 * dialog was opened and nothing was requested. The browser test keeps a slice of these links in real Chromium.
 *
 * The pages and their demos come from the sources (fuzzPages.ts), not from a build; when a build newer than the
 * sources is there, they are checked against its HTML too.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { h, hydrate, render, type ComponentType } from 'preact';
import { act } from 'preact/test-utils';
import { renderToString } from 'preact-render-to-string';
import Experiment from '../../../src/components/experiment/Experiment';
import Sweep from '../../../src/components/experiment/Sweep';
import Gallery from '../../../src/components/experiment/Gallery';
import DemoPicker from '../../../src/components/widgets/demo-picker/DemoPicker';
import { readDemoLink } from '../../../src/components/experiment/controls/hash';
import { loadValidator } from '../../../src/components/experiment/validation';
import { allDemos, allGalleries, allSweeps } from '../../../src/demos';
import { KEYS } from '../../e2e/fuzz-hash';
import { fuzzPages, pageCases, PER_ROUTE, type Island } from './fuzzPages';

// The page's shared worker, replaced by a stand-in that records what the page posts: a link trains nothing.
const worker = vi.hoisted(() => ({ posted: [] as unknown[] }));
vi.mock('../../../src/components/experiment/store/client', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/components/experiment/store/client')>();
  const { fakeWorker } = await import('../helpers/fakeWorker');
  const fake = fakeWorker();
  worker.posted = fake.posted;
  const client = fake.client();
  return { ...actual, sharedClient: () => client, restartSharedClient: () => client };
});

const pages = fuzzPages();
const all = pageCases(pages);

const COMPONENTS: Record<Island['kind'], ComponentType<{ config: never }>> = {
  experiment: Experiment as ComponentType<{ config: never }>,
  picker: DemoPicker as ComponentType<{ config: never }>,
  sweep: Sweep as ComponentType<{ config: never }>,
  gallery: Gallery as ComponentType<{ config: never }>,
};
const vnode = (island: Island) => h(COMPONENTS[island.kind], { config: island.config as never });

/** Each island's server HTML, rendered and parsed once before any link is read (no hash, no validator: as the build renders it). */
const serverHtml = new Map<Island, HTMLTemplateElement>();

// Traps, reset before each link.
const trapped = { errors: [] as string[], dialogs: [] as string[], requests: [] as string[] };
const onError = (e: ErrorEvent) => trapped.errors.push(`uncaught: ${e.message}`);
const onRejection = (e: PromiseRejectionEvent) => trapped.errors.push(`unhandled rejection: ${String(e.reason)}`);
const onProcessRejection = (reason: unknown) => trapped.errors.push(`unhandled rejection: ${String(reason)}`);

beforeAll(async () => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void trapped.errors.push(args.map(String).join(' ')));
  for (const name of ['alert', 'confirm', 'prompt', 'print'] as const)
    vi.spyOn(window, name).mockImplementation(((message?: unknown) => void trapped.dialogs.push(`${name}: ${String(message)}`)) as never);
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    trapped.requests.push(String(input instanceof Request ? input.url : input));
    return new Response('', { status: 404 });
  });
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  process.on('unhandledRejection', onProcessRejection);
  history.replaceState(null, '', '/');
  for (const { page } of all)
    for (const island of page.islands) {
      if (serverHtml.has(island)) continue;
      const template = document.createElement('template');
      template.innerHTML = renderToString(vnode(island));
      serverHtml.set(island, template);
    }
  // A link whose values decode but are out of range is judged by the validator, which the page loads on that need;
  // loaded here once, so that each demo answers within a few ticks (and a demo that never answers fails fast).
  await loadValidator();
  expect(trapped).toEqual({ errors: [], dialogs: [], requests: [] });
});

afterAll(() => {
  window.removeEventListener('error', onError);
  window.removeEventListener('unhandledrejection', onRejection);
  process.off('unhandledRejection', onProcessRejection);
  vi.restoreAllMocks();
});

beforeEach(() => {
  trapped.errors.length = 0;
  trapped.dialogs.length = 0;
  trapped.requests.length = 0;
});
afterEach(() => {
  delete (globalThis as { __pwned?: unknown }).__pwned;
  delete (window as { __pwned?: unknown }).__pwned;
  document.body.replaceChildren();
});

/** Lets effects, timers and dynamic imports (the validator) run, until `done()` or `ms` have passed. */
async function settle(done: () => boolean, ms = 1_000): Promise<void> {
  const until = Date.now() + ms;
  do {
    await act(() => new Promise<void>((resolve) => setTimeout(resolve, 1)));
  } while (!done() && Date.now() < until);
}

/** Not hidden by itself or by anything around it (jsdom lays nothing out: the `hidden` attribute is what hides here). */
const shown = (el: Element) => !el.closest('[hidden]');

/** The demo's message beside its controls, as the browser test finds it: the first one shown. */
const messageIn = (d: Element) => [...d.querySelectorAll('.lc-link-issues, .lc-field__error')].find(shown) ?? null;

/** The traps' state after a link: what the browser test compares with "nothing happened". */
function aftermath() {
  return {
    pwned: (globalThis as { __pwned?: unknown }).__pwned ?? (window as { __pwned?: unknown }).__pwned ?? null,
    polluted: ({} as Record<string, unknown>).polluted ?? (Object.prototype as Record<string, unknown>).polluted ?? null,
    injected: document.querySelectorAll('img[src="x"], iframe[srcdoc], svg[onload], script').length,
    dialogs: trapped.dialogs,
    errors: trapped.errors,
    requests: trapped.requests,
    posted: worker.posted.length,
  };
}
const NOTHING = { pwned: null, polluted: null, injected: 0, dialogs: [], errors: [], requests: [], posted: 0 };

/** Opens `route` + `hash` and hydrates `islands` from their server HTML; returns their roots. */
async function open(route: string, hash: string, islands: Island[]): Promise<HTMLElement[]> {
  const roots = islands.map((island) => {
    const root = document.createElement('astro-island');
    root.append(serverHtml.get(island)!.content.cloneNode(true));
    document.body.append(root);
    return root;
  });
  history.replaceState(null, '', `${route}${hash}`);
  for (const [i, island] of islands.entries()) await act(() => hydrate(vnode(island), roots[i]));
  return roots;
}

async function close(roots: HTMLElement[]): Promise<void> {
  for (const root of roots) await act(() => render(null, root));
}

/** The demo `target` is live and shows a message beside its controls, as text, with its Train button. */
async function expectAnswered(target: string, where: string): Promise<void> {
  const d = () => [...document.querySelectorAll('[data-demo]')].find((el) => el.getAttribute('data-demo') === target) ?? null;
  // Live (controls no longer aria-disabled after hydration) and answered.
  await settle(() => !!d()?.querySelector('fieldset.lc-live:not([aria-disabled])') && !!messageIn(d()!));
  const demo = d();
  expect(demo, where).not.toBeNull();
  // A variant behind a row of choices is the one chosen, the link naming it.
  expect(shown(demo!), where).toBe(true);
  expect(demo!.querySelector('fieldset.lc-live')?.hasAttribute('aria-disabled'), where).toBe(false);
  const message = messageIn(demo!);
  expect(message, where).not.toBeNull();
  expect(message!.textContent!.trim().length, where).toBeGreaterThan(20);
  // Whatever the link carried is shown as text: no element of its making inside the message.
  expect(demo!.querySelectorAll('.lc-link-issues *, .lc-field__error *').length, where).toBe(0);
  expect(
    [...demo!.querySelectorAll('button')].some((b) => shown(b) && /^Train/.test(b.textContent!.trim())),
    where,
  ).toBe(true);
}

describe('the fuzzed links', () => {
  it(`cover every chapter and embed page with ${PER_ROUTE} links each, 300 or more in all, naming the demos the pages show`, () => {
    const routes = pages.map((p) => p.route);
    expect(routes.filter((r) => r.startsWith('/chapters/')).length).toBeGreaterThanOrEqual(5);
    expect(routes.filter((r) => r.startsWith('/embed/')).length).toBeGreaterThanOrEqual(29);
    expect(routes.filter((r) => r.startsWith('/embed/'))).toEqual(
      [...allDemos, ...allSweeps, ...allGalleries].map((c) => `/embed/${c.id}/`).sort(),
    );
    expect(all.flatMap((a) => a.cases).length).toBeGreaterThanOrEqual(300);
    for (const { page, cases } of all) {
      expect(cases, page.route).toHaveLength(PER_ROUTE);
      // A page with a demo that takes settings gets links for its demos; one without gets links for nothing.
      for (const c of cases)
        expect(c.target === null ? page.targets.length === 0 : page.targets.includes(c.target), `${page.route}${c.hash}`).toBeTruthy();
    }
    // The chapters with demos (pooling's variants behind a picker included) have links that name them.
    const pooling = pages.find((p) => p.route === '/chapters/pooling/')!;
    expect(pooling.targets).toEqual(expect.arrayContaining(['pool-maps', 'pool-with', 'pool-max3', 'pool-probes']));
    expect(pooling.islandOf.get('pool-max3')?.kind).toBe('picker');
    expect(KEYS).toEqual(expect.arrayContaining(['lr', 'sizes', 'layers', 'it', 'ep', 'seed']));
  });

  // `npm test` builds after the unit tests, so a build may be missing or older than the sources; when one is newer,
  // the pages derived here must be those it built (the ones the browser test opens).
  const sources = [
    ...readdirSync('src/content/docs/chapters').map((f) => join('src/content/docs/chapters', f)),
    ...readdirSync('src/demos').map((f) => join('src/demos', f)),
    'src/pages/embed/[demo].astro',
  ];
  const built = pages.map((p) => join('dist', p.route, 'index.html'));
  const fresh =
    built.every(existsSync) && Math.min(...built.map((f) => statSync(f).mtimeMs)) > Math.max(...sources.map((f) => statSync(f).mtimeMs));
  it.skipIf(!fresh)('name the same demos, in the same order, as the built pages show', () => {
    for (const p of pages) {
      const html = readFileSync(join('dist', p.route, 'index.html'), 'utf8');
      const starts = [...html.matchAll(/<section class="lc-experiment[^>]*data-demo="([^"]+)"/g)];
      const live = starts
        .filter((m, i) => html.slice(m.index, starts[i + 1]?.index ?? html.length).includes('class="lc-live"'))
        .map((m) => m[1]);
      expect(p.targets, p.route).toEqual(live);
    }
  });
});

describe.each(all.map(({ page, cases }) => [page.route, page, cases] as const))('%s', (route, page, cases) => {
  it.each(cases.map((c, i) => [i, c.target ?? 'no demo', c] as const))(
    'link %i (%s) runs no script, throws nothing and is answered beside the demo',
    async (i, _name, { hash, target }) => {
      const where = `link ${i}: ${route}${hash.length > 300 ? `${hash.slice(0, 300)}… (${hash.length} chars)` : hash}`;
      worker.posted.length = 0;
      // The island that shows the demo the link names; on a page without one, the page's islands (if any).
      const roots = await open(route, hash, target ? [page.islandOf.get(target)!] : page.islands);
      try {
        if (target) await expectAnswered(target, where);
        else {
          await settle(() => false, 20);
          // Reading the link for any demo of the book throws nothing either.
          for (const d of allDemos) expect(() => readDemoLink(location.hash, d.id), where).not.toThrow();
        }
        expect(aftermath(), where).toEqual(NOTHING);
      } finally {
        await close(roots);
      }
      expect(trapped.errors, `${where} (on unmount)`).toEqual([]);
    },
  );
});
