/**
 * The committed pretrained extractor (public/models/fashion-8-extractor/) is what its script makes.
 *
 * Rerunning the whole script takes minutes on a 2-core machine, too long for every test run, so by default
 * this test checks the committed file against its documented checksum and recipe, recomputes the documented
 * accuracy from the committed weights, and checks that the script is deterministic over its first steps.
 * LC_PRETRAIN_FULL=1 also reruns the whole script and compares the checksum bit for bit (expected to match
 * with the same tfjs version on the CPU backend; another tfjs release may round differently).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadExperimentData } from '../../../src/engine/data/source';
import { createNodeSource } from '../../../src/engine/data/source-node';
import { loadPretrained, parseModelManifest, weightsFileName } from '../../../src/engine/model/pretrained';
import { createNodeModelSource } from '../../../src/engine/model/pretrained-node';
import { assertSpec } from '../../../src/engine/spec/parse';
import { Trainer } from '../../../src/engine/train/trainer';
import { EXTRACTOR_SHA256, transferSpec } from '../../../src/demos/loss-accuracy';
import { EXTRACTOR_LAYERS, MODEL_NAME, pretrainSpec } from '../../../scripts/pretrain/recipe';
import { pretrain } from '../../../scripts/pretrain/pretrain';
import { useCpu } from '../train/helpers';

beforeAll(useCpu);

const dir = join('public', 'models', MODEL_NAME);
const manifest = parseModelManifest(JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')), 'model.json');
const training = manifest.training as {
  spec: Record<string, unknown>;
  extractorLayers: number;
  final: { test: { loss: number; accuracy: number; n: number } };
};

describe(`the committed model file ${MODEL_NAME}`, () => {
  it('has the checksum that model.json and the chapter’s demo document', () => {
    const bytes = readFileSync(join(dir, manifest.weights.file));
    const sha = createHash('sha256').update(bytes).digest('hex');
    expect(sha).toBe(manifest.weights.sha256);
    expect(sha).toBe(EXTRACTOR_SHA256);
    expect(manifest.weights.file).toBe(weightsFileName(sha));
    expect(bytes.byteLength).toBe(manifest.weights.bytes);
  });

  it('documents the recipe in scripts/pretrain/recipe.ts', () => {
    const recipe = assertSpec(pretrainSpec);
    expect(manifest.layers).toEqual(recipe.model.kind === 'layers' ? recipe.model.layers : null);
    expect(training.spec).toEqual({ seed: recipe.seed, data: recipe.data, optimizer: recipe.optimizer, training: recipe.training });
    expect(training.extractorLayers).toBe(EXTRACTOR_LAYERS);
    // The chapter's transfer demo takes exactly the extractor.
    expect(assertSpec(transferSpec).model.pretrained).toEqual({
      name: MODEL_NAME,
      sha256: EXTRACTOR_SHA256,
      layers: EXTRACTOR_LAYERS,
      freeze: true,
    });
  });

  it('reaches the documented test accuracy on the eight pretraining classes', async () => {
    const spec = assertSpec({
      ...pretrainSpec,
      model: {
        ...pretrainSpec.model,
        pretrained: { name: MODEL_NAME, sha256: EXTRACTOR_SHA256, layers: manifest.layers.length, freeze: false },
      },
    });
    const data = await loadExperimentData(createNodeSource(), { ...spec.data, seed: spec.seed });
    const pretrained = await loadPretrained(createNodeModelSource(), spec);
    const trainer = new Trainer(spec, { train: data.train, test: data.test, pretrained });
    const ev = await trainer.evaluate();
    trainer.dispose();
    expect(ev.test!.n).toBe(training.final.test.n);
    expect(ev.test!.accuracy).toBeCloseTo(training.final.test.accuracy, 4);
    expect(ev.test!.loss).toBeCloseTo(training.final.test.loss, 4);
    expect(ev.test!.accuracy).toBeGreaterThan(0.85);
  });

  it('comes from a deterministic script: the same first steps give the same bytes', async () => {
    const a = await pretrain(pretrainSpec, { maxSteps: 3 });
    const b = await pretrain(pretrainSpec, { maxSteps: 3 });
    expect(a.steps).toBe(3);
    expect(a.sha256).toBe(b.sha256);
    expect(a.sha256).not.toBe(EXTRACTOR_SHA256);
  });

  it.skipIf(!process.env.LC_PRETRAIN_FULL)(
    'is reproduced bit for bit by rerunning the whole script (LC_PRETRAIN_FULL=1)',
    async () => {
      const r = await pretrain(pretrainSpec);
      expect(r.sha256).toBe(EXTRACTOR_SHA256);
    },
    1_800_000,
  );
});
