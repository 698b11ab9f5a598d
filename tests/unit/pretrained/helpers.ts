/** A small model file on disk (model.json + weights) for the loader and trainer tests, and specs that use it. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { MODEL_FORMAT, weightsFileName, type ModelManifest } from '../../../src/engine/model/pretrained';
import type { ExperimentSpecInput, LayerSpec } from '../../../src/engine/spec/schema';
import { float32Bytes } from '../../../scripts/pretrain/pretrain';

export const NAME = 'tiny-extractor';

/** The file's model: dense(5, relu) → dense(3, softmax) on flat input; layer 1 is the extractor. */
export const fileLayers: LayerSpec[] = [
  { type: 'dense', units: 5, activation: 'relu' },
  { type: 'dense', units: 3, activation: 'softmax' },
];

/** Deterministic, recognisable values: W1[i] = sin(i) / 10, b1[i] = 0.01 · (i + 1); then the head. */
export function fileValues(): Float32Array[] {
  const fill = (n: number, f: (i: number) => number) => Float32Array.from({ length: n }, (_, i) => f(i));
  return [fill(784 * 5, (i) => Math.sin(i) / 10), fill(5, (i) => 0.01 * (i + 1)), fill(5 * 3, (i) => i / 30), fill(3, () => 0)];
}

/** Writes the model file into a fresh directory (as public/models) and returns it with the weights' checksum. */
export function writeModelFile(patch: (m: ModelManifest, bytes: Uint8Array) => void = () => undefined): {
  dir: string;
  sha256: string;
  bytes: Uint8Array;
} {
  const dir = mkdtempSync(join(tmpdir(), 'lc-models-'));
  const bytes = float32Bytes(fileValues());
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    name: NAME,
    input: 'flat',
    layers: fileLayers,
    weights: { file: weightsFileName(sha256), bytes: bytes.byteLength, sha256 },
    tensors: [
      { name: 'W1', layer: 0, shape: [784, 5] },
      { name: 'b1', layer: 0, shape: [5] },
      { name: 'W2', layer: 1, shape: [5, 3] },
      { name: 'b2', layer: 1, shape: [3] },
    ],
  };
  patch(manifest, bytes);
  mkdirSync(join(dir, NAME));
  writeFileSync(join(dir, NAME, 'model.json'), JSON.stringify(manifest));
  writeFileSync(join(dir, NAME, manifest.weights.file), bytes);
  return { dir, sha256, bytes };
}

/** A binary task on the extractor's 5 features with a new dense(1) head; frozen unless said otherwise. */
export function transferSpec(sha256: string, extra: { freeze?: boolean; l2?: number; layers?: LayerSpec[] } = {}): ExperimentSpecInput {
  return {
    seed: 3,
    data: { dataset: 'fashion-mnist', task: { kind: 'binary', positive: [8] }, train: 60, test: 30 },
    model: {
      kind: 'layers',
      layers: extra.layers ?? [fileLayers[0], { type: 'dense', units: 1, activation: 'sigmoid' }],
      l2: extra.l2 ?? 0,
      pretrained: { name: NAME, sha256, layers: 1, freeze: extra.freeze ?? true },
    },
    optimizer: { type: 'adam', learningRate: 0.05 },
    training: { batchSize: 20, duration: { iterations: 30 } },
  };
}
