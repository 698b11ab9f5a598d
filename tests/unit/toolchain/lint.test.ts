/**
 * The linter (`npm run lint`, first step of `npm test`) can fail: ESLint's Node API with the repository's own
 * `eslint.config.js` on tiny snippets, one per kind of file it covers (TypeScript, a Preact island, an Astro
 * component, a build script). A config that silently matched nothing, or a parser that stopped loading, would let
 * every snippet through.
 */
import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

/** The rule ids ESLint reports for `code` as if it were the file at `filePath` (it need not exist). */
async function rulesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  expect(
    result.messages.filter((m) => m.fatal),
    `parse errors in ${filePath}`,
  ).toEqual([]);
  return result.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? '');
}

describe('eslint.config.js', () => {
  it('accepts clean TypeScript', async () => {
    expect(await rulesFor('export const double = (x: number): number => x * 2;\n', 'src/engine/__lint_probe__.ts')).toEqual([]);
  });

  it('reports an unused variable and == in TypeScript, but not an unused _name', async () => {
    const code = 'export function f(a: number, _b: number) {\n  const unused = 1;\n  return a == 2;\n}\n';
    const rules = await rulesFor(code, 'src/engine/__lint_probe__.ts');
    expect(rules).toContain('@typescript-eslint/no-unused-vars');
    expect(rules).toContain('eqeqeq');
    expect(rules).toHaveLength(2);
  });

  it('reports a hook called conditionally in a Preact island', async () => {
    const code =
      "import { useState } from 'preact/hooks';\nexport function C({ on }: { on: boolean }) {\n  if (on) useState(0);\n  return <p>x</p>;\n}\n";
    expect(await rulesFor(code, 'src/components/__lint_probe__.tsx')).toContain('react-hooks/rules-of-hooks');
  });

  it('lints Astro components, frontmatter included', async () => {
    const code = "---\nconst unused: number = 1;\n---\n<p set:text={'a'} set:html={'b'}></p>\n";
    const rules = await rulesFor(code, 'src/components/__lint_probe__.astro');
    expect(rules).toContain('@typescript-eslint/no-unused-vars');
    expect(rules).toContain('astro/no-conflict-set-directives');
  });

  it('lints build scripts (.mjs) with Node globals', async () => {
    expect(await rulesFor('console.log(process.argv);\nexport const x = 1;\n', 'scripts/build/__lint_probe__.mjs')).toEqual([]);
    expect(await rulesFor('export const y = undefinedName + 1;\n', 'scripts/build/__lint_probe__.mjs')).toContain('no-undef');
  });
});
