// Where the built book will live, from the environment, so one build command deploys anywhere:
//   SITE  the origin it is served from, e.g. https://example.github.io (sitemap, canonical links); default: the
//         local preview, http://127.0.0.1:4321
//   BASE  the path under that origin, e.g. /learning-curves/ for a GitHub Pages project site; default: /
// Astro's `site` and `base` (astro.config.mjs) come from here; pages build their links with `siteHref`
// (src/components/site/base.ts), the service worker's list of files with the same base (offline.mjs).

export const DEFAULT_SITE = 'http://127.0.0.1:4321';
export const DEFAULT_BASE = '/';

/** SITE as Astro wants it: an absolute http(s) URL, without a trailing slash. Throws on anything else. */
export function siteFrom(value) {
  const text = String(value ?? '').trim();
  if (text === '') return DEFAULT_SITE;
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`SITE must be an absolute URL such as https://example.github.io, not ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`SITE must be an http(s) URL, not ${JSON.stringify(text)}`);
  if (url.search || url.hash) throw new Error(`SITE takes no query or fragment: ${JSON.stringify(text)}`);
  return url.href.replace(/\/+$/, '');
}

/** BASE as a path that starts and ends with "/" ('learning-curves' → '/learning-curves/'). Throws on a path that is not one. */
export function baseFrom(value) {
  const text = String(value ?? '').trim();
  if (text === '' || text === '/') return DEFAULT_BASE;
  const segments = text.split('/').filter(Boolean);
  if (segments.some((s) => s === '.' || s === '..' || !/^[\w.~-]+$/.test(s))) {
    throw new Error(`BASE must be a plain path such as /learning-curves/, not ${JSON.stringify(text)}`);
  }
  return `/${segments.join('/')}/`;
}

/** Astro's `site` and `base` for an environment (process.env by default). */
export function siteConfig(env = process.env) {
  return { site: siteFrom(env.SITE), base: baseFrom(env.BASE) };
}
