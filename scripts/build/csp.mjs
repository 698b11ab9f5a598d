// Content-Security-Policy for the built site: no `unsafe-eval`, no inline script but the exact ones the build
// wrote (each allowed by its SHA-256), nothing from another origin. Written into every page as a <meta> tag (the
// first thing in <head>, before any script) and, for static hosts that read one, into `_headers` with the hashes
// of every page. Styles may be inline (KaTeX and Observable Plot set style attributes); Pagefind's search runs
// WebAssembly, which needs 'wasm-unsafe-eval' (WebAssembly compilation only, not eval).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Inline <script> elements (no src attribute): their exact text. */
const INLINE_SCRIPT = /<script\b((?:[^>"']|"[^"]*"|'[^']*')*)>([\s\S]*?)<\/script\s*>/gi;

/** The 'sha256-…' source of each inline script in `html`, in order of first appearance, without repeats. */
export function inlineScriptHashes(html) {
  const out = [];
  for (const [, attrs, body] of html.matchAll(INLINE_SCRIPT)) {
    if (/\ssrc\s*=/i.test(` ${attrs}`)) continue;
    const source = `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`;
    if (!out.includes(source)) out.push(source);
  }
  return out;
}

/** The policy for a page whose inline scripts hash to `hashes`. */
export function policy(hashes) {
  return [
    "default-src 'self'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** `html` with its policy as the first element of <head> (a page that has one already is left as it is). */
export function withPolicy(html) {
  if (/http-equiv=["']?content-security-policy/i.test(html)) return html;
  const meta = `<meta http-equiv="content-security-policy" content="${policy(inlineScriptHashes(html))}">`;
  const head = /<head\b[^>]*>/i.exec(html);
  if (!head) throw new Error('a built page has no <head> to put its Content-Security-Policy in');
  const at = head.index + head[0].length;
  // <meta charset> must stay within the first 1024 bytes: keep it first.
  const charset = /^\s*<meta charset="?[\w-]+"?\s*\/?>/i.exec(html.slice(at));
  const cut = at + (charset ? charset[0].length : 0);
  return html.slice(0, cut) + meta + html.slice(cut);
}

function htmlFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? htmlFiles(full) : name.endsWith('.html') ? [full] : [];
  });
}

/** Adds the policy to every page under `dir` and writes `_headers`; returns how many pages it wrote. */
export function applyPolicy(dir) {
  const all = new Set();
  const pages = htmlFiles(dir);
  for (const file of pages) {
    const html = withPolicy(readFileSync(file, 'utf8'));
    for (const h of inlineScriptHashes(html)) all.add(h);
    writeFileSync(file, html);
  }
  const header = `${policy([...all].sort())}; frame-ancestors *`;
  writeFileSync(
    join(dir, '_headers'),
    `# Written by scripts/build/csp.mjs for static hosts that read a _headers file.\n/*\n  Content-Security-Policy: ${header}\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n`,
  );
  return pages.length;
}

/** The Astro integration: runs after the build, on the output folder. */
export function contentSecurityPolicy() {
  return {
    name: 'learning-curves:csp',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const pages = applyPolicy(fileURLToPath(dir));
        logger.info(`Content-Security-Policy written into ${pages} pages and _headers`);
      },
    },
  };
}
