import { describe, expect, it } from 'vitest';
import { loadExperimentData } from '../../../src/engine/data/source';
import { createNodeSource } from '../../../src/engine/data/source-node';
import { assertSpec } from '../../../src/engine/spec/parse';
import { finetuneSpec, overfitSpec, transferSpec } from '../../../src/demos/loss-accuracy';
import { summarize } from '../../../src/engine/spec/summarize';

const perClass = (y: Uint8Array) => [0, 6].map((c) => y.filter((v) => v === c).length);

describe('the chapter’s splits are the thread’s', () => {
  it.each([
    ['from scratch', overfitSpec],
    ['transfer', transferSpec],
    ['fine-tuned', finetuneSpec],
  ])('%s: 154 + 154 training, 26 + 26 validation, 77 + 77 test images of T-shirt/top and Shirt', async (_name, input) => {
    const spec = assertSpec(input);
    const d = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed });
    expect(perClass(d.train.y)).toEqual([154, 154]);
    expect(perClass(d.validation.y)).toEqual([26, 26]);
    expect(perClass(d.test.y)).toEqual([77, 77]);
    // Shirt (6) is the positive label.
    expect(d.validation.labels.filter((l, i) => l === (d.validation.y[i] === 6 ? 1 : 0)).length).toBe(52);
  });
});

describe('the fine-tuned variant', () => {
  it('is the frozen-extractor experiment with freeze: false and nothing else changed; every parameter trains', () => {
    const frozen = assertSpec(transferSpec);
    const tuned = assertSpec(finetuneSpec);
    expect(tuned.model.pretrained).toEqual({ ...frozen.model.pretrained, freeze: false });
    expect({ ...tuned, id: frozen.id, model: { ...tuned.model, pretrained: frozen.model.pretrained } }).toEqual(frozen);
    expect(summarize(frozen).frozenParams).toBe(1248);
    expect(summarize(tuned).frozenParams ?? 0).toBe(0);
    expect(summarize(tuned).totalParams).toBe(summarize(frozen).totalParams);
  });
});
