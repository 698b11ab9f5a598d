import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const dir = new URL('../../../src/metrics/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));

describe('src/metrics is pure', () => {
  it.each(files)('%s imports only its siblings: no Plot, no tfjs, no DOM, no engine or components', (file) => {
    const text = readFileSync(new URL(file, dir), 'utf8');
    const imports = [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)].map((m) => m[1]);
    expect(imports.filter((p) => !/^\.\/[\w-]+$/.test(p))).toEqual([]);
    expect(text).not.toMatch(/\b(document|window|HTMLElement)\b/);
  });

  it('has every module the index names', () => {
    const index = readFileSync(new URL('index.ts', dir), 'utf8');
    expect(files.filter((f) => f !== 'index.ts').map((f) => `./${f.replace(/\.ts$/, '')}`)).toEqual(
      [...index.matchAll(/from '([^']+)'/g)].map((m) => m[1]),
    );
  });
});
