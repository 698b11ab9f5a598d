import { describe, expect, it } from 'vitest';
import { applyOverrides } from '../../../src/components/experiment/controls/hash';
import type { Overrides } from '../../../src/components/experiment/controls/types';
import { settingsTitle } from '../../../src/components/experiment/settingsTitle';
import { explodeDemo, stuckDemo, sweepDemo } from '../../../src/demos/learning-rate';
import { overfitDemo } from '../../../src/demos/loss-accuracy';

const titled = (config: { title: string; spec: Parameters<typeof applyOverrides>[0] }, o: Overrides) =>
  settingsTitle(config.title, config.spec, applyOverrides(config.spec, o));

describe('settingsTitle', () => {
  it('is the title itself when nothing differs from the demo', () => {
    expect(titled(stuckDemo, {})).toBe(stuckDemo.title);
    // A value equal to the demo's own is no change either.
    expect(titled(stuckDemo, { sizes: [784, 7, 1], seed: 9 })).toBe(stuckDemo.title);
  });

  it('rewrites the layer sizes the title states: shared [784, 20, 1] never reads [784, 7, 1]', () => {
    const t = titled(stuckDemo, { sizes: [784, 20, 1] });
    expect(t).toBe('The learner’s network: [784, 20, 1], full-batch gradient descent');
    expect(t).not.toContain('[784, 7, 1]');
  });

  it('lists the changed settings the title does not state, in the registry order, after it', () => {
    expect(titled(stuckDemo, { learningRate: 1, iterations: 300, seed: 3 })).toBe(`${stuckDemo.title} (lr 1, iterations 300, seed 3)`);
    expect(titled(sweepDemo, { iterations: 3, sizes: [784, 2, 1] })).toBe(
      'A learning-rate sweep in factors of three ([784, 2, 1], iterations 3)',
    );
  });

  it('rewrites a number only where the title names it as that setting', () => {
    // "learning rate 10" is the learning rate.
    expect(titled(explodeDemo, { learningRate: 1 })).toBe('A truly exploding run: linear hidden layer, learning rate 1');
    // "308 training images" is the training-set size and "batch size 2" the batch size …
    expect(overfitDemo.title).toContain('308 training images, batch size 2');
    expect(titled(overfitDemo, { trainSize: 500, batchSize: 4 })).toContain('500 training images, batch size 4');
    // … but a seed of 2 is not the "2" of "batch size 2": it is listed instead.
    const spec = { ...overfitDemo.spec, seed: 2 };
    expect(settingsTitle(overfitDemo.title, spec, { ...spec, seed: 3 })).toBe(`${overfitDemo.title} (seed 3)`);
  });

  it('never rewrites an unrelated number, and lists the setting instead', () => {
    const spec = { ...stuckDemo.spec, seed: 50 };
    expect(settingsTitle('50 test images, seed fixed', spec, { ...spec, seed: 51 })).toBe('50 test images, seed fixed (seed 51)');
    expect(settingsTitle('Seed 50 and 50 test images', spec, { ...spec, seed: 51 })).toBe('Seed 51 and 50 test images');
  });

  it('cuts a hostile value short and keeps it as text', () => {
    const t = titled(stuckDemo, { sizes: `<img src=x onerror=alert(1)>${'9'.repeat(200)}` });
    expect(t.length).toBeLessThan(stuckDemo.title.length + 45);
    expect(t).toContain('<img src=x onerror=alert(1)>');
    expect(t).not.toContain('[784, 7, 1]');
  });
});
