/**
 * The Content-Security-Policy forbids eval: zod must never compile a parser with `new Function`. Every module
 * takes zod from src/engine/spec/zod.ts (jitless), and parsing a spec builds no function from a string.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : /\.tsx?$/.test(n) ? [join(dir, n)] : []));

describe('zod without eval', () => {
  it('is imported from the jitless module only', () => {
    const direct = files('src').filter(
      (f) => f !== join('src', 'engine', 'spec', 'zod.ts') && /^import (?!type)[^;]*from 'zod(\/[^']*)?';/m.test(readFileSync(f, 'utf8')),
    );
    expect(direct).toEqual([]);
  });

  it('parses a spec without building a function from a string', async () => {
    const { parseSpec } = await import('../../../src/engine/spec/parse');
    const { stuckDemo } = await import('../../../src/demos/learning-rate');
    const spy = vi.spyOn(globalThis, 'Function');
    try {
      expect(parseSpec(stuckDemo.spec).ok).toBe(true);
      expect(spy).not.toHaveBeenCalled();
    } finally {
      spy.mockRestore();
    }
  });
});
