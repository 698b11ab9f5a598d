/**
 * The layer-stack hash form (controls/layers/codec.ts) under random and hostile input: decoding never throws,
 * says which token it could not read, caps the stack, takes linear time on long tokens, and round-trips every
 * stack the editor can produce.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  canonicalLayer,
  decodeLayers,
  encodeLayer,
  encodeLayers,
  type LayerInput,
} from '../../../src/components/experiment/controls/layers/codec';
import { ACTIVATIONS } from '../../../src/engine/spec/vocabulary';
import { parseSpec } from '../../../src/engine/spec/parse';
import { courseCnn } from '../spec/fixtures';
import { expectUnpolluted, hostileString, hostileValue, NASTY_STRINGS } from './arbitraries';

afterAll(expectUnpolluted);

const size = fc.oneof(fc.integer({ min: 1, max: 28 }), fc.tuple(fc.integer({ min: 1, max: 28 }), fc.integer({ min: 1, max: 28 })));
const activation = fc.constantFrom(...ACTIVATIONS);
const padding = fc.constantFrom('valid', 'same');
/** Any layer the editor can produce (values the schema may still reject, e.g. 0 filters, are fine here). */
const layer: fc.Arbitrary<LayerInput> = fc.oneof(
  fc.record({ type: fc.constant('conv2d'), filters: fc.integer({ min: 0, max: 5000 }), kernel: size, stride: size, padding, activation }),
  fc
    .record({ type: fc.constantFrom('maxPooling2d', 'averagePooling2d'), pool: size, stride: fc.option(size, { nil: undefined }), padding })
    .map(({ stride, ...l }) => (stride === undefined ? l : { ...l, stride })),
  fc.constant({ type: 'flatten' }),
  fc.record({ type: fc.constant('dense'), units: fc.integer({ min: 0, max: 100000 }), activation }),
  fc.record({
    type: fc.constant('dropout'),
    rate: fc.oneof(fc.double({ min: 0, max: 0.999, noNaN: true }), fc.constantFrom(1e-7, 0.5, 0.25)),
  }),
);

describe('layer-stack hash form under hostile input', () => {
  it('round-trips every stack the editor can produce', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 30 }), (layers) => {
        const canonical = layers.map(canonicalLayer);
        const text = encodeLayers(canonical);
        expect(decodeLayers(text)).toEqual({ ok: true, value: canonical });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on any text; an unreadable token is named with its position', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          hostileString,
          fc
            .array(fc.oneof(hostileString, fc.constantFrom('c32k3', 'max2', 'flat', 'd10softmax')), { maxLength: 8 })
            .map((t) => t.join('-')),
        ),
        (text) => {
          const r = decodeLayers(text);
          if (r.ok) {
            expect(r.value.length).toBeGreaterThan(0);
            expect(r.value.length).toBeLessThanOrEqual(200);
          } else {
            expect(r.message).toMatch(/^(layer \d+ .+ is not a layer: write e\.g\. |a layer stack has at most 200 layers)/s);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('quotes markup and script URLs as text, never as markup', () => {
    for (const nasty of NASTY_STRINGS.filter((s) => /[<"]|javascript/i.test(s))) {
      const r = decodeLayers(`c8k3-${nasty}-d10softmax`);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.message).toContain(`layer 2 ${JSON.stringify(nasty.trim())}`);
    }
  });

  it('refuses a 10,000-layer stack at once, with a clear message', () => {
    const t0 = performance.now();
    const r = decodeLayers(Array.from({ length: 10_000 }, () => 'd8relu').join('-'));
    expect(r).toEqual({ ok: false, message: 'a layer stack has at most 200 layers, got 10000' });
    expect(performance.now() - t0).toBeLessThan(200);
  });

  it('takes linear time on long, nearly matching tokens (no catastrophic backtracking)', () => {
    for (const token of [
      'drop' + '1'.repeat(50_000) + 'x',
      'c' + '3'.repeat(50_000) + 'k',
      'max' + '2'.repeat(50_000) + 'sx',
      'd' + '9'.repeat(50_000) + 'relux',
    ]) {
      const t0 = performance.now();
      const r = decodeLayers(token);
      expect(r.ok).toBe(false);
      expect(performance.now() - t0, token.slice(0, 8)).toBeLessThan(100);
    }
  });

  it('decoded stacks always reach the spec validator as something it explains, never a throw', () => {
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 12 }), (layers) => {
        const r = decodeLayers(encodeLayers(layers.map(canonicalLayer)));
        if (!r.ok) return;
        const spec = courseCnn();
        const parsed = parseSpec({ ...spec, model: { kind: 'layers', layers: r.value } });
        if (!parsed.ok) for (const issue of parsed.issues) expect(issue.message).toMatch(/\S/);
      }),
      { numRuns: 200 },
    );
  });

  it('encodes and canonicalises any layer-like value without throwing', () => {
    fc.assert(
      fc.property(
        hostileValue,
        fc.constantFrom('conv2d', 'maxPooling2d', 'averagePooling2d', 'flatten', 'dense', 'dropout', 'lstm', '__proto__'),
        (junk, type) => {
          const l = {
            ...(junk !== null && typeof junk === 'object' && !Array.isArray(junk)
              ? junk
              : { filters: junk, units: junk, rate: junk, pool: junk }),
            type,
          } as LayerInput;
          expect(typeof encodeLayer(canonicalLayer(l))).toBe('string');
        },
      ),
      { numRuns: 300 },
    );
  });
});
