/** The build's Content-Security-Policy step: exact hashes of inline scripts, no eval, the meta tag first in <head>. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScriptHashes, policy, withPolicy } from '../../../scripts/build/csp.mjs';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const page = (head: string, body = '') => `<!DOCTYPE html><html><head><meta charset="utf-8"/>${head}</head><body>${body}</body></html>`;

describe('Content-Security-Policy', () => {
  it('hashes each inline script once, byte for byte, and skips scripts with a src', () => {
    const a = '(()=>{document.documentElement.dataset.theme="dark"})();';
    const b = 'import "/_astro/x.js"\n';
    const html = page(
      `<script>${a}</script><script type="module" src="/_astro/p.js"></script>`,
      `<script type="module">${b}</script><script>${a}</script>`,
    );
    expect(inlineScriptHashes(html)).toEqual([sha(a), sha(b)]);
    expect(inlineScriptHashes(page('<script src="/a.js"></script>'))).toEqual([]);
    // One byte more is another script: its hash differs.
    expect(inlineScriptHashes(page(`<script>${a} </script>`))).not.toEqual([sha(a)]);
  });

  it('allows no eval and no inline script beyond the hashed ones', () => {
    const p = policy([sha('x')]);
    const script = p.split('; ').find((d: string) => d.startsWith('script-src '))!;
    expect(script.split(' ').sort()).toEqual(["'self'", "'wasm-unsafe-eval'", sha('x'), 'script-src'].sort());
    expect(p).not.toContain("'unsafe-eval'");
    expect(script).not.toContain("'unsafe-inline'");
    expect(p).not.toContain('*');
    expect(p).toContain("object-src 'none'");
    expect(p).toContain("connect-src 'self'");
  });

  it('puts the policy right after <meta charset>, before any script, and only once', () => {
    const html = withPolicy(page('<script>1</script><title>t</title>'));
    expect(html).toMatch(
      /^<!DOCTYPE html><html><head><meta charset="utf-8"\/><meta http-equiv="content-security-policy" content="[^"]*'sha256-[^"]+"><script>1<\/script>/,
    );
    expect(withPolicy(html)).toBe(html);
    expect(() => withPolicy('<p>no head</p>')).toThrow(/no <head>/);
  });
});
