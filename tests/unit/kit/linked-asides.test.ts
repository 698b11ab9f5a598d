/** The demo ids a page hash names, as the chapters' linked asides read them (src/components/site/OpenLinkedAsides.astro). */
import { describe, expect, it } from 'vitest';
import { demoIdsIn } from '../../../src/components/experiment/controls/hash';

describe('demoIdsIn', () => {
  it('lists the ids of a page hash in order, skipping plain anchors and empty parts', () => {
    expect(demoIdsIn('#pool-maps:train=128;pool-with:ep=1')).toEqual(['pool-maps', 'pool-with']);
    expect(demoIdsIn('#the-arithmetic;;pool-probes:')).toEqual(['pool-probes']);
    expect(demoIdsIn('')).toEqual([]);
    // A percent-encoded pasted link is read like the plain one.
    expect(demoIdsIn('#pool-maps%3Atrain%3D128')).toEqual(['pool-maps']);
  });
});
