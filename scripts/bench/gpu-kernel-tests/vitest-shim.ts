// A minimal stand-in for vitest: enough of its API for tests/unit/kernels/*.test.ts to run them on a GPU machine
// without node_modules (bundled by scripts/bench/pack-gpu.mjs into .gpu/bench/kernels.mjs).
import { isDeepStrictEqual, inspect } from 'node:util';
type Fn = () => unknown | Promise<unknown>;
const tests: { name: string; fn: Fn | null }[] = [];
const befores: Fn[] = [];
const afters: Fn[] = [];
const prefix: string[] = [];
export function describe(name: string, body: () => void) {
  prefix.push(name);
  body();
  prefix.pop();
}
export function it(name: string, fn: Fn) {
  tests.push({ name: [...prefix, name].join(' > '), fn });
}
it.skipIf = (cond: boolean) => (name: string, fn: Fn) => tests.push({ name: [...prefix, name].join(' > '), fn: cond ? null : fn });
export const test = it;
export const beforeAll = (fn: Fn) => befores.push(fn);
export const afterAll = (fn: Fn) => afters.push(fn);
function check(ok: boolean, msg: string) {
  if (!ok) throw new Error(msg);
}
const s = (v: unknown) => inspect(v, { depth: 4, maxArrayLength: 8 });
function matchers(v: any, negate: boolean) {
  const c = (ok: boolean, what: string) => check(negate ? !ok : ok, `expected ${s(v)} ${negate ? 'not ' : ''}${what}`);
  return {
    toBe: (e: unknown) => c(Object.is(v, e), `to be ${s(e)}`),
    toEqual: (e: unknown) => c(isDeepStrictEqual(v, e), `to equal ${s(e)}`),
    toBeLessThan: (e: number) => c(v < e, `< ${e}`),
    toBeLessThanOrEqual: (e: number) => c(v <= e, `<= ${e}`),
    toBeGreaterThan: (e: number) => c(v > e, `> ${e}`),
    toBeGreaterThanOrEqual: (e: number) => c(v >= e, `>= ${e}`),
    toBeDefined: () => c(v !== undefined, 'to be defined'),
    toBeUndefined: () => c(v === undefined, 'to be undefined'),
    toBeNull: () => c(v === null, 'to be null'),
    toMatch: (e: RegExp | string) => c(typeof e === 'string' ? String(v).includes(e) : e.test(String(v)), `to match ${e}`),
  };
}
export function expect(v: unknown, _msg?: string) {
  return { ...matchers(v, false), not: matchers(v, true) };
}
export async function runAll(): Promise<number> {
  let failed = 0,
    passed = 0,
    skipped = 0;
  for (const f of befores) await f();
  for (const t of tests) {
    if (!t.fn) {
      skipped++;
      console.log(`SKIP ${t.name}`);
      continue;
    }
    const t0 = Date.now();
    try {
      await t.fn();
      passed++;
      console.log(`PASS ${t.name} (${Date.now() - t0} ms)`);
    } catch (err) {
      failed++;
      console.log(`FAIL ${t.name}: ${(err as Error).message}`);
    }
  }
  for (const f of afters) await f();
  console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
  return failed;
}
