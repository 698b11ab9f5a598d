/**
 * Model files from the site, for browsers and workers: `<baseUrl>models/<name>/<file>`, through the same base
 * URL as the data. model.json is revalidated on every load (its name carries no checksum); the weights file's
 * name carries its checksum, so the browser's HTTP cache may keep it. The loader verifies every byte anyway.
 */
import type { ModelSource } from './pretrained';

export interface BrowserModelSourceOptions {
  /** The site's base path ending in "/", e.g. import.meta.env.BASE_URL. Default "/". */
  baseUrl?: string;
  /** Injected for tests; defaults to globalThis.fetch. */
  fetch?: typeof globalThis.fetch;
}

export function createBrowserModelSource(options: BrowserModelSourceOptions = {}): ModelSource {
  const base = (options.baseUrl ?? '/').replace(/\/?$/, '/');
  const doFetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const get = async (name: string, file: string, init?: RequestInit): Promise<Response> => {
    const res = await doFetch(`${base}models/${name}/${file}`, init);
    if (!res.ok) throw new Error(`the server answered ${res.status} ${res.statusText}`.trim());
    return res;
  };
  return {
    text: async (name, file) => (await get(name, file, { cache: 'no-cache' })).text(),
    bytes: async (name, file) => new Uint8Array(await (await get(name, file)).arrayBuffer()),
  };
}
