// Offline reading: after the build, writes `sw.js`, a service worker that keeps every page and asset of this build
// (not the data shards: the training worker keeps the ones it downloaded in its own Cache Storage bucket, checked
// against their SHA-256), and an Astro integration that registers it on every page of a production build and
// says so when the reader is offline. The cache name carries a digest of the build, so a new build replaces the old.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Cache Storage buckets of the page shell start so; the data cache ('learning-curves-data-…') is never touched. */
export const SHELL_PREFIX = 'learning-curves-shell-';
/**
 * Folders kept out of the shell: the data shards (hundreds of MB, cached by the training worker as it uses them)
 * and the test-only pages (src/pages/test/).
 */
const SKIP = new Set(['data', 'test']);

function walk(dir, root = dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return dir === root && SKIP.has(name) ? [] : walk(full, root);
    return [full];
  });
}

/** The addresses to keep (pages as their folder URL) and a digest of their contents, for a build in `dir`. */
export function shellOf(dir, base = '/') {
  const files = walk(dir)
    .filter((f) => !/(^|[/\\])(sw\.js|_headers|sitemap[^/\\]*\.xml)$/.test(f))
    .sort();
  const digest = createHash('sha256');
  const urls = files.map((f) => {
    digest.update(relative(dir, f)).update(readFileSync(f));
    const path = relative(dir, f).split(sep).join('/');
    return base + (path === 'index.html' ? '' : path.endsWith('/index.html') ? path.slice(0, -'index.html'.length) : path);
  });
  return { urls, version: digest.digest('hex').slice(0, 12) };
}

/** The service worker's source for a shell. */
export function serviceWorker({ urls, version }) {
  const template = readFileSync(fileURLToPath(new URL('./sw-template.js', import.meta.url)), 'utf8');
  return template
    .replace('__SHELL__', JSON.stringify(urls))
    .replace('__CACHE__', JSON.stringify(SHELL_PREFIX + version))
    .replace('__PREFIX__', JSON.stringify(SHELL_PREFIX));
}

export function offline() {
  // The site's base path (BASE, e.g. '/learning-curves/'): the worker is registered at <base>sw.js with scope <base>,
  // and the addresses it keeps must be under it too.
  let base = '/';
  return {
    name: 'learning-curves:offline',
    hooks: {
      'astro:config:setup': ({ command, injectScript }) => {
        // Production builds only: `astro dev` never gets a service worker in its way.
        if (command === 'build') injectScript('page', `import '/src/components/site/offline.ts';`);
      },
      'astro:config:done': ({ config }) => {
        base = config.base.replace(/\/?$/, '/');
      },
      'astro:build:done': ({ dir, logger }) => {
        const shell = shellOf(fileURLToPath(dir), base);
        writeFileSync(join(fileURLToPath(dir), 'sw.js'), serviceWorker(shell));
        logger.info(`sw.js keeps ${shell.urls.length} files (cache ${SHELL_PREFIX}${shell.version})`);
      },
    },
  };
}
